"""Print, as a Markdown table, the results of bench/clinic_overhead.py.

    python3 bench/clinic_report.py RESULTS.json

One row per call: the median time per call of the C, Rust and PyO3 sides,
and the ratios Rust/C, PyO3/C and Rust/best peer (the faster of C and PyO3
in the same round): above 1, Rust is slower. A ratio is the median of the
rounds' ratios; in brackets, the lowest and highest of the worker
processes' own medians, which shows how much the run's noise moved it.
"""

import argparse
import statistics
import sys
from pathlib import Path
import json


def rounds(samples, side):
    """The side's samples of every process, in round order."""
    return [value for process in samples[side] for value in process]


def ratio(samples, numerator, denominator):
    """(median, lowest process median, highest process median) of the
    per-round ratios numerator / denominator, a function of a round's
    samples by side."""
    processes = len(samples["C"])
    per_process = []
    for process in range(processes):
        columns = {side: values[process] for side, values in samples.items()}
        per_process.append([numerator(row) / denominator(row) for row in zip_rounds(columns)])
    everything = [value for values in per_process for value in values]
    process_medians = [statistics.median(values) for values in per_process]
    return statistics.median(everything), min(process_medians), max(process_medians)


def zip_rounds(columns):
    """One dict of side -> sample per round."""
    sides = list(columns)
    return [dict(zip(sides, values)) for values in zip(*(columns[side] for side in sides))]


def cell(value):
    median, low, high = value
    return f"{median:.2f} ({low:.2f}–{high:.2f})"


def report(results):
    """The table of one run, with a line saying which Python ran it."""
    has_pyo3 = all("PyO3" in case["samples"] for case in results["cases"])
    header = ["call", "convention", "C", "Rust"] + (["PyO3"] if has_pyo3 else []) + ["Rust/C"]
    if has_pyo3:
        header += ["PyO3/C", "Rust/best peer"]
    lines = ["| " + " | ".join(header) + " |", "| --- | --- |" + " ---: |" * (len(header) - 2)]
    for case in results["cases"]:
        samples = case["samples"]
        medians = {side: statistics.median(rounds(samples, side)) for side in samples}
        # A | inside a cell would end it.
        row = [f"`{case['call']}`", case["convention"].replace("|", "\\|")]
        row += [f"{medians[side] * 1e9:.1f} ns" for side in ("C", "Rust") + (("PyO3",) if has_pyo3 else ())]
        row.append(cell(ratio(samples, lambda r: r["Rust"], lambda r: r["C"])))
        if has_pyo3:
            row.append(cell(ratio(samples, lambda r: r["PyO3"], lambda r: r["C"])))
            row.append(cell(ratio(samples, lambda r: r["Rust"], lambda r: min(r["C"], r["PyO3"]))))
        lines.append("| " + " | ".join(row) + " |")
    build = " free-threaded" if results.get("free_threaded") else ""
    build += " debug" if results.get("debug") else ""
    processes = len(results["cases"][0]["samples"]["C"])
    title = (f"Python {results['python']}{build} ({results['executable']}): {processes} processes x "
             f"{results['rounds']} rounds, {results['sample_ms']:g} ms samples")
    if not has_pyo3:
        title += "; PyO3 skipped"
    return title + "\n\n" + "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", help="JSON files written by clinic_overhead.py -o")
    args = parser.parse_args()
    for index, path in enumerate(args.results):
        results = json.loads(Path(path).read_text())
        if not results.get("cases"):
            print(f"error: {path} has no measured call", file=sys.stderr)
            return 2
        print(("\n" if index else "") + report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
