#!/usr/bin/env bash
# Times, on the same generated files: collab validate (everything), yamllint
# with its relaxed config (syntax and style only), check-jsonschema with
# collab's own schemas (structure only), and the bare parse by saphyr-parser.
# Prints the ratios. Usage: bench/compare.sh [CAMPAIGNS ...]   (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("${@:-500}")
VENV=$ROOT/bench/.venv
if [[ ! -x $VENV/bin/yamllint || ! -x $VENV/bin/check-jsonschema ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "yamllint==1.37.1" "check-jsonschema==0.39.0"
fi
cargo build --release --locked -q
cargo build --release --locked -q --example parse-only
BIN=$ROOT/target/release/collab
SCHEMAS=$(mktemp -d)
trap 'rm -rf "$SCHEMAS"' EXIT
"$BIN" schema --out "$SCHEMAS" 2>/dev/null

seconds() { # run a command, print its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

for n in "${SIZES[@]}"; do
  WS=$ROOT/bench/work-$n
  [[ -d $WS ]] || python3 bench/gen_workspace.py "$WS" --campaigns "$n" >/dev/null
  mapfile -t yaml < <(find "$WS" -name '*.yaml' | sort)
  echo "== $n campaigns, ${#yaml[@]} YAML files"
  "$BIN" validate -C "$WS" --today 2026-11-24 --format json >/dev/null || true   # warm the cache
  t_collab=$(seconds "$BIN" validate -C "$WS" --today 2026-11-24 --format json)
  t_parse=$(seconds "$ROOT/target/release/examples/parse-only" "$WS")
  t_yamllint=$(seconds "$VENV/bin/yamllint" -d relaxed -f parsable "$WS")
  cjs() {
    for kind in partners plan evaluation meeting; do
      mapfile -t files < <(grep -l "^kind: $kind" "${yaml[@]}")
      [[ ${#files[@]} -gt 0 ]] && "$VENV/bin/check-jsonschema" --schemafile "$SCHEMAS/$kind.json" "${files[@]}" >/dev/null 2>&1 || true
    done
  }
  start=$(date +%s.%N); cjs; end=$(date +%s.%N)
  t_cjs=$(python3 -c "print(f'{$end - $start:.3f}')")
  python3 - "$t_collab" "$t_parse" "$t_yamllint" "$t_cjs" <<'PY'
import sys
c, p, y, j = map(float, sys.argv[1:])
print(f"collab validate (all rules)      {c:8.3f} s")
print(f"bare parse (saphyr-parser)       {p:8.3f} s   collab / parse = {c / p:5.2f}x")
print(f"yamllint -d relaxed              {y:8.3f} s   collab is {y / c:6.1f}x faster")
print(f"check-jsonschema (collab schema) {j:8.3f} s   collab is {j / c:6.1f}x faster")
PY
done
