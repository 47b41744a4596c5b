# Entry points of cpython-rust; see README.md.
PYTHON ?= python3

.PHONY: demo build test test-deps cpython bench-clinic bench-binascii bench-binascii-matrix bench-string-hash regen-bindings clean

# Build the Rust modules for $(PYTHON) and show them working.
demo:
	$(PYTHON) Tools/rust/demo.py --python $(PYTHON)

# Build the Rust modules for $(PYTHON) into build/<tag>/.
build:
	$(PYTHON) Tools/rust/build.py --python $(PYTHON)

# Everything, against every interpreter found (Tools/rust/run_tests.py).
test: test-deps
	$(PYTHON) Tools/rust/run_tests.py

# libclang lets the tests run bindgen; without it they use the committed
# bindings only and say so. autoconf, autoconf-archive and patch let them
# integrate a CPython tree (Tools/rust/integrate.py); without them those
# tests are skipped, saying so.
TEST_PACKAGES = libclang-dev autoconf autoconf-archive patch
test-deps:
	@if ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && command -v autoreconf >/dev/null \
	    && ls /usr/share/aclocal/ax_*.m4 >/dev/null 2>&1 && command -v patch >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(TEST_PACKAGES)"; \
	    apt-get update -qq && apt-get install -y -qq $(TEST_PACKAGES) >/dev/null; \
	else \
	    echo "note: some of $(TEST_PACKAGES) are missing and cannot be installed here; their tests will be skipped"; \
	fi

# CPython 3.13.5 and 3.11.2 from their release tarballs, integrated with our
# crates (Tools/rust/integrate.py), configured and built in each variant
# (3.13: default, --disable-gil, --with-pydebug, built-in binascii,
# --with-rust=no; 3.11: default) under ~/.cache/cpython-rust, then tested
# (Lib/test/test_tools/test_rust_cpython.py). The first run takes about 15
# minutes; later ones rebuild only what changed.
cpython: test-deps
	$(PYTHON) Tools/rust/cpython_with_rust.py
	$(PYTHON) -m unittest -v Lib/test/test_tools/test_rust_cpython.py

# Per-call overhead of the Rust _testclinic against $(PYTHON)'s C one and a
# PyO3 peer (about a minute, interleaved in one process), as a Markdown
# table; see bench/clinic_overhead.py.
bench-clinic: build
	$(PYTHON) bench/clinic_overhead.py --quiet -o build/clinic-overhead.json

# Throughput of the Rust binascii against $(PYTHON)'s C one and pybase64
# (pyperf --fast, several minutes): bench/results/binascii-<version>.json, a
# Markdown table with the targets checked, and Doc/binascii-throughput.png.
# See bench/binascii_bench.py.
BINASCII_RESULTS = bench/results/binascii-$(shell $(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])').json
bench-binascii: build
	@$(PYTHON) -c "import pyperf" 2>/dev/null || $(PYTHON) -m pip install pyperf
	@$(PYTHON) -c "import pybase64" 2>/dev/null || $(PYTHON) -m pip install pybase64 \
	    || echo "note: pybase64 could not be installed; its rows will be skipped"
	@$(PYTHON) -c "import matplotlib" 2>/dev/null || $(PYTHON) -m pip install matplotlib \
	    || echo "note: matplotlib could not be installed; no plot"
	@mkdir -p bench/results
	rm -f $(BINASCII_RESULTS)
	$(PYTHON) bench/binascii_bench.py --fast --quiet -o $(BINASCII_RESULTS)
	$(PYTHON) bench/binascii_report.py $(BINASCII_RESULTS)

# The Rust binascii against $(PYTHON)'s C one over every function, flags,
# input shape, size and buffer kind (both in turns in one process, 6 to 8
# minutes): bench/results/binascii-matrix-<version>.json and a Markdown report
# of the minimum ratio, the worst cells and the matrix. See
# bench/binascii_matrix.py.
BINASCII_MATRIX_RESULTS = bench/results/binascii-matrix-$(shell $(PYTHON) -c 'import sys; \
    print("%d.%d.%d" % sys.version_info[:3] + ("t" if not getattr(sys, "_is_gil_enabled", lambda: 1)() else ""))').json
bench-binascii-matrix: build
	@$(PYTHON) -c "import pyperf" 2>/dev/null || $(PYTHON) -m pip install pyperf
	@mkdir -p bench/results
	$(PYTHON) bench/binascii_matrix.py -o $(BINASCII_MATRIX_RESULTS)
	$(PYTHON) bench/binascii_matrix_report.py $(BINASCII_MATRIX_RESULTS)

# hash() in the CPython 3.13.5 whose string hash is Rust's against the one
# whose hash is C's (20 rounds in which the two run at once on one CPU, about
# 14 minutes after `make cpython`'s builds): a Markdown table; see
# bench/string_hash_bench.py.
bench-string-hash:
	@$(PYTHON) -c "import pyperf" 2>/dev/null || $(PYTHON) -m pip install pyperf
	$(PYTHON) bench/string_hash_bench.py

# Rewrite the committed bindings of $(PYTHON)'s configuration.
regen-bindings:
	$(PYTHON) Tools/rust/regen_bindings.py --python $(PYTHON)

clean:
	cargo clean
	rm -rf build
