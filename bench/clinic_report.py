"""Print, as a Markdown table, the results of bench/clinic_overhead.py.

    python3 bench/clinic_report.py RESULTS.json

One row per call: the median time per call of the C and the Rust
_testclinic, and their ratio (above 1: Rust is slower). Reads the JSON file
that `bench/clinic_overhead.py -o RESULTS.json` wrote.
"""

import argparse
import sys

import pyperf

SIDES = ("C", "Rust")


def rows(suite):
    """(call, convention, C median, Rust median) in the order benchmarked,
    for each call measured on both sides; medians in seconds."""
    medians = {}
    conventions = {}
    for benchmark in suite.get_benchmarks():
        call, _, side = benchmark.get_name().rpartition(" [")
        side = side.rstrip("]")
        medians[call, side] = benchmark.median()
        conventions[call] = benchmark.get_metadata().get("clinic_convention", "")
    for call in conventions:
        if all((call, side) in medians for side in SIDES):
            yield call, conventions[call], medians[call, "C"], medians[call, "Rust"]


def table(suite):
    lines = [
        "| call | convention | C median | Rust median | Rust/C |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for call, convention, c, rust in rows(suite):
        # A | inside a cell would end it.
        convention = convention.replace("|", "\\|")
        lines.append(f"| `{call}` | {convention} | {c * 1e9:.1f} ns | {rust * 1e9:.1f} ns | {rust / c:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="the JSON file written by clinic_overhead.py -o")
    args = parser.parse_args()
    suite = pyperf.BenchmarkSuite.load(args.results)
    if not any(True for _ in rows(suite)):
        print(f"error: {args.results} has no call measured for both C and Rust", file=sys.stderr)
        return 2
    print(f"Python {suite.get_metadata().get('python_version', '?')}\n")
    print(table(suite))
    return 0


if __name__ == "__main__":
    sys.exit(main())
