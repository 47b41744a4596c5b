#!/bin/sh
# Build the fuzz targets with libFuzzer's coverage instrumentation
# (Tools/rust/libfuzzer.sh) and run them one after the other:
#     sh Modules/binascii/codec/fuzz/run.sh [SECONDS [TARGET...]]
# SECONDS for each target (default 60); targets base64 hex qp uu crc (all by
# default). Any difference aborts with the input saved as crash-*; each
# target keeps what it learnt in corpus/TARGET.
set -e
cd "$(dirname "$0")"
. ../../../../Tools/rust/libfuzzer.sh
cargo build --quiet --locked --release --target "$host" --bins
seconds="${1:-60}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- base64 hex qp uu crc
for target in "$@"; do
    echo "=== fuzz target $target, $seconds s"
    mkdir -p "corpus/$target"
    "target/$host/release/$target" -max_total_time="$seconds" -max_len=4096 "corpus/$target"
done
