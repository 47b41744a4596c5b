"""hash() of a fixed set of str, bytes and memoryview objects under fixed
PYTHONHASHSEEDs, as an interpreter computes them.

    python3 Tools/rust/string_hashes.py PYTHON > values.json

Lib/test/test_tools/c_string_hashes_<algorithm>.json were made this way from
the C builds of cpython_with_rust.py (`3.13-no-rust` for siphash13,
`3.13-no-rust-siphash24`); test_rust_cpython.py computes the same with every
build and compares.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SEEDS = [0, 1, 42, 4294967295]

# Run in the interpreter under test: prints {label: hash} as JSON. Each kind
# of input crosses the 8-byte word boundary several times.
PROGRAM = r"""
import json
inputs = {"bytes 0": b""}
for length in range(1, 65):
    inputs[f"bytes {length}"] = bytes((index * 37 + length) & 0xFF for index in range(length))
mebibyte = bytes((index * 7 + index // 251) & 0xFF for index in range(1 << 20))
inputs["bytes 1 MiB"] = mebibyte
inputs["memoryview 1 MiB"] = memoryview(mebibyte)
inputs["memoryview 13"] = memoryview(inputs["bytes 13"])
for length in (1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 33, 100):
    inputs[f"str ascii {length}"] = "".join(chr(0x21 + (index * 5 + length) % 90) for index in range(length))
    inputs[f"str latin-1 {length}"] = "".join(chr(0xA0 + (index * 3 + length) % 96) for index in range(length))
    inputs[f"str 2-byte {length}"] = "".join(chr(0x391 + (index * 11 + length) % 600) for index in range(length))
    inputs[f"str 4-byte {length}"] = "".join(chr(0x1F600 + (index * 13 + length) % 80) for index in range(length))
print(json.dumps({label: hash(value) for label, value in inputs.items()}))
"""


def recorded_file(algorithm):
    """The values recorded from the C build of `algorithm` (sys.hash_info's name)."""
    return Path(__file__).resolve().parents[2] / "Lib" / "test" / "test_tools" / f"c_string_hashes_{algorithm}.json"


def hashes(python, seed):
    """{label: hash} of every input, computed by `python` under `seed`."""
    environment = dict(os.environ, PYTHONHASHSEED=str(seed))
    result = subprocess.run([str(python), "-S", "-c", PROGRAM], env=environment,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps({str(seed): hashes(sys.argv[1], seed) for seed in SEEDS}, indent=1))


if __name__ == "__main__":
    main()
