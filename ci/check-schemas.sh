#!/usr/bin/env bash
# Checks collab's machine-readable outputs against published schemas:
#   - the editor schemas from `collab schema` accept both examples and reject
#     a misspelt key (check-jsonschema, as an editor would see them);
#   - `validate --format sarif` is valid SARIF 2.1.0;
#   - `validate --format json` matches `collab schema report`;
#   - the CI files `collab init --ci` writes are valid GitHub / GitLab CI.
# Installs check-jsonschema into ci/.venv itself. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${COLLAB_BIN:-}
if [[ -z $BIN ]]; then
  cargo build --locked -q
  BIN=$ROOT/target/debug/collab
fi
VENV=$ROOT/ci/.venv
if [[ ! -x $VENV/bin/check-jsonschema ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "check-jsonschema==0.39.0"
fi
CJS=$VENV/bin/check-jsonschema
WORK=$(mktemp -d "${TMPDIR:-/tmp}/collab-schemas.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
pass() { echo "PASS  $*"; }

"$BIN" schema --out "$WORK/schema" 2>/dev/null

if "$CJS" --check-metaschema "$WORK"/schema/*.json >/dev/null; then
  pass "collab's schemas pass the JSON Schema metaschema check"
else
  fail "collab's schemas fail the metaschema check"
  "$CJS" --check-metaschema "$WORK"/schema/*.json || true
fi

(cd tests/fixtures/json-report && "$BIN" validate --format junit --today 2026-11-24 > "$WORK/junit.xml" || true)
if python3 - "$WORK/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
cases = root.findall("./testsuite/testcase")
failures = root.findall("./testsuite/testcase/failure")
assert cases and failures, (len(cases), len(failures))
PY
then
  pass "JUnit output parses as XML with test cases and failures"
else
  fail "JUnit output does not parse"
fi

kind_of() { sed -n 's/^kind:[[:space:]]*\([a-z-]*\).*/\1/p' "$1" | head -n 1; }

checked=0
for campaign in examples/winter-fire-safety examples/safer-streets; do
  if "$CJS" --schemafile "$WORK/schema/collab.json" "$campaign/collab.toml" >/dev/null; then
    checked=$((checked + 1))
  else
    fail "$campaign/collab.toml does not match collab.json"
    "$CJS" --schemafile "$WORK/schema/collab.json" "$campaign/collab.toml" || true
  fi
  while IFS= read -r file; do
    kind=$(kind_of "$file")
    [[ -n $kind ]] || continue
    if "$CJS" --schemafile "$WORK/schema/$kind.json" "$file" >/dev/null; then
      checked=$((checked + 1))
    else
      fail "$file does not match $kind.json"
      "$CJS" --schemafile "$WORK/schema/$kind.json" "$file" || true
    fi
  done < <(find "$campaign" -name '*.yaml' -not -path '*/dist/*' | sort)
done
pass "editor schemas accept $checked example files"

sed 's/^\(    \)lead:/\1leed:/' examples/winter-fire-safety/partners.yaml > "$WORK/typo.yaml"
if grep -q '^    leed:' "$WORK/typo.yaml" && ! "$CJS" --schemafile "$WORK/schema/partners.json" "$WORK/typo.yaml" >/dev/null 2>&1; then
  pass "editor schema rejects a misspelt key (leed)"
else
  fail "editor schema accepted a misspelt key"
fi

SARIF_SCHEMA=$ROOT/../shared/data/sarif-schema-2.1.0.json
if [[ -f $SARIF_SCHEMA ]]; then
  n=0
  # Rule fixtures are overlays of tests/fixtures/rules/_base: build each whole.
  for fires in tests/fixtures/rules/*/fires; do
    rule=$(basename "$(dirname "$fires")")
    python3 ci/rule-fixture.py expand tests/fixtures/rules/_base "$fires" "$WORK/rules/$rule"
  done
  for dir in tests/fixtures/json-report "$WORK"/rules/* examples/safer-streets; do
    (cd "$dir" && "$BIN" validate --format sarif --today 2026-11-24 > "$WORK/out.sarif" || true)
    if "$CJS" --schemafile "$SARIF_SCHEMA" "$WORK/out.sarif" >/dev/null; then
      n=$((n + 1))
    else
      fail "SARIF from $dir is not valid SARIF 2.1.0"
      "$CJS" --schemafile "$SARIF_SCHEMA" "$WORK/out.sarif" || true
    fi
  done
  pass "SARIF output valid against the SARIF 2.1.0 schema ($n runs)"
else
  fail "SARIF schema not found at $SARIF_SCHEMA"
fi

"$BIN" schema report > "$WORK/report-schema.json"
if cmp -s "$WORK/report-schema.json" "$WORK/schema/report.json"; then
  pass "schema report prints the report.json that schema --out writes"
else
  fail "schema report and schema --out disagree"
fi
n=0
for run in examples/winter-fire-safety examples/safer-streets tests/fixtures/json-report/meetings tests/fixtures/json-report; do
  "$BIN" -C "$run" validate --format json --today 2026-11-24 > "$WORK/report.json" || true
  if "$CJS" --schemafile "$WORK/report-schema.json" "$WORK/report.json" >/dev/null; then
    n=$((n + 1))
  else
    fail "validate --format json in $run does not match collab schema report"
    "$CJS" --schemafile "$WORK/report-schema.json" "$WORK/report.json" || true
  fi
done
pass "validate --format json matches collab schema report ($n runs)"
sed 's/"end_line":/"end_lines":/' "$WORK/report.json" > "$WORK/report-bad.json"
if grep -q '"end_lines"' "$WORK/report-bad.json" && ! "$CJS" --schemafile "$WORK/report-schema.json" "$WORK/report-bad.json" >/dev/null 2>&1; then
  pass "collab schema report rejects a renamed field"
else
  fail "collab schema report accepted a renamed field"
fi

(cd "$WORK" && "$BIN" init gh --ci github --pre-commit -q </dev/null && "$BIN" init gl --ci gitlab -q </dev/null)
if "$CJS" --builtin-schema vendor.github-workflows "$WORK/gh/.github/workflows/collab.yml" >/dev/null; then
  pass "GitHub Actions workflow is valid"
else
  fail "GitHub Actions workflow is not valid"
  "$CJS" --builtin-schema vendor.github-workflows "$WORK/gh/.github/workflows/collab.yml" || true
fi
if "$CJS" --builtin-schema vendor.gitlab-ci "$WORK/gl/.gitlab-ci.yml" >/dev/null; then
  pass "GitLab CI file is valid"
else
  fail "GitLab CI file is not valid"
  "$CJS" --builtin-schema vendor.gitlab-ci "$WORK/gl/.gitlab-ci.yml" || true
fi

if [[ $failures -gt 0 ]]; then
  echo "schemas: $failures check(s) failed"
  exit 1
fi
echo "schemas: all checks passed"
