"""What --with-rust costs a CPython build: clean-build time and module size.

    python3 bench/cpython_build_cost.py [--rounds N]

Integrates fresh copies of the CPython 3.13.5 release tarball (as
Tools/rust/cpython_with_rust.py does) and times, from scratch and in
alternation, `./configure && make -j<cores>` with the default (Rust
enabled) and with `--with-rust=no` (the C modules, as a plain build). Then
compares binascii's shared module, Rust against C, after `strip`. Prints a
Markdown table; the numbers in Doc/cpython-integration.md come from it.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tools" / "rust"))

import cpython_build  # noqa: E402
import cpython_with_rust  # noqa: E402
import integrate  # noqa: E402

CONFIGURATIONS = {"--with-rust (default)": [], "--with-rust=no": ["--with-rust=no"]}


def timed_build(scratch, arguments):
    """(seconds for configure + make, the tree) of a fresh integrated tree."""
    tree = cpython_build.extract_source(cpython_with_rust.VARIANTS["3.13-shared"].version, tempfile.mkdtemp(dir=scratch))
    subprocess.run([sys.executable, integrate.__file__, tree], check=True, capture_output=True)
    start = time.perf_counter()
    for command in (["./configure", *arguments], ["make", f"-j{len(os.sched_getaffinity(0))}"]):
        subprocess.run(command, cwd=tree, check=True, capture_output=True)
    return time.perf_counter() - start, tree


def stripped_size(module, scratch):
    copy = Path(scratch) / module.name
    shutil.copy(module, copy)
    subprocess.run(["strip", "--strip-all", copy], check=True)
    return copy.stat().st_size


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="builds of each configuration (default 2)")
    args = parser.parse_args()
    times = {name: [] for name in CONFIGURATIONS}
    trees = {}
    with tempfile.TemporaryDirectory(prefix="cpython-build-cost-") as scratch:
        for round_number in range(args.rounds):
            for name, arguments in CONFIGURATIONS.items():
                seconds, tree = timed_build(scratch, arguments)
                print(f"round {round_number + 1}: {name}: {seconds:.1f} s", file=sys.stderr, flush=True)
                times[name].append(seconds)
                if name in trees:
                    shutil.rmtree(tree)
                else:
                    trees[name] = tree
        rust, plain = (statistics.median(times[name]) for name in CONFIGURATIONS)
        print(f"Clean build, `./configure && make -j{len(os.sched_getaffinity(0))}`, "
              f"median of {args.rounds}:\n")
        print("| configuration | seconds | each build |\n| --- | ---: | --- |")
        for name in CONFIGURATIONS:
            print(f"| {name} | {statistics.median(times[name]):.1f} | "
                  f"{', '.join(f'{t:.1f}' for t in times[name])} |")
        print(f"\nExtra for --with-rust: {rust - plain:+.1f} s ({(rust / plain - 1) * 100:+.1f}%)\n")
        modules = {name: next((trees[name] / "Modules").glob("binascii.cpython-*.so")) for name in CONFIGURATIONS}
        print("| binascii module | bytes | stripped |\n| --- | ---: | ---: |")
        for (name, module), language in zip(modules.items(), ("Rust", "C")):
            print(f"| {language} ({name}) | {module.stat().st_size:,} | {stripped_size(module, scratch):,} |")


if __name__ == "__main__":
    main()
