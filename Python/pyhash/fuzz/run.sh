#!/bin/sh
# Build the fuzz target with libFuzzer's coverage instrumentation
# (Tools/rust/libfuzzer.sh) and run it:
#     sh Python/pyhash/fuzz/run.sh [SECONDS]     (default 60)
# Any difference from the reference aborts with the input saved as crash-*.
set -e
cd "$(dirname "$0")"
. ../../../Tools/rust/libfuzzer.sh
cargo build --quiet --locked --release --target "$host" --bin reference
mkdir -p corpus
exec "target/$host/release/reference" -max_total_time="${1:-60}" -max_len=4096 corpus
