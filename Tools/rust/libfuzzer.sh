# Sourced by the fuzz targets' run.sh scripts: builds get libFuzzer's
# coverage instrumentation through flags stable rustc accepts (cargo-fuzz is
# not needed), and `host` names the target to pass to cargo, since with
# --target RUSTFLAGS reach the fuzz targets only, not build scripts.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
host=$(rustc -vV | sed -n 's/^host: //p')
