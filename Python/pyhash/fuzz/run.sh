#!/bin/sh
# Build the fuzz target with libFuzzer's coverage instrumentation (flags
# stable rustc accepts; cargo-fuzz is not needed) and run it:
#     sh Python/pyhash/fuzz/run.sh [SECONDS]     (default 60)
# Any difference from the reference aborts with the input saved as crash-*.
set -e
cd "$(dirname "$0")"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
# With --target, RUSTFLAGS reach the fuzz target only, not build scripts.
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --quiet --locked --release --target "$host" --bin reference
mkdir -p corpus
exec "target/$host/release/reference" -max_total_time="${1:-60}" -max_len=4096 corpus
