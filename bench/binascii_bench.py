"""Throughput of the Rust binascii (Modules/binascii) against the C binascii
of the interpreter running this script, and against pybase64, all in one
process and one run.

    python3 Tools/rust/build.py --python python3     # puts the Rust module in build/<tag>/
    python3 bench/binascii_bench.py --fast           # any pyperf option works
    python3 bench/binascii_report.py bench/results/binascii-*.json

or `make bench-binascii PYTHON=python3.13`. Needs pyperf; pybase64
(`python3 -m pip install pybase64`) is optional: without it, its rows are
left out and the reason printed. Without -o, the results go to
bench/results/binascii-<python version>-<date and time>.json.

Operations (--ops, comma-separated; default all), each at the sizes of
--sizes (default 64,4K,1M,16M; K and M are KiB and MiB). The size is always
that of the raw data: decoders get the encoding of that many bytes.

  encode         b2a_base64(data, newline=False)  | pybase64.b64encode(data)
  decode_strict  a2b_base64(s, strict_mode=True)  | pybase64.b64decode(s, validate=True)
  decode         a2b_base64(s)                    | pybase64.b64decode(s, validate=True)
                 (clean input: pybase64's validating decoder is its fast path
                 for it, and accepts the same input)
  decode_mime    a2b_base64(s), s wrapped as MIME (76 characters and b"\\n"
                 per line, base64.encodebytes)    | pybase64.b64decode(s), non-validating
  hexlify        b2a_hex(data)                    | -
  unhexlify      a2b_hex(s)                       | -
  crc32          crc32(data)                      | zlib.crc32(data), as a reference

The Rust module is build/<tag>/binascii<EXT_SUFFIX>, where build.py puts it
(Tools/rust/binascii_modules.py). `--rust-module PATH` names another file;
`--rust-module c` puts a second instance of the C module in the Rust column,
to validate the harness: every C/"Rust" ratio should then be close to 1.0.
The Rust module is copied to a temporary directory at the start, and the
worker processes load the copy, so that a rebuild during the run cannot mix
two builds in one set of results; its path and SHA-256 are in the metadata
(binascii_rust_module, binascii_rust_sha256).

Allocation: with glibc's default settings, whether a call's large result
(over 128 KiB) is mapped afresh and page-faulted in, or reuses memory that
was freed, depends on the process's history (the mmap threshold adapts), so
the time of one call at 1 MiB varied by up to 1.5x between worker processes
running identical code. By default (`--malloc steady`) every process sets
glibc's mmap threshold to 64 MiB and its trim threshold to 256 MiB
(mallopt), so that results up to the largest size here are reused heap
memory in the steady state, and the times are those of the conversion;
`--malloc default` leaves glibc as it is (then large results pay for their
page faults). The choice is in the metadata key binascii_malloc.

Benchmarks are named "<op> <size> [<implementation>]", with the metadata
keys binascii_op, binascii_size (bytes), binascii_impl and binascii_call.
Data is random (seeded) bytes. Every implementation's result is checked
against the expected one in each worker process before it is timed. Calls on
inputs up to 4 KiB are made ten times per loop iteration (pyperf divides by
ten), so that the loop's own cost is small and equal for all.
"""

import argparse
import ctypes
import hashlib
import importlib.util
import random
import shutil
import sys
import tempfile
import textwrap
import time
import zlib
from pathlib import Path

import pyperf

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "Tools" / "rust"))
import binascii_modules  # noqa: E402

try:
    import pybase64
except ImportError as error:
    pybase64 = None
    PYBASE64_MISSING = f"pybase64 is not installed for {sys.executable} ({error}; `{sys.executable} -m pip install pybase64`)"
else:
    PYBASE64_MISSING = None

OPS = ("encode", "decode_strict", "decode", "decode_mime", "hexlify", "unhexlify", "crc32")
SIZES = (64, 4 << 10, 1 << 20, 16 << 20)
IMPLS = ("C", "Rust", "pybase64", "zlib")

# (op, side) -> (function name or object getter, call template). `f` is the
# function, `x` the input. Sides "C" and "Rust" share the binascii entries.
BINASCII_CALLS = {
    "encode": ("b2a_base64", "f(x, newline=False)"),
    "decode_strict": ("a2b_base64", "f(x, strict_mode=True)"),
    "decode": ("a2b_base64", "f(x)"),
    "decode_mime": ("a2b_base64", "f(x)"),
    "hexlify": ("b2a_hex", "f(x)"),
    "unhexlify": ("a2b_hex", "f(x)"),
    "crc32": ("crc32", "f(x)"),
}
PEER_CALLS = {
    ("encode", "pybase64"): ("b64encode", "f(x)"),
    ("decode_strict", "pybase64"): ("b64decode", "f(x, validate=True)"),
    ("decode", "pybase64"): ("b64decode", "f(x, validate=True)"),
    ("decode_mime", "pybase64"): ("b64decode", "f(x)"),
    ("crc32", "zlib"): ("crc32", "f(x)"),
}
UNROLL_UP_TO = 4 << 10
UNROLL = 10

TIME_FUNCTION = """\
def time_function(loops, f, x):
    timer = clock
    iterations = range(loops)
    started = timer()
    for _ in iterations:
{calls}
    return timer() - started
"""


def size_label(size):
    for unit, shift in (("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift} {unit}"
    return f"{size} B"


def parse_size(text):
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    for unit, shift in (("K", 10), ("M", 20), ("G", 30)):
        if text.endswith(unit):
            return int(text[:-1]) << shift
    return int(text)


def parse_list(text, known, what):
    chosen = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in known]
    if unknown:
        raise SystemExit(f"error: unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return chosen


# Inputs are made in the process that times them, the first time they are
# needed: a worker process runs one benchmark, and need not make the others'.
_data = {}
_inputs = {}


def data_of(size):
    if size not in _data:
        _data[size] = random.Random(size).randbytes(size)
    return _data[size]


def input_of(op, size):
    """(input, expected result) of op on size bytes of data."""
    key = (op, size)
    if key not in _inputs:
        import base64  # the interpreter's own, with its C binascii

        data = data_of(size)
        encoded = base64.b64encode(data)
        if op == "encode":
            made = (data, encoded)
        elif op in ("decode_strict", "decode"):
            made = (encoded, data)
        elif op == "decode_mime":
            made = (base64.encodebytes(data), data)
        elif op == "hexlify":
            made = (data, data.hex().encode())
        elif op == "unhexlify":
            made = (data.hex().encode(), data)
        elif op == "crc32":
            made = (data, zlib.crc32(data))
        _inputs[key] = made
    return _inputs[key]


_compiled = {}


def timer_for(call, unroll, clock=pyperf.perf_counter):
    """The time function running `call` (an expression, or statements on
    several lines) unroll times per loop iteration, timed by clock."""
    key = (call, unroll, clock)
    if key not in _compiled:
        source = TIME_FUNCTION.format(calls=textwrap.indent(f"{call}\n", " " * 8) * unroll)
        namespace = {"clock": clock}
        exec(compile(source, f"<binascii_bench: {call}>", "exec"), namespace)
        _compiled[key] = namespace["time_function"]
    return _compiled[key]


def checked_timer(call, unroll, label):
    """A pyperf time function that first checks the result of call on the
    input, then times it; the input is made (outside the timing) at the
    first use."""
    inner = timer_for(call, unroll)
    check = eval(compile(f"lambda f, x: {call}", "<check>", "eval"))
    verified = set()

    def time_function(loops, f, op, size):
        x, expected = input_of(op, size)
        if (op, size) not in verified:
            got = check(f, x)
            if got != expected:
                raise AssertionError(f"{label}: wrong result ({len(got) if hasattr(got, '__len__') else got!r}"
                                     f" for an expected {len(expected) if hasattr(expected, '__len__') else expected!r})")
            verified.add((op, size))
        return inner(loops, f, x)

    return time_function


def load_path(path):
    """The binascii extension module at path, loaded without touching
    sys.modules."""
    spec = importlib.util.spec_from_file_location("binascii", path)
    previous = sys.modules.get("binascii")
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if previous is None:
            sys.modules.pop("binascii", None)
        else:
            sys.modules["binascii"] = previous
    return module


M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
STEADY_MMAP_THRESHOLD = 64 << 20
STEADY_TRIM_THRESHOLD = 256 << 20


def set_malloc(choice):
    """Apply --malloc in this process; return what was done, for the
    metadata."""
    if choice == "default":
        return "default (malloc left as it is)"
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError) as error:
        return f"default (no mallopt: {error})"
    if not (mallopt(M_MMAP_THRESHOLD, STEADY_MMAP_THRESHOLD) and mallopt(M_TRIM_THRESHOLD, STEADY_TRIM_THRESHOLD)):
        return "default (mallopt refused the thresholds)"
    return f"steady (mallopt: M_MMAP_THRESHOLD={STEADY_MMAP_THRESHOLD >> 20} MiB, M_TRIM_THRESHOLD={STEADY_TRIM_THRESHOLD >> 20} MiB)"


def rust_column(args, worker, scratch):
    """(module, origin, SHA-256) of the Rust column chosen by --rust-module,
    or None (and the reason printed) if there is no such file. The main
    process (not worker) first copies the file to scratch and points
    args.rust_module and args.rust_origin at the copy and the original, for
    its workers to load the copy."""
    if args.rust_module == "c":
        rust = binascii_modules.load_c(fresh=True)
        return rust, f"C stand-in: {rust.__file__ if hasattr(rust, '__file__') else 'built-in'}", "-"
    path = Path(args.rust_module) if args.rust_module else binascii_modules.rust_path()
    if not path.is_file():
        print(f"error: no Rust binascii at {path}; build it with"
              f" `python3 Tools/rust/build.py --python {sys.executable}`", file=sys.stderr)
        return None
    if not worker:
        args.rust_origin = str(path.resolve())
        args.rust_module = str(scratch / path.name)
        shutil.copyfile(path, args.rust_module)
        path = Path(args.rust_module)
    return load_path(path), args.rust_origin or str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest()


def add_arguments(cmd, args):
    """Give pyperf's worker processes the same choices."""
    for option in ("rust_module", "rust_origin", "ops", "sizes", "impls", "malloc"):
        value = getattr(args, option)
        if value:
            cmd.extend((f"--{option.replace('_', '-')}", value))


def python_label():
    """3.13.0, or 3.13.5t with the GIL off."""
    version = "%d.%d.%d" % sys.version_info[:3]
    return version + "t" if getattr(sys, "_is_gil_enabled", lambda: True)() is False else version


def default_output(prefix="binascii"):
    return BENCH_DIR / "results" / f"{prefix}-{python_label()}-{time.strftime('%Y%m%d-%H%M%S')}.json"


def main():
    with tempfile.TemporaryDirectory(prefix="binascii-bench-") as scratch:
        return run(Path(scratch))


def run(scratch):
    runner = pyperf.Runner(add_cmdline_args=add_arguments)
    parser = runner.argparser
    parser.add_argument("--rust-module", metavar="PATH|c",
                        help="the binascii in the Rust column: a file, or `c` for a second instance of the"
                             " C module (harness validation); default: build/<tag>/ (binascii_modules.rust_path())")
    parser.add_argument("--ops", help=f"comma-separated subset of: {','.join(OPS)}")
    parser.add_argument("--sizes", help="comma-separated sizes of the raw data, e.g. 64,4K,1M,16M (the default)")
    parser.add_argument("--impls", help=f"comma-separated subset of: {','.join(IMPLS)}")
    # Set by the main process for its workers: where the copy they load came from.
    parser.add_argument("--rust-origin", help=argparse.SUPPRESS)
    parser.add_argument("--malloc", choices=("steady", "default"), default="steady",
                        help="steady (the default): large results reuse freed heap memory; default: glibc as it is")
    argv = sys.argv[1:]
    worker = "--worker" in argv
    if not worker and not any(a in ("-o", "--output") or a.startswith("--output=") for a in argv):
        output = default_output()
        output.parent.mkdir(parents=True, exist_ok=True)
        argv = [*argv, "-o", str(output)]
    args = runner.parse_args(argv)

    ops = parse_list(args.ops, OPS, "operation") if args.ops else list(OPS)
    sizes = [parse_size(s) for s in args.sizes.split(",")] if args.sizes else list(SIZES)
    impls = parse_list(args.impls, IMPLS, "implementation") if args.impls else list(IMPLS)
    malloc = set_malloc(args.malloc)

    def note(text):
        if not worker:
            print(text, flush=True)

    column = rust_column(args, worker, scratch)
    if column is None:
        return 2
    rust, rust_origin, rust_sha256 = column
    if args.rust_module == "c":
        note("NOTE: the Rust column is a second instance of the C module (--rust-module c): harness validation only")
    c = binascii_modules.load_c(fresh=True)
    modules = {"C": c, "Rust": rust}
    if pybase64 is None and "pybase64" in impls:
        note(f"SKIPPED pybase64 rows: {PYBASE64_MISSING}")
    peers = {"zlib": zlib}
    if pybase64 is not None:
        peers["pybase64"] = pybase64

    common = {
        "binascii_rust_module": rust_origin,
        "binascii_rust_sha256": rust_sha256,
        "binascii_c_module": getattr(c, "__file__", "built-in"),
        "binascii_malloc": malloc,
    }
    if pybase64 is not None:
        common["pybase64_version"] = pybase64.get_version()
    for op in ops:
        for size in sizes:
            unroll = UNROLL if size <= UNROLL_UP_TO else 1
            for side in impls:
                if side in modules:
                    name, call = BINASCII_CALLS[op]
                    function = getattr(modules[side], name)
                    shown = f"binascii.{name}"
                elif (op, side) in PEER_CALLS and side in peers:
                    name, call = PEER_CALLS[op, side]
                    function = getattr(peers[side], name)
                    shown = f"{side}.{name}"
                else:
                    continue
                label = f"{op} {size_label(size)} [{side}]"
                metadata = dict(common, binascii_op=op, binascii_size=size, binascii_impl=side,
                                binascii_call=call.replace("f(", f"{shown}(", 1))
                runner.bench_time_func(label, checked_timer(call, unroll, label), function, op, size,
                                       inner_loops=unroll, metadata=metadata)
    if not worker:
        note(f"results: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
