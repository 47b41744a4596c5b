"""hash() of fresh str, bytes and memoryview objects, and a dict-heavy loop,
in a CPython whose string hash is the Rust SipHash against one whose hash is
C's: the `3.13-shared` and `3.13-no-rust` builds of
Tools/rust/cpython_with_rust.py.

    python3 bench/string_hash_bench.py [--only NAME ...] [pyperf options]

builds (or reuses) the two CPythons, gives each a venv that sees this
interpreter's pyperf, runs the benchmarks below under each, the two
interpreters alternating benchmark by benchmark, and prints a Markdown table
of the median times and their ratio C / Rust (above 1.0: Rust is faster).
The pyperf results go to bench/results/string-hash-<build>.json.

  hash bytes N      hash() of N-byte bytes objects, each hashed once (a
                    bytes object caches its hash), N = 8, 64, 4 KiB
  hash memoryview   hash() of fresh memoryviews of one 1 MiB bytes object
  hash str          hash() of 16-character str objects, each hashed once
  dict              1,000 fresh 12-character str keys: dict.fromkeys, then
                    a membership test of 1,000 more fresh equal keys

Objects are made before the timer starts; pyperf's loop count makes that
many, so every timed hash() really hashes.
"""

import argparse
import collections
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
BUILDS = {"Rust": "3.13-shared", "C": "3.13-no-rust"}
SIZES = {"8 B": 8, "64 B": 64, "4 KiB": 4096}
MEBIBYTE = 1 << 20
# Calls per timed loop iteration for the small objects: pyperf divides.
INNER = 100


def fresh_bytes(size, count):
    pattern = bytearray((index * 31 + 7) & 0xFF for index in range(size))
    objects = []
    for index in range(count):
        pattern[index % size] = index & 0xFF
        objects.append(bytes(pattern))
    return objects


def time_hashes(loops, make):
    import time

    objects = make(loops * INNER)
    start = time.perf_counter()
    collections.deque(map(hash, objects), 0)
    return time.perf_counter() - start


def time_memoryview(loops):
    import time

    data = bytes(MEBIBYTE)
    views = [memoryview(data) for _ in range(loops)]
    start = time.perf_counter()
    collections.deque(map(hash, views), 0)
    return time.perf_counter() - start


def time_dict(loops):
    import time

    total = 0.0
    for loop in range(loops):
        keys = [f"key-{loop:03d}-{index:04d}" for index in range(1000)]
        probes = [f"key-{loop:03d}-{index:04d}" for index in range(1000)]
        start = time.perf_counter()
        table = dict.fromkeys(keys)
        collections.deque(map(table.__contains__, probes), 0)
        total += time.perf_counter() - start
    return total


BENCHMARKS = {
    **{f"hash bytes {label}": (time_hashes, lambda count, size=size: fresh_bytes(size, count))
       for label, size in SIZES.items()},
    "hash memoryview 1 MiB": (time_memoryview,),
    "hash str 16 chars": (time_hashes, lambda count: [f"string-{index:09d}" for index in range(count)]),
    "dict 1000 keys": (time_dict,),
}


def run_benchmark():
    """Run as pyperf's script: `--run NAME` and pyperf's own options."""
    import pyperf

    def pass_to_workers(command, args):
        command.extend(["--run", args.run])

    runner = pyperf.Runner(add_cmdline_args=pass_to_workers)
    runner.argparser.add_argument("--run", required=True, choices=BENCHMARKS, help="the benchmark to run")
    args = runner.parse_args()
    function, *arguments = BENCHMARKS[args.run]
    inner = INNER if function is time_hashes else 1
    runner.bench_time_func(args.run, function, *arguments, inner_loops=inner)


def venv_with_pyperf(python, directory):
    """A venv of `python` whose site-packages also sees this interpreter's pyperf."""
    import pyperf

    subprocess.run([str(python), "-m", "venv", "--without-pip", str(directory)], check=True)
    purelib = subprocess.run([str(directory / "bin" / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "pyperf.pth").write_text(str(Path(pyperf.__file__).parents[1]) + "\n")
    return directory / "bin" / "python"


def compare(benchmarks, pyperf_options):
    sys.path.insert(0, str(REPO / "Tools" / "rust"))
    import cpython_with_rust

    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="string-hash-bench-") as scratch:
        pythons = {name: venv_with_pyperf(cpython_with_rust.ensure_build(build) / "python", Path(scratch, name))
                   for name, build in BUILDS.items()}
        outputs = {name: RESULTS / f"string-hash-{build}.json" for name, build in BUILDS.items()}
        for output in outputs.values():
            output.unlink(missing_ok=True)
        for benchmark in benchmarks:
            for name, python in pythons.items():
                print(f"{name}: {benchmark}", file=sys.stderr, flush=True)
                subprocess.run([str(python), __file__, "--run", benchmark, "--append", str(outputs[name]),
                                "--quiet", *pyperf_options], check=True)
    report(outputs)


def medians(path):
    with open(path) as file:
        suite = json.load(file)
    times = {}
    for benchmark in suite["benchmarks"]:
        values = [value for run in benchmark["runs"] for value in run.get("values", [])]
        times[benchmark["metadata"]["name"]] = statistics.median(values)
    return times


def report(outputs):
    rust, c = medians(outputs["Rust"]), medians(outputs["C"])
    print("| benchmark | C | Rust | C / Rust |\n| --- | ---: | ---: | ---: |")
    for name in c:
        print(f"| {name} | {format_time(c[name])} | {format_time(rust[name])} | {c[name] / rust[name]:.3f} |")


def format_time(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main():
    if "--run" in sys.argv:
        run_benchmark()
        return
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0],
                                     epilog="Other options (--fast, --rigorous, --processes N, ...) go to pyperf.")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, help="run only this benchmark (repeatable)")
    args, pyperf_options = parser.parse_known_args()
    compare(args.only or list(BENCHMARKS), pyperf_options)


if __name__ == "__main__":
    main()
