"""Print, as Markdown, the results of bench/binascii_matrix.py: the minimum
ratio C time / Rust time over the matrix, the worst cells, and the matrix.

    python3 bench/binascii_matrix_report.py RESULTS.json [RESULTS.json ...] [--worst N] [--markdown FILE]

A cell's ratio is the median of the ratios of its pairs of values (C's
value and Rust's value timed one after the other in one process); above 1
the Rust module is faster. Targets, each cell marked below its target in
bold: at least 1.0 (0.95 at 64 B, where noise dominates), and at least 3.0
at 1 MiB for b2a_hex and hexlify with a separator and for a2b_qp and b2a_qp.

The matrix has a row per function, flags and input shape (marked "raises"
where C raises, and the error path is timed), and a column per size and
buffer kind: b bytes, ba bytearray, mv memoryview, str an ASCII str (only
for the functions that take one).
"""

import argparse
import statistics
import sys
from pathlib import Path

import pyperf

from binascii_report import cell as shown_time, size_label

MEBIBYTE = 1 << 20
SMALL_SIZE = 64
QP = ("a2b_qp", "b2a_qp")
HEX_WITH_SEPARATOR = ("b2a_hex", "hexlify")
KIND_COLUMNS = {"bytes": "b", "bytearray": "ba", "memoryview": "mv", "str": "str"}


def target(function, flags, size):
    """The least ratio C / Rust a cell must reach."""
    if size >= MEBIBYTE and (function in QP or (function in HEX_WITH_SEPARATOR and "sep" in flags)):
        return 3.0
    return 0.95 if size <= SMALL_SIZE else 1.0


def shown_ratio(value):
    """Two decimals; two significant digits below 0.1, which would show as 0.00."""
    return f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"


class Cell:
    """One cell: both sides' pyperf benchmarks and the ratios of its pairs."""

    def __init__(self, key, sides):
        self.function, self.flags, self.shape, self.size, self.kind = key
        self.c, self.rust = sides["C"], sides["Rust"]
        self.ratios = [c / rust
                       for c_run, rust_run in zip(self.c.get_runs(), self.rust.get_runs())
                       for c, rust in zip(c_run.values, rust_run.values)]
        self.ratio = statistics.median(self.ratios)
        self.target = target(self.function, self.flags, self.size)
        self.outcome = self.c.get_metadata().get("binascii_outcome", "?")

    @property
    def call(self):
        return f"{self.function}({'' if self.flags == '-' else self.flags})"

    @property
    def name(self):
        return f"{self.call} {self.shape} {size_label(self.size)} {self.kind}"

    @property
    def below_target(self):
        return self.ratio < self.target

    def spread(self):
        """The 10th and 90th percentiles of the pairs' ratios."""
        if len(self.ratios) < 2:
            return (self.ratio, self.ratio)
        deciles = statistics.quantiles(self.ratios, n=10)
        return deciles[0], deciles[-1]


class Matrix:
    """The cells of one results file, in the order they were timed."""

    def __init__(self, path):
        self.path = Path(path)
        suite = pyperf.BenchmarkSuite.load(str(path))
        sides = {}
        for benchmark in suite.get_benchmarks():
            meta = benchmark.get_metadata()
            if "binascii_function" not in meta:
                continue
            key = (meta["binascii_function"], meta["binascii_flags"], meta["binascii_shape"],
                   int(meta["binascii_size"]), meta["binascii_kind"])
            sides.setdefault(key, {})[meta["binascii_impl"]] = benchmark
            self.metadata = meta
        self.cells = [Cell(key, pair) for key, pair in sides.items() if len(pair) == 2]
        self.sizes = sorted({cell.size for cell in self.cells})
        self.kinds = [kind for kind in KIND_COLUMNS if any(cell.kind == kind for cell in self.cells)]
        self.hashes = sorted({cell.rust.get_metadata().get("binascii_rust_sha256", "?")[:12] for cell in self.cells})

    @property
    def python(self):
        meta = self.metadata
        return f"{meta.get('binascii_python', meta.get('python_version', '?'))} ({meta.get('python_executable', '?')})"

    def worst(self, count):
        return sorted(self.cells, key=lambda cell: cell.ratio)[:count]


def heading(matrix):
    meta = matrix.metadata
    stand_in = meta.get("binascii_rust_module", "").startswith("C stand-in")
    lines = [f"### Python {matrix.python}", ""]
    if stand_in:
        lines += ["**The Rust column is a second instance of the C module (--rust-module c):"
                  " harness validation, not a measurement of the Rust module.**", ""]
    lines += [f"Rust module: `{meta.get('binascii_rust_module', '?')}` (SHA-256 {', '.join(matrix.hashes)})",
              f"settings: {meta.get('binascii_settings', '?')}, clock {meta.get('binascii_clock', '?')},"
              f" CPU {meta.get('binascii_affinity', '?')}; malloc: {meta.get('binascii_malloc', '?')}"]
    if len(matrix.hashes) > 1:
        lines += ["", "**WARNING: the cells come from different builds of the module.**"]
    return lines


def summary(matrix, worst=10):
    """The minimum, the number of cells below target and the worst cells."""
    if not matrix.cells:
        return f"no binascii_matrix.py results in {matrix.path}"
    lowest = min(matrix.cells, key=lambda cell: cell.ratio)
    below = [cell for cell in matrix.cells if cell.below_target]
    lines = heading(matrix) + [
        "",
        f"minimum C/Rust over {len(matrix.cells)} cells: **{shown_ratio(lowest.ratio)}x** ({lowest.name})",
        f"cells below target: {len(below)} of {len(matrix.cells)}",
        "",
        f"Worst {min(worst, len(matrix.cells))} cells (lowest C/Rust):",
        "",
        "| cell | C's outcome | C | Rust | C/Rust | pairs' 10th-90th percentile | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cell in matrix.worst(worst):
        low, high = cell.spread()
        mark = " (below)" if cell.below_target else ""
        lines.append(f"| {cell.name} | {cell.outcome} | {shown_time(cell.c.median(), cell.size)}"
                     f" | {shown_time(cell.rust.median(), cell.size)} | {shown_ratio(cell.ratio)}x{mark}"
                     f" | {shown_ratio(low)}-{shown_ratio(high)} | {cell.target:g}x |")
    return "\n".join(lines)


def table(matrix):
    columns = [(size, kind) for size in matrix.sizes for kind in matrix.kinds]
    rows = {}
    for cell in matrix.cells:
        rows.setdefault((cell.call, cell.shape), {})[cell.size, cell.kind] = cell
    lines = ["| call | input | " + " | ".join(f"{size_label(size)} {KIND_COLUMNS[kind]}" for size, kind in columns)
             + " |",
             "| --- | --- |" + " ---: |" * len(columns)]
    for (call, shape), row in rows.items():
        raises = any(cell.outcome.startswith("raises") for cell in row.values())
        shown = []
        for column in columns:
            cell = row.get(column)
            if cell is None:
                shown.append("")
            elif cell.below_target:
                shown.append(f"**{shown_ratio(cell.ratio)}**")
            else:
                shown.append(shown_ratio(cell.ratio))
        lines.append(f"| `{call}` | {shape}{' (raises)' if raises else ''} | " + " | ".join(shown) + " |")
    return "\n".join(lines)


def report(matrix, worst):
    return "\n".join([summary(matrix, worst), "", "C time / Rust time per cell (bold: below target):", "",
                      table(matrix), ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", help="JSON files written by binascii_matrix.py")
    parser.add_argument("--worst", type=int, default=10, help="how many of the worst cells to list (10)")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    matrices = [Matrix(path) for path in args.results]
    empty = [str(matrix.path) for matrix in matrices if not matrix.cells]
    if empty:
        print(f"error: no binascii_matrix.py results in {', '.join(empty)}", file=sys.stderr)
        return 2
    text = "\n".join(report(matrix, args.worst) for matrix in matrices)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
        print(f"markdown: {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
