#!/usr/bin/env bash
# Checks `validate --format sarif` and `--format junit` with the tools their
# consumers trust, on clean campaigns, campaigns with many findings (a broken
# copy of an example, the JSON report fixture and every rule's "fires"
# fixture; the broken copies carry SARIF `fixes`), a campaign under a path with a space, `#`, `%` and non-ASCII
# letters, and one outside any repository (absolute file:// URIs):
#   - SARIF: Microsoft's SARIF Multitool `validate` (npm
#     @microsoft/sarif-multitool, a self-contained .NET program) reports
#     0 errors and 0 warnings (notes are suggestions and are listed, not
#     failed), and check-jsonschema finds every file valid SARIF 2.1.0;
#   - JUnit: every file is valid against Jenkins' junit-10.xsd (vendored as
#     ci/junit-10.xsd, see ci/junit-10.xsd.md), with Python xmlschema; the
#     counts are test cases and failing test cases; a key holding U+FFFE and
#     a CR and LF still gives well-formed XML that keeps the CR and LF.
# The Multitool goes in a temporary npm prefix; xmlschema and
# check-jsonschema in ci/.venv (shared with the other checks). COLLAB_BIN
# reuses a built binary. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup sarif-junit
MULTITOOL_VERSION=5.7.0
XMLSCHEMA_VERSION=4.3.2
CJS_VERSION=0.39.0
TODAY=2026-11-24

if ! "$PY" - "$XMLSCHEMA_VERSION" 2>/dev/null <<'PY' || [[ ! -x $VENV/bin/check-jsonschema ]]
import sys, xmlschema
assert xmlschema.__version__ == sys.argv[1], xmlschema.__version__
PY
then
  ci_venv_pip "xmlschema==$XMLSCHEMA_VERSION" "check-jsonschema==$CJS_VERSION"
fi


# The Multitool's npm package picks a per-platform package holding the
# program; call that program directly (the package's bin.js goes through a
# shell, which splits paths with spaces).
npm install --prefix "$WORK/npm" --no-audit --no-fund --no-save --loglevel=error \
  "@microsoft/sarif-multitool@$MULTITOOL_VERSION" >/dev/null
MULTITOOL=$(node -p 'require(process.argv[1])' "$WORK/npm/node_modules/@microsoft/sarif-multitool")
chmod u+x "$MULTITOOL"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
if "$MULTITOOL" --version 2>&1 | grep -q "SARIF Multitool $MULTITOOL_VERSION"; then
  pass "SARIF Multitool $MULTITOOL_VERSION runs"
else
  fail "SARIF Multitool does not run: $("$MULTITOOL" --version 2>&1 | head -n 3)"
fi

# --- The campaigns. Each case is "name<TAB>folder to run in<TAB>argument";
# a folder with a .git is a repository root.
CASES=$WORK/cases.tsv
: >"$CASES"
add_case() { printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$CASES"; }

# A copy of an example made a repository of its own.
repo_copy() {
  mkdir -p "$2/.git"
  cp -R "$1/." "$2/"
  rm -rf "$2/dist"
}

# Breaks a copy of examples/winter-fire-safety many ways: a misspelt key, a
# missing lead, a duplicate key, a bad date, a file that is not YAML, an
# action `status: closed` (the misspelt key and `closed` carry fixes).
break_campaign() {
  local dir=$1
  sed -i.orig -e '0,/^    lead: /s//    leed: /' -e 's/^    confirmed: 2026-08-28/    confirmed: 2026-02-30/' \
    "$dir/partners.yaml"
  sed -i.orig -e '0,/status: done/s//status: closed/' "$dir/meetings/catch-up-2026-10-20.yaml"
  printf 'kind: meeting\nid: extra\nid: again\ntitle: [unclosed\n' >"$dir/meetings/broken.yaml"
  rm -f "$dir"/*.orig "$dir"/meetings/*.orig
}

for example in winter-fire-safety safer-streets; do
  repo_copy "examples/$example" "$WORK/repos/clean-$example"
  add_case "clean $example" "$WORK/repos/clean-$example"
done

repo_copy examples/winter-fire-safety "$WORK/repos/broken"
break_campaign "$WORK/repos/broken"
add_case "broken copy of winter-fire-safety" "$WORK/repos/broken"
add_case "json-report fixture" tests/fixtures/json-report

for fires in tests/fixtures/rules/*/fires; do
  rule=$(basename "$(dirname "$fires")")
  # This rule looks at rendered packs: `validate` does not run it.
  [[ $rule == sensitive-public-pack ]] && continue
  python3 ci/rule-fixture.py expand tests/fixtures/rules/_base "$fires" "$WORK/rules/$rule"
  mkdir -p "$WORK/rules/$rule/.git"
  add_case "rule fixture $rule" "$WORK/rules/$rule"
done

ODD="campaigns/spring #2 100% ünïcödé"
mkdir -p "$WORK/repos/odd/.git" "$WORK/repos/odd/campaigns"
cp -R examples/winter-fire-safety "$WORK/repos/odd/$ODD"
rm -rf "$WORK/repos/odd/$ODD/dist"
break_campaign "$WORK/repos/odd/$ODD"
mv "$WORK/repos/odd/$ODD/partners.yaml" "$WORK/repos/odd/$ODD/partners café #1 100%.yaml"
add_case "odd path, from the repository root" "$WORK/repos/odd" "$ODD"
add_case "odd path, from inside the campaign" "$WORK/repos/odd/$ODD"

mkdir -p "$WORK/norepo"
cp -R examples/winter-fire-safety "$WORK/norepo/here"
cp -R examples/winter-fire-safety "$WORK/norepo/other"
break_campaign "$WORK/norepo/other"
add_case "outside any repository, a sibling campaign" "$WORK/norepo/here" ../other

# --- Run collab on each case.
mkdir -p "$WORK/out"
n=0
while IFS=$'\t' read -r name dir arg; do
  n=$((n + 1))
  for format in sarif junit; do
    out=$WORK/out/$n.$format
    set +e
    (cd "$dir" && env -u GITHUB_WORKSPACE "$BIN" validate --today "$TODAY" --format "$format" \
      ${arg:+"$arg"} >"$out" 2>"$out.err")
    code=$?
    set -e
    # 1: findings; 2: a collab.toml it could not read (still reported).
    if [[ $code -gt 2 ]]; then
      fail "$name: collab validate --format $format exited $code: $(head -n 3 "$out.err")"
    fi
  done
  printf '%s\t%s\n' "$n" "$name" >>"$WORK/names.tsv"
done <"$CASES"
pass "collab wrote SARIF and JUnit for $n cases"

# --- SARIF: the Multitool, then the 2.1.0 schema.
sarifs=("$WORK"/out/*.sarif)
set +e
"$MULTITOOL" validate "${sarifs[@]}" --level "Error;Warning;Note" \
  --output "$WORK/validation.sarif" >"$WORK/multitool.log" 2>&1
code=$?
set -e
if [[ $code -ne 0 || ! -s $WORK/validation.sarif ]]; then
  fail "SARIF Multitool validate failed (exit $code)"
  cat "$WORK/multitool.log"
fi
while IFS= read -r line; do
  case $line in
    PASS*) pass "${line#PASS }" ;;
    FAIL*) fail "${line#FAIL }" ;;
    *) echo "$line" ;;
  esac
done < <("$PY" - "$WORK" <<'PY' 2>&1 || echo "FAIL the SARIF checker itself failed"
import collections, json, pathlib, sys

work = pathlib.Path(sys.argv[1])
names = dict(line.split("\t", 1) for line in (work / "names.tsv").read_text().splitlines())
log = json.loads((work / "validation.sarif").read_text())
results = [r for run in log["runs"] for r in run.get("results", [])]
by_level = collections.Counter(r.get("level", "warning") for r in results)
bad = [r for r in results if r.get("level", "warning") in ("error", "warning")]
for r in bad:
    where = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    number = pathlib.Path(where).name.split(".")[0]
    print(f"  {r.get('level', 'warning')} {r['ruleId']} in {names.get(number, where)}: "
          f"{r['message'].get('text', r['message'])}"[:400])
notes = collections.Counter(r["ruleId"] for r in results if r.get("level") == "note")
print(f"  Multitool notes (suggestions, not failed): {dict(sorted(notes.items()))}")
print(("PASS " if not bad else "FAIL ")
      + f"SARIF Multitool: {by_level['error']} errors, {by_level['warning']} warnings"
      + f" on {len(names)} SARIF files")

# Each case found what it should: nothing on the clean ones, results with
# fingerprints and readable rule names on the others.
for number, name in sorted(names.items(), key=lambda kv: int(kv[0])):
    doc = json.loads((work / "out" / f"{number}.sarif").read_text())
    run = doc["runs"][0]
    found = run["results"]
    if name.startswith("clean"):
        print(("PASS " if not found else "FAIL ") + f"{name}: {len(found)} SARIF results")
        continue
    prints = [r.get("partialFingerprints", {}).get("collab/v1") for r in found]
    ok = found and all(prints) and len(set(prints)) == len(prints)
    print(("PASS " if ok else "FAIL ") + f"{name}: {len(found)} results, each with its own fingerprint")
    if name.startswith("broken"):
        # The fixes Multitool validated above: each replaces a region of the
        # result's own file with the right text.
        fixes = {r["ruleId"]: r["fixes"][0] for r in found if r.get("fixes")}
        want = {"unknown-field": "lead", "invalid-value": "done"}
        ok = all(k in fixes for k in want)
        for rule, text in want.items():
            change = fixes.get(rule, {}).get("artifactChanges", [{}])[0]
            swap = change.get("replacements", [{}])[0]
            ok = ok and swap.get("insertedContent", {}).get("text") == text
            ok = ok and "startLine" in swap.get("deletedRegion", {})
        with_fixes = sum(
            any(r.get("fixes") for r in json.loads((work / "out" / f"{n}.sarif").read_text())["runs"][0]["results"])
            for n in names)
        print(("PASS " if ok else "FAIL ") + f"{name}: fixes for {sorted(fixes)} ({with_fixes} SARIF files carry fixes)")
    if "odd path" in name:
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in found}
        want = "campaigns/spring%20%232%20100%25%20%C3%BCn%C3%AFc%C3%B6d%C3%A9/partners%20caf%C3%A9%20%231%20100%25.yaml"
        print(("PASS " if want in uris else "FAIL ") + f"{name}: percent-encoded URI{'' if want in uris else f' (got {sorted(uris)})'}")
    if "outside" in name:
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in found]
        ok = all(u["uri"].startswith("file:///") and "uriBaseId" not in u for u in uris)
        print(("PASS " if ok else "FAIL ") + f"{name}: absolute file:// URIs")
PY
)

SCHEMA=$ROOT/../shared/data/sarif-schema-2.1.0.json
if [[ ! -f $SCHEMA ]]; then
  # The schema that ships with the Multitool.
  SCHEMA=$(dirname "$MULTITOOL")/sarif-2.1.0.json
fi
if "$VENV/bin/check-jsonschema" --schemafile "$SCHEMA" "${sarifs[@]}" >"$WORK/cjs.log" 2>&1; then
  pass "all ${#sarifs[@]} SARIF files valid against the SARIF 2.1.0 schema ($(basename "$SCHEMA"))"
else
  fail "SARIF not valid against the 2.1.0 schema"
  head -n 40 "$WORK/cjs.log"
fi

# --- JUnit: U+FFFE, CR and LF in keys, then every file against the XSD.
ODDKEY=$WORK/repos/oddkey
repo_copy tests/fixtures/rules/_base "$ODDKEY"
python3 - "$ODDKEY/partners.yaml" <<'PY'
import pathlib, re, sys
path = pathlib.Path(sys.argv[1])
text = path.read_text()
# After the first partner's `id:` line: a key with a raw U+FFFE, and one
# with a CR and LF (YAML escapes).
text = re.sub(r"(\n(\s+)- id: [^\n]*\n)",
              lambda m: m.group(1) + m.group(2) + "  spon\ufffeser: x\n" + m.group(2) + '  "a\\rb\\nc": y\n',
              text, count=1)
path.write_text(text)
PY
(cd "$ODDKEY" && "$BIN" validate --today "$TODAY" --format junit >"$WORK/out/oddkey.junit" 2>/dev/null) || true
printf 'oddkey\ta key with U+FFFE, CR and LF\n' >>"$WORK/names.tsv"

while IFS= read -r line; do
  case $line in
    PASS*) pass "${line#PASS }" ;;
    FAIL*) fail "${line#FAIL }" ;;
    *) echo "$line" ;;
  esac
done < <("$PY" - "$WORK" "$ROOT/ci/junit-10.xsd" <<'PY' 2>&1 || echo "FAIL the JUnit checker itself failed"
import json, pathlib, sys
import xml.etree.ElementTree as ET
import xmlschema

work, xsd = pathlib.Path(sys.argv[1]), sys.argv[2]
names = dict(line.split("\t", 1) for line in (work / "names.tsv").read_text().splitlines())
schema = xmlschema.XMLSchema(xsd)
valid = 0
for number, name in names.items():
    path = work / "out" / f"{number}.junit"
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"FAIL {name}: JUnit is not well-formed XML: {e}")
        continue
    errors = list(schema.iter_errors(str(path)))
    if errors:
        print(f"FAIL {name}: not valid against junit-10.xsd: {errors[0].reason} at {errors[0].path}")
        continue
    valid += 1
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    counts = [(int(e.get("tests")), int(e.get("failures"))) for e in (root, suite)]
    ok = all(c == (len(cases), len(failing)) for c in counts) and len(failing) <= len(cases)
    ok = ok and all(len(c.findall("failure")) == 1 for c in failing)
    # A case fails when it has an error, as the SARIF of the same run says.
    sarif = work / "out" / f"{number}.sarif"
    if sarif.exists():
        run = json.loads(sarif.read_text())["runs"][0]
        errors = sum(r["level"] == "error" for r in run["results"])
    else:
        errors = 1
    ok = ok and bool(failing) == bool(errors)
    print(("PASS " if ok else "FAIL ")
          + f"{name}: tests={len(cases)} failures={len(failing)} are the test cases,"
          + f" and those with errors ({errors} errors)")
    if number == "oddkey":
        texts = [f.text or "" for f in root.iter("failure")]
        messages = [f.get("message", "") for f in root.iter("failure")]
        kept = any("a\rb\nc" in t for t in texts)
        print(("PASS " if kept else "FAIL ") + f"{name}: CR and LF survive in the failure text")
        gone = not any("\ufffe" in t for t in texts + messages)
        print(("PASS " if gone else "FAIL ") + f"{name}: U+FFFE removed")
print(("PASS " if valid == len(names) else "FAIL ")
      + f"{valid} of {len(names)} JUnit files valid against Jenkins junit-10.xsd (xmlschema {xmlschema.__version__})")
PY
)

ci_finish sarif-junit
