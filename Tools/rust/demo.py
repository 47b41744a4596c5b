"""Build the Rust modules for one interpreter and show them working.

    python3 Tools/rust/demo.py [--python PATH]
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402

SHOWCASE = r"""
import sys, _testrust
print(f"Python {sys.version.split()[0]} imported {_testrust.__name__} from {_testrust.__file__}")
print("  _testrust.pack(1, 'two', 3.0)  ->", _testrust.pack(1, "two", 3.0))
print("  _testrust.byte_range(8)        ->", _testrust.byte_range(8))
print("  _testrust.return_none()        ->", _testrust.return_none())
try:
    _testrust.raise_value_error("raised from Rust")
except ValueError as error:
    print("  _testrust.raise_value_error(...) raised ValueError:", error)

import base64, binascii
print(f"binascii from {binascii.__file__} (base64 uses it: {base64.binascii is binascii})")
print("  base64.b64encode(b'Rust in CPython') ->", base64.b64encode(b"Rust in CPython"))
print("  binascii.hexlify(b'\\xb9\\x01\\xef', ':') ->", binascii.hexlify(b"\xb9\x01\xef", ":"))
print("  binascii.crc32(b'hello')           ->", binascii.crc32(b"hello"))
try:
    binascii.a2b_base64(b"ab=c", strict_mode=True)
except binascii.Error as error:
    print("  binascii.a2b_base64(b'ab=c', strict_mode=True) raised binascii.Error:", error)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default="python3")
    args = parser.parse_args()
    try:
        out, installed, facts = build.build(build.cargo_environment(python=args.python))
    except build.BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"built for {facts['CPYTHON_SYS_TARGET_DESCRIPTION']} (bindings: {facts['CPYTHON_SYS_BINDINGS_ORIGIN']}):")
    for path in installed:
        print(f"  {path}")
    return subprocess.run([args.python, "-c", SHOWCASE], env=dict(os.environ, PYTHONPATH=str(out))).returncode


if __name__ == "__main__":
    sys.exit(main())
