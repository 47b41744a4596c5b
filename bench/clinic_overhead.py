"""Per-call overhead of the argument parsing that Argument Clinic generates:
the Rust _testclinic (Modules/_testclinic) against the C _testclinic of the
interpreter running this script, both loaded in one process.

    python3 Tools/rust/build.py --python python3     # puts the Rust module in build/<tag>/
    python3 bench/clinic_overhead.py -o clinic.json  # any pyperf option works
    python3 bench/clinic_report.py clinic.json       # Markdown table: C, Rust, Rust/C

or `make bench-clinic PYTHON=python3.13`, which does all three. Needs pyperf
(`python3 -m pip install pyperf`). A run takes several minutes; pyperf's
`--fast` is quicker, with more jitter.

The Rust module is build/<tag>/_testclinic<EXT_SUFFIX>, where build.py puts
it; `--rust-module PATH` names another file instead, for example a copy of
the C module (from the interpreter's lib-dynload), to check that both sides
are measured alike: every ratio should then be close to 1.0.

Each case is one call, measured for both modules by the same code: a time
function compiled from the call's Python source, which makes the call ten
times per loop iteration (pyperf divides by ten), so the loop's own cost is
small and equal for both. The callable and its arguments are locals of that
function, as they would be in a tight loop in user code. Benchmarks are named
"<call> [C]" and "<call> [Rust]"; each records its calling convention in the
metadata key `clinic_convention`.
"""

import sys
from pathlib import Path

import pyperf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tools" / "rust"))
import testclinic_modules  # noqa: E402

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

UNROLL = 10

TIME_FUNCTION = """\
def time_function(loops, f, {parameters}):
    timer = perf_counter
    iterations = range(loops)
    started = timer()
    for _ in iterations:
{calls}
    return timer() - started
"""


def call_source(function, args, kwargs):
    """How the call reads in Python source, e.g. `keywords(1, b=2)`."""
    words = [repr(arg) for arg in args] + [f"{name}={value!r}" for name, value in kwargs.items()]
    return f"{function}({', '.join(words)})"


def time_function(args, kwargs):
    """A pyperf time function calling its argument f with args and kwargs,
    UNROLL times per loop; the arguments come after f, in order."""
    names = [f"a{i}" for i in range(len(args))] + [f"k_{name}" for name in kwargs]
    words = names[: len(args)] + [f"{name}=k_{name}" for name in kwargs]
    call = f"        f({', '.join(words)})\n"
    source = TIME_FUNCTION.format(parameters=", ".join(names), calls=call * UNROLL)
    namespace = {"perf_counter": pyperf.perf_counter}
    exec(compile(source, "<clinic_overhead time function>", "exec"), namespace)
    return namespace["time_function"]


def add_arguments(cmd, args):
    """Give pyperf's worker processes the same --rust-module."""
    if args.rust_module:
        cmd.extend(("--rust-module", args.rust_module))


def main():
    runner = pyperf.Runner(add_cmdline_args=add_arguments)
    runner.argparser.add_argument(
        "--rust-module", metavar="PATH",
        help="the _testclinic to compare with C (default: the Rust module in build/<tag>/)",
    )
    args = runner.parse_args()
    rust_path = Path(args.rust_module) if args.rust_module else testclinic_modules.rust_path()
    c_path = testclinic_modules.c_path()
    if not rust_path.is_file():
        print(f"error: no Rust _testclinic at {rust_path}; build it with"
              f" `python3 Tools/rust/build.py --python {sys.executable}`", file=sys.stderr)
        return 2
    if not c_path.is_file():
        print(f"error: {sys.executable} has no C _testclinic at {c_path}", file=sys.stderr)
        return 2
    modules = {"C": testclinic_modules.load(c_path), "Rust": testclinic_modules.load(rust_path)}
    for function, call_args, call_kwargs, convention in CASES:
        timer = time_function(call_args, call_kwargs)
        for side, module in modules.items():
            runner.bench_time_func(
                f"{call_source(function, call_args, call_kwargs)} [{side}]",
                timer, getattr(module, function), *call_args, *call_kwargs.values(),
                inner_loops=UNROLL, metadata={"clinic_convention": convention},
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
