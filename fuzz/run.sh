#!/usr/bin/env bash
# Fuzz collab with cargo-fuzz (libFuzzer). Not part of .ci/run.
#
#   fuzz/run.sh                 every target, 30 minutes each, side by side
#   fuzz/run.sh validate 60     one target for 60 seconds
#
# Built without AddressSanitizer (--sanitizer none): collab has no unsafe
# code, so ASan would only slow each case down several times; overflow and
# other debug assertions stay on.
# Needs a nightly toolchain (cargo-fuzz builds with sanitizer flags that
# stable refuses); installs cargo-fuzz if it is missing. Crashes land in
# fuzz/artifacts/<target>/; copy each into tests/fuzz-regressions/<target>/
# once fixed, where `cargo test --test fuzz` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("${1:-validate}")
[ $# -eq 0 ] && targets=(validate render edit)
seconds="${2:-1800}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

python3 fuzz/seed.py
for t in "${targets[@]}"; do cargo +nightly fuzz build --sanitizer none "$t"; done

pids=()
for t in "${targets[@]}"; do
    mkdir -p "fuzz/artifacts/$t" "fuzz/logs"
    # Cases found so far (fuzz/corpus/$t) plus the seeds; -timeout flags a
    # case that takes over 5 s as a hang.
    cargo +nightly fuzz run --sanitizer none "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -dict=fuzz/collab.dict -print_final_stats=1 \
        >"fuzz/logs/$t.log" 2>&1 &
    pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
        echo "${targets[$i]}: the fuzzer stopped with a finding; see fuzz/logs/${targets[$i]}.log" >&2
        status=1
    fi
done
for t in "${targets[@]}"; do
    echo "== $t"
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "fuzz/logs/$t.log" || true
done
exit $status
