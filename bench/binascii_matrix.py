"""The Rust binascii against the interpreter's C binascii over a matrix of
cells: every function x its flags x input shape x size (64 B, 4 KiB, 1 MiB)
x buffer kind (bytes, bytearray, memoryview of bytes, and ASCII str where the
function accepts one), both modules in one process.

    python3 Tools/rust/build.py --python python3     # puts the Rust module in build/<tag>/
    python3 bench/binascii_matrix.py                 # 6 to 8 minutes
    python3 bench/binascii_matrix_report.py bench/results/binascii-matrix-*.json

or `make bench-binascii-matrix PYTHON=python3.13`. Without -o, the results
go to bench/results/binascii-matrix-<python version>-<date and time>.json, a
pyperf file (`python3 -m pyperf stats FILE` reads it): one benchmark per
cell and side, named "<function>(<flags>) <shape> <size> <kind> [C|Rust]".
At the end the script prints the minimum ratio C time / Rust time over the
matrix and the worst cells; the report script prints the whole matrix.

Inputs (--shapes), made afresh in each process; the size is the input's
length (decoders get an encoding that long, or a little shorter where it
must end at a line), and `raises` below means that C raises on it: then
the error path is timed, and the Rust module must raise the same exception
with the same message. Every cell's outcome (result, or exception class and
message) is compared with C's in every process before it is timed.

  random          random bytes (encoders, crc32, crc_hqx)
  clean           a valid encoding of random bytes
  mime            base64 in lines of 76 characters (base64.encodebytes)
  pad_after_each  base64 with '=' after every character
  junk            only characters outside the alphabet (a2b_base64; raises
                  in strict mode and in a2b_hex); a2b_qp: '=' followed by
                  non-hex digits; a2b_uu: garbage after each line's data (raises)
  newlines        only b"\\n"
  non_ascii       base64 with a byte >= 0x80 after every 4 characters; hex
                  ending in one (raises at the end); a2b_uu lines with one
                  (raises); a2b_qp and b2a_qp: only such bytes (never as a
                  str, which must be ASCII)
  upper           hex in capitals
  text            b2a_qp: ASCII prose in lines of at most 72 characters with
                  tabs, '=', '_' and trailing spaces; a2b_qp: its b2a_qp
  binary          a2b_qp: the b2a_qp of random bytes
  long_lines      b2a_qp: that prose without newlines (soft line breaks)
  whitespace      b2a_qp: lines of spaces and tabs
  backtick        a2b_uu: b2a_uu(..., backtick=True) lines

The separators are hexlify's flags: sep=b':' with bytes_per_sep 1, 2, 4,
-1, -3, 7 and 100, and a str sep. b2a_qp's flags are changed one at a time
from the defaults. The uu functions take a line at a time (at most 45 bytes
of data): their cells time one call per line over the whole input.

How it is timed. This machine (a 2-CPU KVM guest) has phases in which a CPU
runs up to 1.8 times slower, for 0.1 to 3 seconds (Doc/cpython-integration.md,
"Speed"); pyperf's Runner times each benchmark in worker processes of its
own, so C and Rust would be timed seconds apart, in different phases. Here
one process times both sides of a cell in turns: a value of C, one of Rust,
then Rust first, and so on (--values pairs after --warmups pairs), each
value --min-time long or one call (loops calibrated per side), timed with
time.thread_time, so that time the process spends waiting for a CPU shared
with other work is not counted; the process is pinned to one CPU
(--affinity). A cell's ratio is the median of its pairs' ratios C / Rust.
--processes such processes run one after the other, each over the whole
matrix, as pyperf's workers would (each process has its own memory layout
and hash seed); their values are stored as pyperf runs, a run per process.

Defaults: --processes 3, --values 20, --warmups 1, --min-time 2 ms: 60 pairs
a cell, 735 cells, about 2 minutes of CPU per process and 6 to 8 minutes in
all on this machine while other work runs (a value of 2 ms is over 10,000
calls at 64 B, and a fiftieth of the shortest slow phase, so that both
values of a pair nearly always fall in the same phase; see Doc/binascii.md,
"Speed matrix", for what the C module against itself gives).

Calls on inputs up to 4 KiB are made ten times per loop iteration, as in
bench/binascii_bench.py, whose loading of the Rust module (copied to a
temporary directory first, so that a rebuild during the run cannot mix
builds; --rust-module c puts a second C module in the Rust column, to show
what the method makes of no difference) and whose malloc setting (--malloc)
this script shares.
"""

import argparse
import base64
import math
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pyperf

import binascii_bench

binascii_modules = binascii_bench.binascii_modules
size_label = binascii_bench.size_label

SIZES = (64, 4 << 10, 1 << 20)
KINDS = ("bytes", "bytearray", "memoryview", "str")
SIDES = ("C", "Rust")
HEX_SEPARATIONS = (1, 2, 4, -1, -3, 7, 100)
UU_LINE = 45
CLOCK = time.thread_time


@dataclass(frozen=True)
class Variant:
    """A function with a set of flags, the inputs it is timed on, and
    whether it takes an ASCII str and whether it takes a line at a time."""

    function: str
    flags: str
    shapes: tuple
    accepts_str: bool
    per_line: bool = False

    @property
    def label(self):
        return f"{self.function}({self.flags})"

    def call(self, argument):
        return f"f({argument}, {self.flags})" if self.flags else f"f({argument})"


def variants():
    base64_shapes = ("clean", "mime", "pad_after_each", "junk", "newlines", "non_ascii")
    hex_shapes = ("clean", "upper", "junk", "newlines", "non_ascii")
    separators = [f"sep=b':', bytes_per_sep={n}" for n in HEX_SEPARATIONS] + ["sep=':'"]
    qp_decoded_shapes = ("text", "binary", "junk", "newlines", "non_ascii")
    qp_encoded_shapes = ("text", "long_lines", "random", "whitespace", "newlines", "non_ascii")
    yield from (Variant("a2b_base64", flags, base64_shapes, True) for flags in ("", "strict_mode=True"))
    yield from (Variant("b2a_base64", flags, ("random",), False) for flags in ("", "newline=False"))
    yield Variant("a2b_hex", "", hex_shapes, True)
    yield Variant("unhexlify", "", ("clean",), True)
    yield from (Variant("b2a_hex", flags, ("random",), False) for flags in ("", *separators))
    yield from (Variant("hexlify", flags, ("random",), False) for flags in ("", "sep=b':'"))
    yield from (Variant("a2b_qp", flags, qp_decoded_shapes, True) for flags in ("", "header=True"))
    yield from (Variant("b2a_qp", flags, qp_encoded_shapes, False)
                for flags in ("", "quotetabs=True", "istext=False", "header=True"))
    yield Variant("a2b_uu", "", ("clean", "backtick", "junk", "non_ascii"), True, per_line=True)
    yield from (Variant("b2a_uu", flags, ("random",), False, per_line=True) for flags in ("", "backtick=True"))
    yield Variant("crc32", "", ("random",), False)
    yield Variant("crc_hqx", "0", ("random",), False)


FUNCTIONS = tuple(dict.fromkeys(variant.function for variant in variants()))
SHAPES = tuple(dict.fromkeys(shape for variant in variants() for shape in variant.shapes))
# Non-alphabet ASCII for base64, hex and qp alike ('=' and whitespace left out).
JUNK = b"!\"#$%&'()*,-.:;<>?@[\\]^`{|}~"
HIGH_BYTES = bytes(range(0x80, 0x100))
PROSE_WORDS = (b"the", b"quoted", b"printable", b"form", b"of", b"a", b"mail", b"line", b"x=1", b"snake_case",
               b"tab\there", b"end.", b"100%", b"(note)", b"and", b"so", b"on", b"Subject:", b"=", b"--")


def repeated(pattern, size):
    return (pattern * (size // len(pattern) + 1))[:size]


def interleaved(columns):
    """Bytes whose i-th group takes one byte from each column in turn."""
    width = len(columns)
    out = bytearray(len(columns[0]) * width)
    for offset, column in enumerate(columns):
        out[offset::width] = column
    return bytes(out)


def prose(size):
    """ASCII text in lines of at most 72 characters (see the docstring)."""
    rng = random.Random(72)
    lines, total = [], 0
    while total < 4096:
        words = [rng.choice(PROSE_WORDS) for _ in range(rng.randint(2, 12))]
        line = b" ".join(words)[:72]
        if rng.random() < 0.2:
            line = line[:71] + b" "
        lines.append(line)
        total += len(line) + 1
    return repeated(b"\n".join(lines) + b"\n", size)


def cut_at_line(encoded, size):
    """encoded, ending at a line end no later than size if it is longer."""
    if len(encoded) <= size:
        return encoded
    end = encoded.rfind(b"\n", 0, size)
    return encoded[:end + 1] if end >= 0 else encoded[:size]


class Inputs:
    """The input of each shape and size, made with the C module (the
    encoders used to make encoded input are the oracle's)."""

    def __init__(self, c):
        self.c = c
        self._key = None
        self._input = None

    def get(self, variant, shape, size):
        # Cells run in order of shape and size: keep only the latest input.
        key = (variant.function, shape, size)
        if key != self._key:
            self._key, self._input = key, self.make(variant.function, shape, size)
        return self._input

    def make(self, function, shape, size):
        c = self.c
        data = random.Random(size).randbytes
        if function == "a2b_base64":
            clean = base64.b64encode(data(size // 4 * 3))
            return {
                "clean": lambda: clean,
                "mime": lambda: cut_at_line(base64.encodebytes(data(size)), size),
                "pad_after_each": lambda: interleaved([clean[:size // 2], b"=" * (size // 2)]),
                "junk": lambda: repeated(JUNK, size),
                "newlines": lambda: b"\n" * size,
                "non_ascii": lambda: interleaved([clean[i:size // 5 * 4:4] for i in range(4)]
                                                 + [repeated(HIGH_BYTES, size // 5)]),
            }[shape]()
        if function in ("a2b_hex", "unhexlify"):
            clean = data(size // 2).hex().encode()
            return {
                "clean": lambda: clean,
                "upper": lambda: clean.upper(),
                "junk": lambda: repeated(JUNK, size),
                "newlines": lambda: b"\n" * size,
                "non_ascii": lambda: clean[:-2] + b"\xc3\xa9",
            }[shape]()
        if function == "a2b_qp":
            return {
                "text": lambda: cut_at_line(c.b2a_qp(prose(size)), size),
                "binary": lambda: cut_at_line(c.b2a_qp(data(size)), size),
                "junk": lambda: repeated(b"=Zz=\t-", size),
                "newlines": lambda: b"\n" * size,
                "non_ascii": lambda: repeated(HIGH_BYTES, size),
            }[shape]()
        if function == "b2a_qp":
            return {
                "text": lambda: prose(size),
                "long_lines": lambda: prose(size).replace(b"\n", b" "),
                "random": lambda: data(size),
                "whitespace": lambda: repeated(b" \t  \t" * 12 + b"\n", size),
                "newlines": lambda: b"\n" * size,
                "non_ascii": lambda: repeated(HIGH_BYTES, size),
            }[shape]()
        if function == "a2b_uu":
            # A line of 45 bytes of data is 62 characters long.
            chunks = uu_chunks(data(size * UU_LINE // 62))
            return {
                "clean": lambda: [c.b2a_uu(chunk) for chunk in chunks],
                "backtick": lambda: [c.b2a_uu(chunk, backtick=True) for chunk in chunks],
                "junk": lambda: [c.b2a_uu(chunk)[:-1] + b"!\n" for chunk in chunks],
                "non_ascii": lambda: [line[:20] + b"\xff" + line[21:] for line in map(c.b2a_uu, chunks)],
            }[shape]()
        if function == "b2a_uu":
            return uu_chunks(data(size))
        return data(size)


def uu_chunks(data):
    return [data[start:start + UU_LINE] for start in range(0, len(data), UU_LINE)]


def of_kind(value, kind):
    """value (bytes, or a list of lines) as a buffer of the kind."""
    if isinstance(value, list):
        return [of_kind(line, kind) for line in value]
    if kind == "bytes":
        return value
    if kind == "bytearray":
        return bytearray(value)
    if kind == "memoryview":
        return memoryview(value)
    return value.decode("ascii")


def outcome(check, f, x):
    """What check(f, x) gives: ("result", value) or ("raises", class, message)."""
    try:
        return ("result", check(f, x))
    except Exception as error:
        return ("raises", f"{type(error).__module__}.{type(error).__qualname__}", str(error))


def outcomes(variant, f, x):
    check = eval(compile(f"lambda f, x: {variant.call('x')}", "<check>", "eval"))
    if variant.per_line:
        return [outcome(check, f, line) for line in x]
    return [outcome(check, f, x)]


def statement(variant, raises):
    """The timed code, on the input x with the function f."""
    call = variant.call("line" if variant.per_line else "x")
    if raises:
        call = f"try:\n    {call}\nexcept Exception:\n    pass"
    if variant.per_line:
        call = "for line in x:\n" + textwrap.indent(call, "    ")
    return call


def described(results):
    """The metadata form of a cell's outcomes (the first error, if any)."""
    errors = [result for result in results if result[0] == "raises"]
    if not errors:
        return "result"
    _, name, message = errors[0]
    return f"raises {name}: {message}"[:200]


@dataclass(frozen=True)
class Cell:
    variant: Variant
    shape: str
    size: int
    kind: str

    @property
    def name(self):
        return f"{self.variant.label} {self.shape} {size_label(self.size)} {self.kind}"


def cells(functions, shapes, sizes, kinds):
    for variant in variants():
        if variant.function not in functions:
            continue
        for shape in variant.shapes:
            if shape not in shapes:
                continue
            for size in sizes:
                for kind in kinds:
                    if kind != "str" or (variant.accepts_str and shape != "non_ascii"):
                        yield Cell(variant, shape, size, kind)


def calibrate(timer, f, x, min_time):
    """The loops for one value of timer to last min_time (at least one)."""
    loops = 1
    while True:
        elapsed = timer(loops, f, x)
        if elapsed >= min_time:
            return loops
        estimate = math.ceil(loops * min_time * 1.1 / elapsed) if elapsed > 0 else loops * 10
        loops = min(loops * 10, max(loops * 2, estimate))


def time_cell(cell, modules, inputs, args, common):
    """Time both sides of a cell in turns: its two pyperf runs."""
    x = of_kind(inputs.get(cell.variant, cell.shape, cell.size), cell.kind)
    functions = {side: getattr(module, cell.variant.function) for side, module in modules.items()}
    results = {side: outcomes(cell.variant, function, x) for side, function in functions.items()}
    if results["Rust"] != results["C"]:
        differing = next(i for i, (c, r) in enumerate(zip(results["C"], results["Rust"])) if c != r)
        shown = {side: repr(results[side][differing])[:300] for side in SIDES}
        raise AssertionError(f"{cell.name}: the Rust outcome differs from C's (call {differing}):"
                             f" C {shown['C']}, Rust {shown['Rust']}")
    raises = any(result[0] == "raises" for result in results["C"])
    code = statement(cell.variant, raises)
    unroll = binascii_bench.UNROLL if not cell.variant.per_line and cell.size <= binascii_bench.UNROLL_UP_TO else 1
    timer = binascii_bench.timer_for(code, unroll, CLOCK)
    loops = {side: calibrate(timer, functions[side], x, args.min_time) for side in SIDES}
    values = {side: [] for side in SIDES}
    for turn in range(args.warmups + args.values):
        for side in SIDES if turn % 2 == 0 else reversed(SIDES):
            values[side].append(timer(loops[side], functions[side], x) / (loops[side] * unroll))
    size = len(x) if not cell.variant.per_line else sum(map(len, x))
    runs = []
    for side in SIDES:
        metadata = dict(common, name=f"{cell.name} [{side}]", loops=loops[side], inner_loops=unroll,
                        binascii_function=cell.variant.function, binascii_flags=cell.variant.flags or "-",
                        binascii_shape=cell.shape, binascii_size=cell.size, binascii_kind=cell.kind,
                        binascii_impl=side, binascii_input_length=size,
                        binascii_call=cell.variant.call("line" if cell.variant.per_line else "x"),
                        binascii_outcome=described(results["C"]))
        warmups = [(loops[side], value) for value in values[side][:args.warmups]]
        runs.append(pyperf.Run(values[side][args.warmups:], warmups=warmups, metadata=metadata,
                               collect_metadata=False))
    return runs


def worker(args, chosen):
    """One process over the whole matrix: the pyperf results to args.output."""
    os.sched_setaffinity(0, {args.affinity})
    malloc = binascii_bench.set_malloc(args.malloc)
    c = binascii_modules.load_c(fresh=True)
    rust, rust_origin, rust_sha256 = binascii_bench.rust_column(args, True, None)
    # The system's metadata, collected once for all runs of this process.
    common = pyperf.Run([1.0], metadata={"name": "-"}).get_metadata()
    del common["name"]
    common.update(binascii_rust_module=rust_origin, binascii_rust_sha256=rust_sha256,
                  binascii_c_module=getattr(c, "__file__", "built-in"), binascii_malloc=malloc,
                  binascii_python=binascii_bench.python_label(), binascii_clock="time.thread_time",
                  binascii_affinity=args.affinity, binascii_settings=settings(args))
    inputs = Inputs(c)
    modules = {"C": c, "Rust": rust}
    benchmarks = []
    started = last_note = time.monotonic()
    for number, cell in enumerate(chosen, 1):
        benchmarks += [pyperf.Benchmark([run]) for run in time_cell(cell, modules, inputs, args, common)]
        if time.monotonic() - last_note >= 30:
            last_note = time.monotonic()
            print(f"  {number}/{len(chosen)} cells, {last_note - started:.0f} s", file=sys.stderr, flush=True)
    pyperf.BenchmarkSuite(benchmarks).dump(str(args.output), replace=True)


def settings(args):
    return (f"processes={args.processes} values={args.values} warmups={args.warmups}"
            f" min_time={args.min_time * 1e3:g}ms")


def merge(paths, output):
    """The runs of every process's results, a benchmark per cell and side."""
    merged = {}
    for path in paths:
        for benchmark in pyperf.BenchmarkSuite.load(str(path)).get_benchmarks():
            name = benchmark.get_name()
            if name in merged:
                merged[name].add_runs(benchmark)
            else:
                merged[name] = benchmark
    suite = pyperf.BenchmarkSuite(list(merged.values()))
    suite.dump(str(output), replace=True)
    return suite


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="the pyperf results file (default: bench/results/...)")
    parser.add_argument("--processes", type=int, default=3, help="processes, each over the whole matrix (3)")
    parser.add_argument("--values", type=int, default=20, help="pairs of values per cell and process (20)")
    parser.add_argument("--warmups", type=int, default=1, help="pairs left out first per cell and process (1)")
    parser.add_argument("--min-time", type=float, default=0.002, help="seconds a value lasts at least (0.002)")
    parser.add_argument("--functions", help=f"comma-separated subset of: {','.join(FUNCTIONS)}")
    parser.add_argument("--shapes", help=f"comma-separated subset of: {','.join(SHAPES)}")
    parser.add_argument("--sizes", help="comma-separated sizes, e.g. 64,4K,1M (the default)")
    parser.add_argument("--kinds", help=f"comma-separated subset of: {','.join(KINDS)}")
    parser.add_argument("--rust-module", metavar="PATH|c",
                        help="the binascii in the Rust column: a file, or `c` for a second instance of the"
                             " C module (harness validation); default: build/<tag>/")
    parser.add_argument("--affinity", type=int, default=max(os.sched_getaffinity(0)),
                        help="the CPU the processes run on (default: the last one)")
    parser.add_argument("--malloc", choices=("steady", "default"), default="steady",
                        help="as in bench/binascii_bench.py")
    # Set by the main process for its workers.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rust-origin", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.processes < 1 or args.values < 1 or args.warmups < 0 or args.min_time <= 0:
        parser.error("--processes and --values must be positive, --warmups at least 0, --min-time above 0")
    return args


def chosen_cells(args):
    functions = binascii_bench.parse_list(args.functions, FUNCTIONS, "function") if args.functions else FUNCTIONS
    shapes = binascii_bench.parse_list(args.shapes, SHAPES, "shape") if args.shapes else SHAPES
    sizes = [binascii_bench.parse_size(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    kinds = binascii_bench.parse_list(args.kinds, KINDS, "kind") if args.kinds else KINDS
    return list(cells(functions, shapes, sizes, kinds))


def worker_command(args, output):
    command = [sys.executable, __file__, "--worker", "-o", str(output), "--rust-module", args.rust_module,
               "--processes", str(args.processes), "--values", str(args.values), "--warmups", str(args.warmups),
               "--min-time", repr(args.min_time), "--affinity", str(args.affinity), "--malloc", args.malloc]
    for option in ("functions", "shapes", "sizes", "kinds", "rust_origin"):
        value = getattr(args, option)
        if value:
            command += [f"--{option.replace('_', '-')}", value]
    return command


def main():
    args = parse_arguments()
    chosen = chosen_cells(args)
    if args.worker:
        worker(args, chosen)
        return 0
    import binascii_matrix_report

    output = args.output or binascii_bench.default_output("binascii-matrix")
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="binascii-matrix-") as scratch:
        scratch = Path(scratch)
        # The workers load a copy made now.
        if binascii_bench.rust_column(args, False, scratch) is None:
            return 2
        print(f"{len(chosen)} cells, {settings(args)}, on CPU {args.affinity}", flush=True)
        started = time.monotonic()
        parts = []
        for process in range(args.processes):
            part = scratch / f"process-{process}.json"
            print(f"process {process + 1}/{args.processes}", file=sys.stderr, flush=True)
            status = subprocess.run(worker_command(args, part)).returncode
            if status:
                print(f"error: process {process + 1} failed with exit status {status}", file=sys.stderr)
                return 1
            parts.append(part)
        merge(parts, output)
    print(f"results: {output} ({time.monotonic() - started:.0f} s)")
    print(binascii_matrix_report.summary(binascii_matrix_report.Matrix(output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
