# Entry points of cpython-rust; see README.md.
PYTHON ?= python3

.PHONY: demo build test test-deps regen-bindings clean

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
# bindings only and say so.
test-deps:
	@if ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing libclang-dev (for bindgen)"; \
	    apt-get update -qq && apt-get install -y -qq libclang-dev >/dev/null; \
	else \
	    echo "note: libclang is missing and cannot be installed here; bindgen tests will be skipped"; \
	fi

# Rewrite the committed bindings of $(PYTHON)'s configuration.
regen-bindings:
	$(PYTHON) Tools/rust/regen_bindings.py --python $(PYTHON)

clean:
	cargo clean
	rm -rf build
