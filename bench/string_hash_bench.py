"""hash() of fresh str, bytes and memoryview objects, and a dict-heavy loop,
in a CPython whose string hash is the Rust SipHash against one whose hash is
C's: the `3.13-shared` and `3.13-no-rust` builds of
Tools/rust/cpython_with_rust.py.

    python3 bench/string_hash_bench.py [--only NAME ...] [--rounds N] [--control] [pyperf options]

builds (or reuses) the two CPythons, gives each a venv that sees this
interpreter's pyperf, runs the benchmarks below under each and prints a
Markdown table of the times and the ratio C / Rust (above 1.0: Rust is
faster). The pyperf results go to bench/results/string-hash-{c,rust}.json
(string-hash-control-{c,c-again}.json with `--control`).

  hash bytes N      hash() of N-byte bytes objects, each hashed once (a
                    bytes object caches its hash), N = 8, 64, 4 KiB
  hash memoryview   hash() of fresh memoryviews of one 1 MiB bytes object
  hash str          hash() of 16-character str objects, each hashed once
  dict              1,000 fresh 12-character str keys: dict.fromkeys, then
                    a membership test of 1,000 more fresh equal keys (each
                    found: its hash, a probe, a comparison of 12 bytes)

The small objects are made in batches of 1,000 just before each batch is
timed, as a program hashes objects it has just made: the timings are of
hashing, not of fetching 100 MB of objects made in advance from memory.

This machine (a 2-CPU KVM guest) has phases in which a CPU runs up to 1.8
times slower, lasting 0.1 to 3 seconds, unrelated between its two CPUs: two
processes that run one after the other, or at once on different CPUs, see
different phases. The two builds therefore run at the same time on the same
CPU (pyperf's `--affinity`), taking turns every few milliseconds, and each
times its own CPU time (`time.thread_time`): both see the same phases. One
such pair per round, `--rounds` rounds (default 20) per benchmark, fresh
processes each round. The table gives the medians of all values and their
ratio, and the median of the rounds' ratios. `--control` runs the C build
against itself, which shows what the method makes of no difference.
"""

import argparse
import collections
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
# (label, build) of the baseline, then of the build compared with it.
BUILDS = (("C", "3.13-no-rust"), ("Rust", "3.13-shared"))
CONTROL_BUILDS = (("C", "3.13-no-rust"), ("C again", "3.13-no-rust"))
SIZES = {"8 B": 8, "64 B": 64, "4 KiB": 4096}
MEBIBYTE = 1 << 20
# Objects hashed per timed batch; pyperf divides the time by it.
BATCH = 1000
# The time a worker spends running, not waiting for the CPU it shares with
# the other build's worker.
clock = time.thread_time


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
        start = clock()
        collections.deque(map(hash, objects), 0)
        total += clock() - start
    return total


def time_memoryview(loops):
    data = bytes(MEBIBYTE)
    views = [memoryview(data) for _ in range(loops)]
    start = clock()
    collections.deque(map(hash, views), 0)
    return clock() - start


def time_dict(loops, payloads):
    total = 0.0
    for _ in range(loops):
        keys, probes = fresh_str(payloads), fresh_str(payloads)
        start = clock()
        table = dict.fromkeys(keys)
        collections.deque(map(table.__contains__, probes), 0)
        total += clock() - start
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


def compare(benchmarks, builds, results_prefix, rounds, pyperf_options):
    sys.path.insert(0, str(REPO / "Tools" / "rust"))
    import cpython_with_rust

    RESULTS.mkdir(parents=True, exist_ok=True)
    shared_cpu = str(max(os.sched_getaffinity(0)))
    with tempfile.TemporaryDirectory(prefix="string-hash-bench-") as scratch:
        pythons = {label: venv_with_pyperf(cpython_with_rust.ensure_build(build) / "python",
                                           Path(scratch, results_name(label)))
                   for label, build in builds}
        outputs = {label: RESULTS / f"{results_prefix}-{results_name(label)}.json" for label in pythons}
        for output in outputs.values():
            output.unlink(missing_ok=True)
        for benchmark in benchmarks:
            print(f"{benchmark}: {rounds} rounds", file=sys.stderr, flush=True)
            for round_number in range(rounds):
                # Which build starts first alternates too.
                labels = sorted(pythons, reverse=round_number % 2 == 1)
                workers = [subprocess.Popen([str(pythons[label]), __file__, "--run", benchmark,
                                             "--append", str(outputs[label]), "--quiet", "--processes", "1",
                                             "--affinity", shared_cpu, *pyperf_options],
                                            # Each prints a summary line; the table below says it all.
                                            stdout=subprocess.DEVNULL)
                           for label in labels]
                # Both are waited for, so that neither outlives a failure of the other.
                for label, status in zip(labels, [worker.wait() for worker in workers]):
                    if status:
                        sys.exit(f"{label}: {benchmark} failed with exit status {status}")
    report(outputs, rounds)


def results_name(label):
    """"C again" -> "c-again": the label as part of a file name."""
    return re.sub(r"\W+", "-", label.lower())


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
    (base, base_path), (other, other_path) = outputs.items()
    base_rounds, other_rounds = rounds_of(base_path, rounds), rounds_of(other_path, rounds)
    ratio = f"{base} / {other}"
    print(f"| benchmark | {base} | {other} | {ratio} | {ratio}, median of rounds | rounds, 10th-90th percentile |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, base_values in base_rounds.items():
        other_values = other_rounds[name]
        base_median = statistics.median(value for values in base_values for value in values)
        other_median = statistics.median(value for values in other_values for value in values)
        round_ratios = [statistics.median(base_round) / statistics.median(other_round)
                        for base_round, other_round in zip(base_values, other_values)]
        deciles = statistics.quantiles(round_ratios, n=10)
        print(f"| {name} | {format_time(base_median)} | {format_time(other_median)} "
              f"| {base_median / other_median:.3f} | {statistics.median(round_ratios):.3f} "
              f"| {deciles[0]:.3f}-{deciles[-1]:.3f} |")


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
    parser.add_argument("--rounds", type=int, default=20, help="pairs of processes per benchmark")
    parser.add_argument("--control", action="store_true", help="compare the C build with itself")
    args, pyperf_options = parser.parse_known_args()
    if args.rounds < 2:
        parser.error("--rounds: at least 2, for the spread of the rounds' ratios")
    builds, results_prefix = (CONTROL_BUILDS, "string-hash-control") if args.control else (BUILDS, "string-hash")
    compare(args.only or list(BENCHMARKS), builds, results_prefix, args.rounds, pyperf_options)


if __name__ == "__main__":
    main()
