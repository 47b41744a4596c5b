"""The Rust binascii under memory pressure, against the interpreter's C
binascii: no call may abort the process where C raises or succeeds, and no
call may need more memory than C's call plus a constant.

Each scenario runs in a subprocess of its own (a crash is reported with
its signal, and the limits set there end with it):

  * address space: the inputs are made (bytearrays of 64 MiB and 16 MiB of
    a few patterns, and memoryviews of them), then RLIMIT_AS is set to what
    the process maps plus 24 MiB. Every entry point, with every flag that
    changes how much it allocates, is called with each input by both
    modules: the outcomes (result, or exception type and message) must be
    equal. A copy of the input, anywhere, fails there with MemoryError
    where C succeeds or fails for another reason. One difference is
    allowed: some C functions need more memory than ours, so they may fail
    where ours succeed.
    On free-threaded builds the objects, results included, come from
    mimalloc's arenas, which reserve address space ahead and reuse it
    whatever the limit, so whether a result fits depends on what the
    process did before: there, outcomes where one module ran out of memory
    are counted, not compared (the peak memory test below is exact on
    every build).
  * sparse mapping: the same calls on a 128 MiB read-only anonymous mapping
    that is never backed by memory (reading it maps the zero page), under
    the same limit.
  * peak memory: each call once per module in a fresh process on a 16 MiB
    bytearray, comparing the growth of the peak resident set (ru_maxrss):
    Rust's may exceed C's by at most PEAK_SLACK.
"""

import json
import os
import subprocess
import sys
import textwrap
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "Tools" / "rust"
sys.path.insert(0, str(TOOLS))
import binascii_modules  # noqa: E402

MiB = 1 << 20
# Pieces of a shared buffer, the stack, and the allocator's rounding.
PEAK_SLACK = 1 * MiB

# The calls of every scenario: (label, function, extra positional
# arguments, keyword arguments), run on each input.
CALLS = [
    ("crc32", "crc32", [], {}),
    ("crc_hqx", "crc_hqx", [0], {}),
    ("b2a_hex", "b2a_hex", [], {}),
    ("hexlify sep", "hexlify", [":"], {}),
    ("hexlify sep -3", "hexlify", [":", -3], {}),
    ("a2b_hex", "a2b_hex", [], {}),
    ("b2a_base64", "b2a_base64", [], {}),
    ("b2a_base64 no newline", "b2a_base64", [], {"newline": False}),
    ("a2b_base64", "a2b_base64", [], {}),
    ("a2b_base64 strict", "a2b_base64", [], {"strict_mode": True}),
    ("b2a_uu", "b2a_uu", [], {}),
    ("a2b_uu", "a2b_uu", [], {}),
    ("b2a_qp", "b2a_qp", [], {}),
    ("b2a_qp binary", "b2a_qp", [], {"istext": False, "quotetabs": True}),
    ("a2b_qp", "a2b_qp", [], {}),
]

# Run in the subprocess: both modules, the inputs, the limit, the calls.
# Prints one JSON line: the calls whose outcomes differ.
COMPARE_UNDER_LIMIT = textwrap.dedent(
    """
    import json, mmap, resource, sys, sysconfig
    sys.path.insert(0, sys.argv[1])
    import binascii_modules
    scenario, calls = sys.argv[2], json.loads(sys.argv[3])
    ARENAS_IGNORE_LIMIT = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    c = binascii_modules.load_c(fresh=True)
    rust = binascii_modules.load_rust()
    MiB = 1 << 20

    def inputs():
        if scenario == "sparse":
            # Private and read-only: never written, so never charged.
            mapping = mmap.mmap(-1, 128 * MiB, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, prot=mmap.PROT_READ)
            return {"sparse mapping 128 MiB": mapping}
        made = {}
        # Larger than the room left, then smaller: a copy of the input
        # cannot be made, then a copy and the result cannot both be.
        for size, fills in ((64, [b"0\\n"]), (16, [b"A", b"0", b"a\\n"])):
            for fill in fills:
                data = bytearray(fill) * (size * MiB // len(fill))
                made[f"bytearray {size} MiB of {fill!r}"] = data
            made[f"memoryview of bytearray {size} MiB of {fill!r}"] = memoryview(data)
        return made

    def outcome(module, function, data, args, kwargs):
        try:
            result = getattr(module, function)(data, *args, **kwargs)
        except Exception as error:
            return [type(error).__name__, str(error)]
        return ["result", result if isinstance(result, int) else [len(result), hash(bytes(result[:64]))]]

    def mapped_bytes():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024

    data_by_name = inputs()
    # Warm both modules' paths once on small data, so that nothing they
    # need on first use is allocated under the limit.
    for label, function, args, kwargs in calls:
        for module in (c, rust):
            outcome(module, function, bytearray(b"AAAA"), args, kwargs)
    limit = mapped_bytes() + 24 * MiB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    differences, unlimited = [], []
    for name, data in data_by_name.items():
        for label, function, args, kwargs in calls:
            expected = outcome(c, function, data, args, kwargs)
            got = outcome(rust, function, data, args, kwargs)
            # Where C allocates more than it needs (b2a_base64 twice the
            # result; a2b_qp and 3.11's b2a_qp a scratch buffer, then the
            # result), it may run out of memory where we do not.
            less_memory_than_c = expected[0] == "MemoryError" and got[0] == "result"
            if got == expected or less_memory_than_c:
                continue
            difference = f"{label} on {name}: C {expected}, Rust {got}"
            if ARENAS_IGNORE_LIMIT and "MemoryError" in (expected[0], got[0]):
                unlimited.append(difference)
            else:
                differences.append(difference)
    print(json.dumps([differences, unlimited]))
    """
)

# Run in the subprocess: one call by one module; prints the growth of the
# peak resident set in bytes.
PEAK_GROWTH = textwrap.dedent(
    """
    import json, resource, sys
    sys.path.insert(0, sys.argv[1])
    import binascii_modules
    which, function, args, kwargs, fill = sys.argv[2], sys.argv[3], *map(json.loads, sys.argv[4:6]), sys.argv[6]
    module = binascii_modules.load_c(fresh=True) if which == "c" else binascii_modules.load_rust()
    data = bytearray(fill.encode()) * (16 * 1024 * 1024 // len(fill))
    getattr(module, function)(bytearray(b"AAAA"), *args, **kwargs)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = None
    try:
        result = getattr(module, function)(data, *args, **kwargs)
    except Exception:
        pass
    del result
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) * 1024)
    """
)


def run_child(code, *arguments):
    """Run code in a fresh interpreter; its stdout, or a failure naming how
    it ended."""
    process = subprocess.run(
        [sys.executable, "-c", code, str(TOOLS), *arguments],
        capture_output=True, text=True, timeout=600,
    )
    if process.returncode != 0:
        how = f"signal {-process.returncode}" if process.returncode < 0 else f"exit status {process.returncode}"
        raise AssertionError(f"the subprocess ended with {how}:\n{process.stderr[-3000:]}")
    return process.stdout


@unittest.skipUnless(sys.platform == "linux", "RLIMIT_AS and MAP_NORESERVE as used here are Linux's")
@unittest.skipUnless(binascii_modules.rust_path().is_file(), "the Rust binascii is not built for this interpreter")
class MemoryPressureTest(unittest.TestCase):
    def compare_under_limit(self, scenario):
        output = run_child(COMPARE_UNDER_LIMIT, scenario, json.dumps(CALLS))
        differences, unlimited = json.loads(output.strip().splitlines()[-1])
        if unlimited:
            print(f"\n  {len(unlimited)} calls where one module ran out of memory and the other did not, "
                  "not compared: mimalloc's arenas ignore the limit", file=sys.stderr)
        self.assertEqual(differences, [], "\n".join(differences))

    def test_address_space_limit(self):
        self.compare_under_limit("bytearrays")

    def test_sparse_read_only_mapping(self):
        self.compare_under_limit("sparse")

    def test_peak_memory_of_each_call(self):
        over = []
        for label, function, args, kwargs in CALLS:
            fill = "0" if function.startswith("a2b_hex") else "a\n"
            growth = {
                which: int(run_child(PEAK_GROWTH, which, function, json.dumps(args), json.dumps(kwargs), fill))
                for which in ("c", "rust")
            }
            with self.subTest(label):
                if growth["rust"] > growth["c"] + PEAK_SLACK:
                    over.append(f"{label}: C {growth['c'] // 1024} KiB, Rust {growth['rust'] // 1024} KiB")
        self.assertEqual(over, [], "peak memory beyond C's plus a constant:\n" + "\n".join(over))


if __name__ == "__main__":
    unittest.main()
