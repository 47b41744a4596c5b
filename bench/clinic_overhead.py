"""Per-call overhead of the argument parsing that Argument Clinic generates:
the Rust _testclinic (Modules/_testclinic) against the C _testclinic of the
interpreter running this script and against the same functions written with
PyO3 (bench/pyo3_peer), all loaded in one process.

    python3 Tools/rust/build.py --python python3      # the Rust module, in build/<tag>/
    python3 bench/clinic_overhead.py -o clinic.json   # builds the PyO3 peer, measures, prints the table
    python3 bench/clinic_report.py clinic.json        # the table again, from the file

or `make bench-clinic PYTHON=python3.13`, which does the same. About a
minute with the defaults, after the PyO3 peer's first build (cargo, from
crates.io; `--no-pyo3` leaves it out, and a peer that cannot be built is
left out with a line saying so).

How the sides are compared. This machine's CPUs have phases of 0.1 to 3
seconds in which they run up to 1.8 times slower (Doc/cpython-integration.md,
"Speed"), and other processes share them: two sides measured one after the
other, as pyperf's benchmarks are, can differ by more than the overhead
being measured. Here every side runs in the same process, in turns of about
a millisecond: one round times one sample of every side for every call, the
sides' order rotating from round to round, each sample the thread's CPU time
(`time.thread_time`, so time spent preempted by another process is not
counted) of a loop making the call ten times per iteration. Samples of one
round are a few milliseconds apart and see the same phase; the ratio of two
sides is the median of their rounds' ratios. `--processes` fresh worker
processes (default 5) run `--rounds` rounds each (default 200), after a few
discarded ones; the report gives each ratio's range over the processes
too, which shows how noisy the run was.

The Rust module is build/<tag>/_testclinic<EXT_SUFFIX>, where build.py puts
it; `--rust-module PATH` names another file instead, for example a copy of
the C module (from the interpreter's lib-dynload), to check that both sides
are measured alike: every Rust/C ratio should then be close to 1.0.

Each call is timed by the same code for every side: a function compiled from
the call's Python source, whose callable and arguments are its locals, as
they would be in a tight loop in user code.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tools" / "rust"))
import build  # noqa: E402
import testclinic_modules  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PYO3_PEER = REPO / "bench" / "pyo3_peer"

# (function, positional arguments, keyword arguments, calling convention)
CASES = [
    ("test_empty_function", (), {}, "METH_NOARGS"),
    ("unicode_converter", ("",), {}, "METH_O"),
    ("bytes_object_converter", (b"",), {}, "METH_O"),
    ("objects_converter", (1, 2), {}, "METH_FASTCALL"),
    ("int_converter", (1, 2, "3"), {}, "METH_FASTCALL, int converters"),
    ("double_converter", (1.5,), {}, "METH_FASTCALL, double converter"),
    ("str_converter", ("a", b"b", "c"), {}, "METH_FASTCALL, format-string parser"),
    ("keywords", (1, 2), {}, "METH_FASTCALL|METH_KEYWORDS, positional"),
    ("keywords", (1,), {"b": 2}, "METH_FASTCALL|METH_KEYWORDS, a keyword"),
    ("vararg", (1, 2, 3), {}, "METH_FASTCALL|METH_KEYWORDS, *args"),
]
SIDES = ("C", "Rust", "PyO3")

UNROLL = 10
# Rounds run and thrown away before the measured ones, in each process.
WARMUP_ROUNDS = 5

TIME_FUNCTION = """\
def time_function(loops, f, {parameters}):
    clock = thread_time
    iterations = range(loops)
    started = clock()
    for _ in iterations:
{calls}
    return clock() - started
"""


def call_source(function, args, kwargs):
    """How the call reads in Python source, e.g. `keywords(1, b=2)`."""
    words = [repr(arg) for arg in args] + [f"{name}={value!r}" for name, value in kwargs.items()]
    return f"{function}({', '.join(words)})"


def time_function(args, kwargs):
    """A function of (loops, f, *arguments) that calls f with args and
    kwargs UNROLL times per loop and returns the thread CPU time taken."""
    names = [f"a{i}" for i in range(len(args))] + [f"k_{name}" for name in kwargs]
    words = names[: len(args)] + [f"{name}=k_{name}" for name in kwargs]
    call = f"        f({', '.join(words)})\n"
    source = TIME_FUNCTION.format(parameters=", ".join(names), calls=call * UNROLL)
    namespace = {"thread_time": time.thread_time}
    exec(compile(source, "<clinic_overhead time function>", "exec"), namespace)
    return namespace["time_function"]


def pyo3_peer_path():
    """Where build_pyo3_peer puts the PyO3 module for this interpreter."""
    tag = build.tag_of(sysconfig.get_config_var("EXT_SUFFIX"))
    return REPO / "build" / "pyo3-peer" / tag / "release" / "lib_testclinic_pyo3.so"


def build_pyo3_peer():
    """Build bench/pyo3_peer for this interpreter (cargo, release profile):
    its path, or None after printing why it could not be built."""
    cargo = os.environ.get("CARGO") or shutil.which("cargo")
    if cargo is None:
        print("skip PyO3: cargo is not installed", flush=True)
        return None
    target = pyo3_peer_path().parents[1]
    env = {**os.environ, "PYO3_PYTHON": sys.executable, "CARGO_TARGET_DIR": str(target)}
    built = subprocess.run([cargo, "build", "--release", "--quiet", "--manifest-path", str(PYO3_PEER / "Cargo.toml")],
                           env=env, capture_output=True, text=True)
    if built.returncode != 0:
        # cargo's first errors say why (a build script's own comes second);
        # its last only counts them.
        errors = [line.strip() for line in built.stderr.splitlines() if "error" in line]
        reason = " / ".join(errors[:2]) or "no message"
        print(f"skip PyO3: `cargo build` of bench/pyo3_peer failed: {reason}", flush=True)
        return None
    return pyo3_peer_path()


def load_sides(rust_path, pyo3_path):
    """The modules to compare, by side; PyO3 only with a path."""
    modules = {"C": testclinic_modules.load(testclinic_modules.c_path()), "Rust": testclinic_modules.load(rust_path)}
    if pyo3_path:
        import importlib.util

        spec = importlib.util.spec_from_file_location("_testclinic_pyo3", pyo3_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules["PyO3"] = module
    return modules


def calibrate(timer, function, arguments, sample_seconds):
    """Loops per sample so that one sample takes about sample_seconds."""
    loops = 1
    while True:
        elapsed = timer(loops, function, *arguments)
        if elapsed >= sample_seconds / 4:
            return max(1, round(loops * sample_seconds / elapsed))
        loops *= 4


def worker(args):
    """Measure in this process; print the samples (seconds per call) as JSON."""
    modules = load_sides(Path(args.rust_module), args.pyo3_module)
    sides = list(modules)
    cases = []
    for function, call_args, call_kwargs, _ in CASES:
        timer = time_function(call_args, call_kwargs)
        arguments = (*call_args, *call_kwargs.values())
        callables = {side: getattr(module, function) for side, module in modules.items()}
        loops = calibrate(timer, callables["C"], arguments, args.sample_ms / 1000)
        cases.append((timer, arguments, callables, loops, {side: [] for side in sides}))
    for round_index in range(WARMUP_ROUNDS + args.rounds):
        shift = round_index % len(sides)
        order = sides[shift:] + sides[:shift]
        for timer, arguments, callables, loops, samples in cases:
            for side in order:
                elapsed = timer(loops, callables[side], *arguments)
                if round_index >= WARMUP_ROUNDS:
                    samples[side].append(elapsed / (loops * UNROLL))
    json.dump([samples for *_, samples in cases], sys.stdout)


def measure(args, rust_path, pyo3_path):
    """Run the worker processes; the results, ready for clinic_report.py."""
    command = [sys.executable, __file__, "--worker", "--rust-module", str(rust_path),
               "--rounds", str(args.rounds), "--sample-ms", str(args.sample_ms)]
    if pyo3_path:
        command += ["--pyo3-module", str(pyo3_path)]
    per_process = []
    for index in range(args.processes):
        if not args.quiet:
            print(f"process {index + 1} of {args.processes}", file=sys.stderr, flush=True)
        per_process.append(json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout))
    results = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "debug": hasattr(sys, "gettotalrefcount"),
        "rust_module": str(rust_path),
        "pyo3": bool(pyo3_path),
        "rounds": args.rounds,
        "sample_ms": args.sample_ms,
        "cases": [],
    }
    for index, (function, call_args, call_kwargs, convention) in enumerate(CASES):
        results["cases"].append({
            "call": call_source(function, call_args, call_kwargs),
            "convention": convention,
            # samples[side][process][round], seconds per call
            "samples": {side: [process[index][side] for process in per_process]
                        for side in SIDES if side in per_process[0][index]},
        })
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", help="write the samples to this JSON file (for clinic_report.py)")
    parser.add_argument("--rust-module", metavar="PATH",
                        help="the _testclinic to compare with C (default: the Rust module in build/<tag>/)")
    parser.add_argument("--no-pyo3", action="store_true", help="leave the PyO3 peer out")
    parser.add_argument("--processes", type=int, default=5, help="worker processes, one after the other (default 5)")
    parser.add_argument("--rounds", type=int, default=200, help="measured rounds per process (default 200)")
    parser.add_argument("--sample-ms", type=float, default=1.0, help="CPU time per sample (default 1 ms)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pyo3-module", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    rust_path = Path(args.rust_module) if args.rust_module else testclinic_modules.rust_path()
    c_path = testclinic_modules.c_path()
    if not rust_path.is_file():
        print(f"error: no Rust _testclinic at {rust_path}; build it with"
              f" `python3 Tools/rust/build.py --python {sys.executable}`", file=sys.stderr)
        return 2
    if not c_path.is_file():
        print(f"error: {sys.executable} has no C _testclinic at {c_path}", file=sys.stderr)
        return 2
    pyo3_path = None if args.no_pyo3 else build_pyo3_peer()
    results = measure(args, rust_path, pyo3_path)
    if args.output:
        Path(args.output).write_text(json.dumps(results))
    import clinic_report

    print(clinic_report.report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
