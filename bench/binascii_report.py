"""Print, as Markdown, the results of bench/binascii_bench.py, check the
targets, and plot throughput against size.

    python3 bench/binascii_report.py RESULTS.json [RESULTS.json ...]
                                     [--markdown FILE] [--plot PNG | --no-plot]

For each file (one interpreter each): one row per operation and size with
the median time per call and the throughput (GB/s, 10^9 bytes of raw data
per second) of C, Rust and the peer (pybase64, or zlib for crc32), the
speedup of Rust over C (C time / Rust time) and over the peer (peer time /
Rust time; above 1: Rust is faster). Then the targets, as ratios of medians,
each marked pass or fail:

  at 1 MiB   encode, decode_strict, decode: >= 20x C and >= 1.0x pybase64
             (decode against pybase64's validating decoder);
             decode_mime: >= 5x C and faster than pybase64's non-validating
             decoder; hexlify, unhexlify: >= 10x C; crc32: >= 1.0x C
  at 64 B    every operation: Rust time / C time <= 1.05

The plot (default Doc/binascii-throughput.png; needs matplotlib) has one
log-log panel per operation, throughput against size, a line per
implementation, and a line style per results file.
"""

import argparse
import sys
from pathlib import Path

import pyperf

REPO = Path(__file__).resolve().parents[1]
OPS = ("encode", "decode_strict", "decode", "decode_mime", "hexlify", "unhexlify", "crc32")
PEERS = ("pybase64", "zlib")
COLORS = {"C": "tab:blue", "Rust": "tab:orange", "pybase64": "tab:green", "zlib": "tab:gray"}
LINESTYLES = ("-", "--", ":", "-.")

# (op, minimum speedup over C at 1 MiB, minimum speedup over the peer at 1 MiB
# or None, whether the peer must be strictly slower)
TARGETS = [
    ("encode", 20, 1.0, False),
    ("decode_strict", 20, 1.0, False),
    ("decode", 20, 1.0, False),
    ("decode_mime", 5, 1.0, True),
    ("hexlify", 10, None, False),
    ("unhexlify", 10, None, False),
    ("crc32", 1.0, None, False),
]
TARGET_SIZE = 1 << 20
SMALL_SIZE = 64
SMALL_MAX_RATIO = 1.05


def size_label(size):
    for unit, shift in (("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift} {unit}"
    return f"{size} B"


class Results:
    """The medians of one results file: medians[op, size, impl] in seconds."""

    def __init__(self, path):
        self.path = Path(path)
        suite = pyperf.BenchmarkSuite.load(str(path))
        self.medians = {}
        self.calls = {}
        self.metadata = {}
        self.hashes = set()
        for benchmark in suite.get_benchmarks():
            meta = benchmark.get_metadata()
            if "binascii_op" not in meta:
                continue
            key = (meta["binascii_op"], int(meta["binascii_size"]), meta["binascii_impl"])
            self.medians[key] = benchmark.median()
            self.calls[meta["binascii_op"], meta["binascii_impl"]] = meta.get("binascii_call", "")
            self.metadata = meta
            if meta.get("binascii_impl") == "Rust":
                self.hashes.add(meta.get("binascii_rust_sha256", "?"))
        suite_meta = suite.get_metadata()
        self.python = suite_meta.get("python_version", self.metadata.get("python_version", "?"))
        self.rust_origin = self.metadata.get("binascii_rust_module", "?")
        self.stand_in = self.rust_origin.startswith("C stand-in")
        self.ops = [op for op in OPS if any(key[0] == op for key in self.medians)]
        self.sizes = sorted({key[1] for key in self.medians})

    def median(self, op, size, impl):
        return self.medians.get((op, size, impl))

    def peer_of(self, op):
        for peer in PEERS:
            if any(key[0] == op and key[2] == peer for key in self.medians):
                return peer
        return None


def cell(seconds, size):
    if seconds is None:
        return "-"
    if seconds >= 1e-3:
        shown = f"{seconds * 1e3:.2f} ms"
    elif seconds >= 1e-6:
        shown = f"{seconds * 1e6:.2f} us"
    else:
        shown = f"{seconds * 1e9:.0f} ns"
    return f"{shown} ({size / seconds / 1e9:.2f} GB/s)"


def ratio(slower, faster):
    if slower is None or faster is None:
        return None
    return slower / faster


def shown_ratio(value):
    return "-" if value is None else f"{value:.2f}x"


def table(results):
    lines = [
        "| op | size | C | Rust | peer | peer time | Rust/C speedup | Rust vs peer |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for op in results.ops:
        peer = results.peer_of(op)
        for size in results.sizes:
            c = results.median(op, size, "C")
            rust = results.median(op, size, "Rust")
            other = results.median(op, size, peer) if peer else None
            if c is None and rust is None:
                continue
            lines.append(
                f"| {op} | {size_label(size)} | {cell(c, size)} | {cell(rust, size)} | {peer or '-'} |"
                f" {cell(other, size)} | {shown_ratio(ratio(c, rust))} | {shown_ratio(ratio(other, rust))} |"
            )
    return "\n".join(lines)


def calls(results):
    lines = ["Calls timed:", ""]
    for op in results.ops:
        described = [f"{impl}: `{results.calls[op, impl]}`" for impl in ("C", "Rust", *PEERS)
                     if (op, impl) in results.calls and impl != "Rust"]
        lines.append(f"- {op}: " + "; ".join(described))
    lines.append("")
    lines.append("decode is timed on clean input; its pybase64 peer is the validating decoder"
                 " (validate=True), pybase64's fast path for clean input; decode_mime's is the"
                 " non-validating one. crc32's peer, zlib.crc32, is a reference only.")
    return "\n".join(lines)


def targets(results):
    """[(target, measured, verdict)]; verdict is pass, fail or not measured."""
    checks = []

    def check(what, value, good):
        if value is None:
            checks.append((what, "-", "not measured"))
        else:
            checks.append((what, f"{value:.2f}x", "pass" if good(value) else "FAIL"))

    size = size_label(TARGET_SIZE)
    for op, over_c, over_peer, strictly in TARGETS:
        c = results.median(op, TARGET_SIZE, "C")
        rust = results.median(op, TARGET_SIZE, "Rust")
        check(f"{op} {size}: Rust >= {over_c:g}x C", ratio(c, rust), lambda v, t=over_c: v >= t)
        if over_peer is not None:
            peer = results.median(op, TARGET_SIZE, "pybase64")
            if strictly:
                check(f"{op} {size}: Rust faster than pybase64", ratio(peer, rust), lambda v: v > 1.0)
            else:
                check(f"{op} {size}: Rust >= {over_peer:g}x pybase64", ratio(peer, rust),
                      lambda v, t=over_peer: v >= t)
    for op in OPS:
        c = results.median(op, SMALL_SIZE, "C")
        rust = results.median(op, SMALL_SIZE, "Rust")
        value = ratio(rust, c)
        if value is None:
            checks.append((f"{op} {SMALL_SIZE} B: Rust/C time <= {SMALL_MAX_RATIO}", "-", "not measured"))
        else:
            checks.append((f"{op} {SMALL_SIZE} B: Rust/C time <= {SMALL_MAX_RATIO}", f"{value:.3f}",
                           "pass" if value <= SMALL_MAX_RATIO else "FAIL"))
    return checks


def targets_table(checks):
    lines = ["| target | measured | |", "| --- | ---: | --- |"]
    lines += [f"| {what} | {value} | {verdict} |" for what, value, verdict in checks]
    passed = sum(verdict == "pass" for _, _, verdict in checks)
    failed = sum(verdict == "FAIL" for _, _, verdict in checks)
    missing = sum(verdict == "not measured" for _, _, verdict in checks)
    lines.append("")
    lines.append(f"targets: {passed} passed, {failed} failed, {missing} not measured")
    return "\n".join(lines)


def report(results):
    parts = [f"### Python {results.python}", ""]
    if results.stand_in:
        parts += ["**The Rust column is a second instance of the C module (--rust-module c):"
                  " harness validation, not a measurement of the Rust module.**", ""]
    parts += [f"Rust module: `{results.rust_origin}`"
              + (f" (SHA-256 {', '.join(sorted(h[:12] for h in results.hashes))})" if results.hashes else "")]
    if len(results.hashes) > 1:
        parts += ["", "**WARNING: the Rust rows come from different builds of the module.**"]
    parts += [f"malloc: {results.metadata.get('binascii_malloc', '?')}"]
    pybase64 = results.metadata.get("pybase64_version")
    parts += [f"pybase64: {pybase64}" if pybase64 else "pybase64: not measured", "", table(results), "",
              calls(results), "", targets_table(targets(results)), ""]
    return "\n".join(parts)


def plot(all_results, path):
    try:
        import matplotlib
    except ImportError as error:
        print(f"SKIPPED plot: matplotlib is not installed for {sys.executable} ({error})")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ops = [op for op in OPS if any(op in results.ops for results in all_results)]
    if not ops:
        print("SKIPPED plot: nothing measured")
        return
    columns = 4 if len(ops) > 4 else len(ops)
    rows = (len(ops) + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.6 * rows), squeeze=False)
    for index, op in enumerate(ops):
        axis = axes[index // columns][index % columns]
        for number, results in enumerate(all_results):
            style = LINESTYLES[number % len(LINESTYLES)]
            for impl in ("C", "Rust", *PEERS):
                points = [(size, size / results.median(op, size, impl) / 1e9) for size in results.sizes
                          if results.median(op, size, impl)]
                if not points:
                    continue
                label = impl if impl != "Rust" or not results.stand_in else "Rust (C stand-in)"
                if len(all_results) > 1:
                    label += f", {results.python.split()[0]}"
                xs, ys = zip(*points)
                axis.plot(xs, ys, style, marker="o", markersize=3, color=COLORS[impl], label=label)
        axis.set_xscale("log", base=2)
        sizes = sorted({size for results in all_results for size in results.sizes})
        axis.set_xticks(sizes, [size_label(size) for size in sizes])
        axis.minorticks_off()
        axis.set_yscale("log")
        axis.set_title(op)
        axis.set_xlabel("raw data size (bytes)")
        axis.set_ylabel("GB/s")
        axis.grid(True, which="both", alpha=0.3)
    # One legend for all panels, in the first free cell (or below them).
    legend = {}
    for axis in axes.flat:
        for handle, label in zip(*axis.get_legend_handles_labels()):
            legend.setdefault(label, handle)
    for index in range(len(ops), rows * columns):
        axes[index // columns][index % columns].set_axis_off()
    if len(ops) < rows * columns:
        axes[-1][-1].legend(legend.values(), legend.keys(), loc="center")
    else:
        figure.legend(legend.values(), legend.keys(), loc="lower center", ncol=len(legend))
    versions = ", ".join(results.python.split()[0] for results in all_results)
    figure.suptitle(f"binascii throughput: C, Rust, pybase64 (Python {versions})")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    print(f"plot: {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", help="JSON files written by binascii_bench.py")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--plot", type=Path, default=REPO / "Doc" / "binascii-throughput.png",
                        help="where to save the plot (default: Doc/binascii-throughput.png)")
    parser.add_argument("--no-plot", action="store_true", help="do not draw the plot")
    args = parser.parse_args()
    all_results = [Results(path) for path in args.results]
    empty = [str(results.path) for results in all_results if not results.medians]
    if empty:
        print(f"error: no binascii_bench.py results in {', '.join(empty)}", file=sys.stderr)
        return 2
    text = "\n".join(report(results) for results in all_results)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
        print(f"markdown: {args.markdown}")
    if not args.no_plot:
        plot(all_results, args.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
