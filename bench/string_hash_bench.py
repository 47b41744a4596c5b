"""hash() of fresh str, bytes and memoryview objects, and a dict-heavy loop,
in a CPython whose string hash is the Rust SipHash against one whose hash is
C's: the `3.13-shared` and `3.13-no-rust` builds of
Tools/rust/cpython_with_rust.py.

    python3 bench/string_hash_bench.py [--only NAME ...] [--rounds N] [pyperf options]

builds (or reuses) the two CPythons, gives each a venv that sees this
interpreter's pyperf, runs the benchmarks below under each and prints a
Markdown table of the times and the ratio C / Rust (above 1.0: Rust is
faster). The pyperf results go to bench/results/string-hash-<build>.json.

  hash bytes N      hash() of N-byte bytes objects, each hashed once (a
                    bytes object caches its hash), N = 8, 64, 4 KiB
  hash memoryview   hash() of fresh memoryviews of one 1 MiB bytes object
  hash str          hash() of 16-character str objects, each hashed once
  dict              1,000 fresh 12-character str keys: dict.fromkeys, then
                    a membership test of 1,000 more fresh equal keys (each
                    found: its hash, a probe, a comparison of 12 bytes)

The small objects are made in batches of 1,000 just before each batch is
timed, as a program hashes objects it has just made: the timings are of
hashing, not of fetching 100 MB of objects made in advance from memory, which
varied by a third from run to run on this machine. The machine also has
phases of a few seconds in which everything runs up to 1.6 times slower: the
two builds alternate `--rounds` times (default 20) for each benchmark, one pyperf
worker process each per round, so that those phases fall on both. The table
gives the medians of all values and their ratio, and the median of the
rounds' ratios (each round's two medians, taken a second apart).
"""

import argparse
import collections
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
BUILDS = {"Rust": "3.13-shared", "C": "3.13-no-rust"}
SIZES = {"8 B": 8, "64 B": 64, "4 KiB": 4096}
MEBIBYTE = 1 << 20
# Objects hashed per timed batch; pyperf divides the time by it.
BATCH = 1000


def distinct_payloads(size):
    """BATCH different byte strings of `size` ASCII letters."""
    alphabets = b"abcdefghijklmnopqrstuvwxyz" * (size // 26 + 2)
    payloads = []
    for index in range(BATCH):
        letters = bytearray(alphabets[index % 26:index % 26 + size])
        # The index in base 26, in capitals: no two alike.
        for digit in range(3):
            letters[digit] = ord("A") + index // 26**digit % 26
        payloads.append(letters)
    return payloads


def fresh_bytes(payloads):
    return list(map(bytes, payloads))


def fresh_str(payloads):
    return list(map(bytearray.decode, payloads))


def time_batches(loops, make, payloads):
    total = 0.0
    for _ in range(loops):
        objects = make(payloads)
        start = time.perf_counter()
        collections.deque(map(hash, objects), 0)
        total += time.perf_counter() - start
    return total


def time_memoryview(loops):
    data = bytes(MEBIBYTE)
    views = [memoryview(data) for _ in range(loops)]
    start = time.perf_counter()
    collections.deque(map(hash, views), 0)
    return time.perf_counter() - start


def time_dict(loops, payloads):
    total = 0.0
    for _ in range(loops):
        keys, probes = fresh_str(payloads), fresh_str(payloads)
        start = time.perf_counter()
        table = dict.fromkeys(keys)
        collections.deque(map(table.__contains__, probes), 0)
        total += time.perf_counter() - start
    return total


# name: (time function, arguments made in the worker); batches are divided by BATCH.
BENCHMARKS = {
    **{f"hash bytes {label}": (time_batches, lambda size=size: (fresh_bytes, distinct_payloads(size)))
       for label, size in SIZES.items()},
    "hash memoryview 1 MiB": (time_memoryview, tuple),
    "hash str 16 chars": (time_batches, lambda: (fresh_str, distinct_payloads(16))),
    "dict 1000 keys": (time_dict, lambda: (distinct_payloads(12),)),
}


def run_benchmark():
    """Run as pyperf's script: `--run NAME` and pyperf's own options."""
    import pyperf

    def pass_to_workers(command, args):
        command.extend(["--run", args.run])

    runner = pyperf.Runner(add_cmdline_args=pass_to_workers)
    runner.argparser.add_argument("--run", required=True, choices=BENCHMARKS, help="the benchmark to run")
    args = runner.parse_args()
    function, make_arguments = BENCHMARKS[args.run]
    inner = BATCH if function is time_batches else 1
    runner.bench_time_func(args.run, function, *make_arguments(), inner_loops=inner)


def venv_with_pyperf(python, directory):
    """A venv of `python` whose site-packages also sees this interpreter's pyperf."""
    import pyperf

    subprocess.run([str(python), "-m", "venv", "--without-pip", str(directory)], check=True)
    purelib = subprocess.run([str(directory / "bin" / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "pyperf.pth").write_text(str(Path(pyperf.__file__).parents[1]) + "\n")
    return directory / "bin" / "python"


def compare(benchmarks, rounds, pyperf_options):
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
            print(f"{benchmark}: {rounds} rounds", file=sys.stderr, flush=True)
            for round_number in range(rounds):
                # Which build goes first alternates too.
                for name in sorted(pythons, reverse=round_number % 2 == 1):
                    subprocess.run([str(pythons[name]), __file__, "--run", benchmark, "--append", str(outputs[name]),
                                    "--quiet", "--processes", "1", *pyperf_options], check=True)
    report(outputs, rounds)


def rounds_of(path, rounds):
    """{benchmark name: [values of each round]} of a pyperf results file."""
    import pyperf

    results = {}
    for benchmark in pyperf.BenchmarkSuite.load(str(path)):
        runs = [run.values for run in benchmark.get_runs() if run.values]
        size = len(runs) // rounds
        results[benchmark.get_name()] = [[value for run in runs[start:start + size] for value in run]
                                         for start in range(0, size * rounds, size)]
    return results


def report(outputs, rounds):
    rust, c = rounds_of(outputs["Rust"], rounds), rounds_of(outputs["C"], rounds)
    print("| benchmark | C | Rust | C / Rust | C / Rust, median of rounds |\n| --- | ---: | ---: | ---: | ---: |")
    for name in c:
        c_median = statistics.median(value for values in c[name] for value in values)
        rust_median = statistics.median(value for values in rust[name] for value in values)
        paired = statistics.median(statistics.median(c_values) / statistics.median(rust_values)
                                   for c_values, rust_values in zip(c[name], rust[name]))
        print(f"| {name} | {format_time(c_median)} | {format_time(rust_median)} | {c_median / rust_median:.3f} "
              f"| {paired:.3f} |")


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
    parser.add_argument("--rounds", type=int, default=20, help="times the two builds alternate per benchmark")
    args, pyperf_options = parser.parse_known_args()
    compare(args.only or list(BENCHMARKS), args.rounds, pyperf_options)


if __name__ == "__main__":
    main()
