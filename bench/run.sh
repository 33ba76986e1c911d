#!/usr/bin/env bash
# Benchmark `collab validate` on a generated workspace of many campaigns.
#
#   bench/run.sh                     # 500 campaigns, 5 timed runs
#   CAMPAIGNS=2000 RUNS=10 bench/run.sh
#
# Builds the release binary, generates bench/work/ if it is missing (or was
# generated with a different campaign count), then times
#   target/release/collab validate -C bench/work --today 2026-11-24 --format json
# with hyperfine if installed, else a plain bash loop.
set -euo pipefail

cd "$(dirname "$0")/.."

CAMPAIGNS="${CAMPAIGNS:-500}"
RUNS="${RUNS:-5}"
SEED="${SEED:-2026}"
TODAY="2026-11-24"
WORK="bench/work"
BIN="target/release/collab"
STAMP="$WORK/.bench-workspace"

echo "==> cargo build --release"
cargo build --release --quiet

want="campaigns=$CAMPAIGNS seed=$SEED"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
    echo "==> generating $WORK ($CAMPAIGNS campaigns)"
    python3 bench/gen_workspace.py "$WORK" --campaigns "$CAMPAIGNS" --seed "$SEED" --force
else
    echo "==> reusing $WORK ($want)"
fi

cmd=("$BIN" validate -C "$WORK" --today "$TODAY" --format json)

# Run once: doubles as the warm-up, checks the exit status (0 = clean,
# 1 = findings with errors; anything else is a crash or usage error) and
# gives the summary counts.
run_checked() {
    local rc=0
    "${cmd[@]}" > "$1" || rc=$?
    if (( rc != 0 && rc != 1 )); then
        echo "error: '${cmd[*]}' exited with status $rc" >&2
        exit 2
    fi
    return 0
}

json="$(mktemp)"
trap 'rm -f "$json"' EXIT
run_checked "$json"
echo "==> summary of one run"
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print("files={files} documents={documents} errors={errors} warnings={warnings}".format(**s))
if s["errors"]:
    print("warning: the benchmark workspace is not clean; run with --format human to see why",
          file=sys.stderr)
' "$json"

echo "==> timing: ${cmd[*]} > /dev/null"
if command -v hyperfine > /dev/null 2>&1; then
    # -i: exit status 1 (findings) must not count as a failed run; status 2
    # was already ruled out by the checked run above.
    hyperfine --warmup 1 --runs "$RUNS" -i "${cmd[*]} > /dev/null"
else
    times=()
    for ((i = 1; i <= RUNS; i++)); do
        start=$(date +%s%N)
        run_checked /dev/null
        end=$(date +%s%N)
        t=$(( (end - start) / 1000000 ))
        times+=("$t")
        printf 'run %d: %d.%03d s\n' "$i" $((t / 1000)) $((t % 1000))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | python3 -c '
import sys
v = [int(x) for x in sys.stdin.read().split()]
n = len(v)
m = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
print(f"{m / 1000:.3f}")
')
    echo "median: ${median} s over $RUNS runs (wall time)"
fi
