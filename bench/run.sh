#!/usr/bin/env bash
# The benchmark of issue 8, in one run on the same generated files:
#
#   bench/run.sh                      # 500 and 2,000 campaigns
#   SIZES="500" RUNS=3 bench/run.sh   # quicker
#   ONLY=index bench/run.sh           # the workspace index alone (a minute)
#
# For each size: `collab validate` (everything) against yamllint with its
# relaxed config (syntax and style), check-jsonschema with collab's own
# schemas (structure) and the bare saphyr-parser parse of the same bytes
# (`--example parse-only`), with the ratios and collab's peak memory. Then
# `collab render --pack all` for one campaign and for 100, the hostile
# inputs (billion laughs, 100k-deep nesting, 10k documents, 100 MB), the
# findings curve of one large campaign (bench/curve.py), and start-up.
# Each line ends with the target it is held to and whether it is met.
# The workspace index: a full `collab index` (time and peak memory), then
# `who` and `overlaps` answered from that cache (nothing changed), and
# `who` after one file was edited (that campaign read again).
#
# Needs cargo and python3; yamllint and check-jsonschema are installed into
# bench/.venv on first use. yamllint and check-jsonschema run once per size
# (they take minutes); collab and the bare parse take the median of RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
read -r -a SIZES <<< "${SIZES:-500 2000}"
RUNS="${RUNS:-5}"
ONLY="${ONLY:-}"
TODAY=2026-11-24
VENV=$ROOT/bench/.venv
BIN=$ROOT/target/release/collab
PARSE=$ROOT/target/release/examples/parse-only
MEASURE=(python3 "$ROOT/bench/measure.py")

if [[ -z $ONLY && ( ! -x $VENV/bin/yamllint || ! -x $VENV/bin/check-jsonschema ) ]]; then
    echo "==> installing yamllint and check-jsonschema into bench/.venv"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "yamllint==1.37.1" "check-jsonschema==0.39.0"
fi
echo "==> cargo build --release"
cargo build --release --locked -q
[[ -n $ONLY ]] || cargo build --release --locked -q --example parse-only
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
"$BIN" schema --out "$SCRATCH/schemas" >/dev/null 2>&1

workspace() { # workspace N: generate bench/work-N once, print its path
    local ws=$ROOT/bench/work-$1
    if [[ ! -f $ws/.bench-workspace ]] || ! grep -qx "campaigns=$1 seed=2026 generator=2" "$ws/.bench-workspace"; then
        python3 bench/gen_workspace.py "$ws" --campaigns "$1" --force >/dev/null 2>&1
    fi
    echo "$ws"
}

check_jsonschema() { # every collab document against its kind's schema
    local ws=$1 kind files
    for kind in partners plan evaluation meeting; do
        mapfile -t files < <(grep -rlx --include='*.yaml' "kind: $kind" "$ws" | sort)
        if ((${#files[@]})); then
            "$VENV/bin/check-jsonschema" --schemafile "$SCRATCH/schemas/$kind.json" "${files[@]}" || true
        fi
    done
}

report() { # the table lines: python does the arithmetic
    python3 - "$@" <<'PY'
import sys
args = sys.argv[1:]
kind = args[0]
ok = lambda b: "met" if b else "MISSED"
if kind == "validate":
    n, files, c, c_lo, c_hi, rss, p, y, j = args[1:]
    c, c_lo, c_hi, rss, p, y, j = map(float, (c, c_lo, c_hi, rss, p, y, j))
    ok = lambda b: "met" if b else "MISSED"
    print(f"== {n} campaigns ({files} files)")
    print(f"  collab validate (every rule)        {c:8.3f} s  (runs {c_lo:.3f}-{c_hi:.3f})")
    print(f"  bare parse (saphyr-parser)          {p:8.3f} s  collab/parse  {c / p:6.2f}x  target <= 2x: {ok(c / p <= 2)}")
    print(f"  yamllint -d relaxed                 {y:8.3f} s  collab faster {y / c:6.1f}x  target >= 100x: {ok(y / c >= 100)}")
    print(f"  check-jsonschema (collab schemas)   {j:8.3f} s  collab faster {j / c:6.1f}x  target >= 50x: {ok(j / c >= 50)}")
    print(f"  collab peak memory                  {rss:8.1f} MB" + ("" if int(n) < 2000 else f"  target < 100 MB: {ok(rss < 100)}"))
elif kind == "render":
    what, t, lo, hi, files = args[1:]
    print(f"  render --pack all, {what:<14} {float(t):8.3f} s  (runs {float(lo):.3f}-{float(hi):.3f}; {files} files written)")
elif kind == "index":
    n, t, lo, hi, rss = int(args[1]), float(args[2]), float(args[3]), float(args[4]), float(args[5])
    met = f"  target < 4 s, < 100 MB: {ok(t < 4 and rss < 100)}" if n >= 2000 else ""
    print(f"  collab index (full build)           {t:8.3f} s  (runs {lo:.3f}-{hi:.3f})  {rss:6.1f} MB peak{met}")
elif kind == "cached":
    what, n, t, lo, hi, rss = args[1], int(args[2]), float(args[3]), float(args[4]), float(args[5]), float(args[6])
    met = f"  target < 100 ms: {ok(t < 0.1)}" if n >= 2000 and what != "who, one file touched" else ""
    print(f"  {what + ' from the cache':<36}{t * 1000:8.1f} ms (runs {lo * 1000:.1f}-{hi * 1000:.1f})  {rss:6.1f} MB peak{met}")
elif kind == "limit":
    what, t, rss = args[1], float(args[2]), float(args[3])
    print(f"  {what:<34}  {t:8.3f} s  {rss:6.1f} MB  target < 1 s: {'met' if t < 1 else 'MISSED'}")
elif kind == "startup":
    t = float(args[1]) * 1000
    print(f"  collab --version                    {t:8.2f} ms  target < 5 ms: {'met' if t < 5 else 'MISSED'}")
PY
}

index_figures() { # index_figures N WS: full build, then answers from the cache
    local n=$1 ws=$2 cache=$SCRATCH/index-$1.bin t lo hi rss
    read -r t lo hi rss < <("${MEASURE[@]}" "$RUNS" "$BIN" index -C "$ws" --today "$TODAY" -q --out "$cache")
    report index "$n" "$t" "$lo" "$hi" "$rss"
    read -r t lo hi rss < <("${MEASURE[@]}" "$RUNS" "$BIN" who -C "$ws" --today "$TODAY" -q --index "$cache" --format json fire safety)
    report cached "who fire safety" "$n" "$t" "$lo" "$hi" "$rss"
    read -r t lo hi rss < <("${MEASURE[@]}" "$RUNS" "$BIN" who -C "$ws" --today "$TODAY" -q --index "$cache" --format json --tag fire-safety --region north-west)
    report cached "who --tag --region" "$n" "$t" "$lo" "$hi" "$rss"
    read -r t lo hi rss < <("${MEASURE[@]}" "$RUNS" "$BIN" overlaps -C "$ws" --today "$TODAY" -q --index "$cache" --format json)
    report cached overlaps "$n" "$t" "$lo" "$hi" "$rss"
    # One file touched: that campaign is read again, the rest kept.
    touch "$ws/campaign-0001/plan.yaml"
    read -r t lo hi rss < <("${MEASURE[@]}" "$RUNS" "$BIN" who -C "$ws" --today "$TODAY" -q --index "$cache" --format json fire safety)
    report cached "who, one file touched" "$n" "$t" "$lo" "$hi" "$rss"
}

if [[ $ONLY == index ]]; then
    for n in "${SIZES[@]}"; do
        ws=$(workspace "$n")
        echo "== $n campaigns ($(find "$ws" -type f \( -name '*.yaml' -o -name collab.toml \) | wc -l) files)"
        index_figures "$n" "$ws"
    done
    echo "(machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d); collab $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
    exit 0
fi

for n in "${SIZES[@]}"; do
    ws=$(workspace "$n")
    files=$(find "$ws" -type f \( -name '*.yaml' -o -name collab.toml \) | wc -l)
    echo "==> $n campaigns: timing (yamllint and check-jsonschema take minutes)" >&2
    read -r c c_lo c_hi rss < <("${MEASURE[@]}" "$RUNS" "$BIN" validate -C "$ws" --today "$TODAY" --format json)
    read -r p _ _ _ < <("${MEASURE[@]}" "$RUNS" "$PARSE" "$ws")
    read -r y _ _ _ < <("${MEASURE[@]}" 1 bash -c "'$VENV/bin/yamllint' -d relaxed -f parsable '$ws' || true")
    export -f check_jsonschema; export VENV SCRATCH
    read -r j _ _ _ < <("${MEASURE[@]}" 1 bash -c "check_jsonschema '$ws'")
    report validate "$n" "$files" "$c" "$c_lo" "$c_hi" "$rss" "$p" "$y" "$j"
    index_figures "$n" "$ws"
done

echo "== render"
one=$SCRATCH/one
cp -r examples/winter-fire-safety "$one"
read -r t lo hi _ < <("${MEASURE[@]}" "$RUNS" "$BIN" render -C "$one" --pack all --today "$TODAY" --out "$SCRATCH/out-one")
report render "1 campaign" "$t" "$lo" "$hi" "$(find "$SCRATCH/out-one" -type f | wc -l)"
ws=$(workspace 100)
read -r t lo hi _ < <("${MEASURE[@]}" "$RUNS" "$BIN" render -C "$ws" --pack all --today "$TODAY" --out "$SCRATCH/out-100")
report render "100 campaigns" "$t" "$lo" "$hi" "$(find "$SCRATCH/out-100" -type f | wc -l)"

echo "== hostile input (bench/gen_limits.py), each validated on its own"
python3 bench/gen_limits.py "$SCRATCH/limits"
for case in laughs deep-flow deep-block stream huge; do
    read -r t _ _ rss < <("${MEASURE[@]}" "$RUNS" "$BIN" validate -C "$SCRATCH/limits/$case" "$case.yaml")
    report limit "$case" "$t" "$rss"
done

echo "== findings curve (bench/curve.py): one campaign of 2,000 to 32,000 one-line partners"
python3 bench/curve.py "$BIN" --yamllint "$VENV/bin/yamllint" --runs "$RUNS"

echo "== start-up"
read -r t _ _ _ < <("${MEASURE[@]}" 50 "$BIN" --version)
report startup "$t"
echo "(machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d); collab $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
