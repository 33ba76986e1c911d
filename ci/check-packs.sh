#!/usr/bin/env bash
# Renders every briefing pack of the shipped campaigns, and the directory of
# the examples folder (`collab render --workspace`, internal and --public),
# and checks them:
#
#   1. every pack renders, in HTML and Markdown, with nothing missing
#   2. rendering is deterministic (two renders of a campaign are identical)
#   3. the partner packs, "your part" packs, the weekly update and the public
#      directory hold no e-mail address (but the campaign's contact
#      mailbox), phone number or budget
#   4. the HTML is valid (Nu HTML Checker: errors fail, warnings are shown)
#   5. the HTML passes axe-core's WCAG 2.2 A/AA rules in headless Chromium
#   6. the Markdown passes markdownlint (.markdownlint.json)
#   7. every inline SVG chart is well-formed XML, an accessible image, and
#      draws inside its box on screen and on an A4 page (ci/svg-check.mjs)
#
# Installs what it needs itself (as root, or through sudo): Java and Chromium
# from Debian's packages, the npm tools pinned in ci/package-lock.json.
#
# Usage: ci/check-packs.sh            (from any folder)
# Environment:
#   COLLAB_BIN=PATH       use this collab binary instead of `cargo build --locked`
#   CHROMIUM_PATH=PATH    browser for axe (default /usr/bin/chromium)
#   KEEP_PACKS=1          keep the rendered packs even when every check passes
#   PACKS_TODAY=DATE      the --today date (default 2026-11-24)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
START=$SECONDS
TODAY=${PACKS_TODAY:-2026-11-24}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export DEBIAN_FRONTEND=noninteractive
export NO_COLOR=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/collab-packs.XXXXXX")
FAILED=()        # names of the checks that failed
SUMMARY=()       # one line per check

section() { printf '\n== %s\n' "$*"; }
pass() { SUMMARY+=("PASS  $1${2:+: $2}"); }
fail() { SUMMARY+=("FAIL  $1${2:+: $2}"); FAILED+=("$1"); }
elapsed() { echo "$((SECONDS - START))s"; }

KEPT_SHOWN=
cleanup() {
  if [[ ${#FAILED[@]} -eq 0 && -z ${KEEP_PACKS:-} ]]; then
    rm -rf "$WORK"
  elif [[ -z $KEPT_SHOWN ]]; then
    echo "(rendered packs kept in $WORK)"
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- installs
SUDO=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then SUDO=(sudo -n); fi
APT_UPDATED=
apt_install() {
  local log="$WORK/apt.log"
  if [[ -z $APT_UPDATED ]]; then
    echo "apt-get update"
    if ! "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update >"$log" 2>&1; then
      tail -20 "$log"; echo "error: apt-get update failed" >&2; exit 2
    fi
    APT_UPDATED=1
  fi
  echo "apt-get install $*"
  if ! "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@" >"$log" 2>&1; then
    tail -20 "$log"; echo "error: apt-get install $* failed" >&2; exit 2
  fi
}

java_major() {
  # "openjdk version "17.0.15" ..." or "java version "1.8.0_..."" -> 17 / 8
  java -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p'
}

section "tools ($(elapsed))"
if ! command -v java >/dev/null || [[ $(java_major) -lt 17 ]]; then
  apt_install default-jre-headless
fi
echo "java: $(java -version 2>&1 | head -1)"

if [[ ! -x $CHROMIUM_PATH ]]; then
  apt_install chromium
fi
echo "chromium: $("$CHROMIUM_PATH" --version 2>/dev/null || echo "?")"

# npm ci wipes node_modules, so skip it when the installed tree already
# matches the lock file. --ignore-scripts: vnu-jar's postinstall tries to
# download a Java runtime from GitHub; Debian's Java is used instead.
LOCK_SUM=$(sha256sum ci/package-lock.json | cut -d' ' -f1)
STAMP=ci/node_modules/.collab-lock.sha256
if [[ ! -f $STAMP || $(cat "$STAMP") != "$LOCK_SUM" ]]; then
  echo "npm ci --prefix ci"
  npm ci --prefix ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$LOCK_SUM" >"$STAMP"
fi
VNU_JAR=ci/node_modules/vnu-jar/build/dist/vnu.jar
MARKDOWNLINT=ci/node_modules/.bin/markdownlint
echo "npm tools: vnu-jar $(node -p 'require("./ci/node_modules/vnu-jar/package.json").version')," \
  "playwright-core $(node -p 'require("./ci/node_modules/playwright-core/package.json").version')," \
  "axe-core $(node -p 'require("./ci/node_modules/axe-core/package.json").version')," \
  "markdownlint-cli $(node -p 'require("./ci/node_modules/markdownlint-cli/package.json").version')"

# ---------------------------------------------------------------- build
section "build ($(elapsed))"
if [[ -n ${COLLAB_BIN:-} ]]; then
  BIN=$(realpath "$COLLAB_BIN")
else
  cargo build --locked --quiet
  BIN="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/collab"
fi
echo "collab: $BIN ($("$BIN" --version))"

# ---------------------------------------------------------------- render
section "render ($(elapsed))"
# name -> campaign folder
declare -A CAMPAIGN=(
  [winter-fire-safety]="$ROOT/examples/winter-fire-safety"
  [safer-streets]="$ROOT/examples/safer-streets"
  [demo]="$WORK/src/demo"
)
NAMES=(winter-fire-safety safer-streets demo)
mkdir -p "$WORK/src"
if ! "$BIN" --color never init "$WORK/src/demo" --example </dev/null >"$WORK/init.log" 2>&1; then
  cat "$WORK/init.log"
  fail render "collab init --example failed"
  NAMES=(winter-fire-safety safer-streets)
fi

render() { # campaign-dir out-dir
  "$BIN" -C "$1" --today "$TODAY" --color never render --pack all --format all --out "$2"
}

RENDERED=()      # names that rendered
render_problems=0
for name in "${NAMES[@]}"; do
  dir=${CAMPAIGN[$name]}
  out="$WORK/out/$name"
  if ! render "$dir" "$out" >"$WORK/render-$name.log" 2>&1; then
    echo "FAIL  $name: collab render exited non-zero:"; sed 's/^/      /' "$WORK/render-$name.log"
    render_problems=$((render_problems + 1)); continue
  fi
  RENDERED+=("$name")
  missing=()
  for f in briefing partner evaluation update; do
    for ext in html md; do [[ -s $out/$f.$ext ]] || missing+=("$f.$ext"); done
  done
  for f in "$out"/*.html; do [[ -s ${f%.html}.md ]] || missing+=("$(basename "${f%.html}").md"); done
  for f in "$out"/*.md; do [[ -s ${f%.md}.html ]] || missing+=("$(basename "${f%.md}").html"); done
  meetings=$( (find "$dir/meetings" -maxdepth 1 -name '*.yaml' 2>/dev/null || true) | wc -l)
  agendas=$(find "$out" -maxdepth 1 -name 'agenda-*.html' | wc -l)
  [[ $meetings -eq $agendas ]] || missing+=("agendas: $agendas for $meetings meeting file(s)")
  partners=$("$BIN" -C "$dir" --color never status --format json 2>/dev/null |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["partners"]))' 2>/dev/null || echo "?")
  yours=$(find "$out" -maxdepth 1 -name 'your-part-*.html' | wc -l)
  [[ $partners == "$yours" ]] || missing+=("your-part packs: $yours for $partners partner(s)")
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "FAIL  $name: missing or empty: ${missing[*]}"
    render_problems=$((render_problems + 1))
  else
    echo "ok    $name: $(find "$out" -type f | wc -l) files"
  fi
done
if [[ $render_problems -eq 0 ]]; then
  pass render "${#RENDERED[@]} campaign(s)"
else
  fail render "$render_problems campaign(s) with problems"
fi

# The directory of the examples folder: every campaign in it, the people and
# the overlaps, in the internal edition and the public one.
render_directory() { # name out-dir
  local extra=()
  [[ $1 == directory-public ]] && extra=(--public)
  "$BIN" -C "$ROOT/examples" --today "$TODAY" --color never render --workspace --format all --out "$2" "${extra[@]}"
}
DIRECTORIES=()   # editions that rendered
dir_problems=0
for name in directory directory-public; do
  out="$WORK/out/$name"
  if ! render_directory "$name" "$out" >"$WORK/render-$name.log" 2>&1; then
    echo "FAIL  $name: collab render --workspace exited non-zero:"; sed 's/^/      /' "$WORK/render-$name.log"
    dir_problems=$((dir_problems + 1)); continue
  fi
  DIRECTORIES+=("$name")
  missing=()
  for ext in html md; do [[ -s $out/directory.$ext ]] || missing+=("directory.$ext"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "FAIL  $name: missing or empty: ${missing[*]}"
    dir_problems=$((dir_problems + 1))
  else
    echo "ok    $name: $(find "$out" -type f | wc -l) files"
  fi
done
if [[ $dir_problems -eq 0 ]]; then
  pass directory "${#DIRECTORIES[@]} edition(s)"
else
  fail directory "$dir_problems edition(s) with problems"
fi

HTML=() MD=()
for name in "${RENDERED[@]}" "${DIRECTORIES[@]}"; do
  while IFS= read -r f; do HTML+=("$f"); done < <(find "$WORK/out/$name" -name '*.html' | sort)
  while IFS= read -r f; do MD+=("$f"); done < <(find "$WORK/out/$name" -name '*.md' | sort)
done
rel() { sed "s#file:$WORK/out/##g; s#$WORK/out/##g"; }

# ---------------------------------------------------------------- determinism
section "determinism ($(elapsed))"
det_problems=0
for name in "${RENDERED[@]}"; do
  again="$WORK/again/$name"
  if ! render "${CAMPAIGN[$name]}" "$again" >/dev/null 2>&1; then
    echo "FAIL  $name: second render failed"; det_problems=$((det_problems + 1)); continue
  fi
  if diff -r "$WORK/out/$name" "$again" >"$WORK/diff-$name.txt" 2>&1; then
    echo "ok    $name"
  else
    echo "FAIL  $name: two renders differ:"
    head -40 "$WORK/diff-$name.txt" | sed "s#$WORK/##g; s/^/      /"
    det_problems=$((det_problems + 1))
  fi
done
for name in "${DIRECTORIES[@]}"; do
  again="$WORK/again/$name"
  if ! render_directory "$name" "$again" >/dev/null 2>&1; then
    echo "FAIL  $name: second render failed"; det_problems=$((det_problems + 1)); continue
  fi
  if diff -r "$WORK/out/$name" "$again" >"$WORK/diff-$name.txt" 2>&1; then
    echo "ok    $name"
  else
    echo "FAIL  $name: two renders differ:"
    head -40 "$WORK/diff-$name.txt" | sed "s#$WORK/##g; s/^/      /"
    det_problems=$((det_problems + 1))
  fi
done
if [[ $det_problems -eq 0 ]]; then pass determinism; else fail determinism "$det_problems render(s) differ"; fi

# ---------------------------------------------------------------- privacy
section "partner packs and public directory: no contact details or budgets ($(elapsed))"
# Generic patterns, plus every e-mail address and phone number written in
# the campaign's partners.yaml. Matching is case-insensitive.
GENERIC=(
  '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+'  # e-mail address
  'mailto:' 'tel:' '&#0*64;' '&#x0*40;' '&commat;'       # links and escaped @
  '(\+44 ?\(?0?\)? ?|\b0)[1-9][0-9]{1,3}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}\b'  # UK phone
  '£' '&pound;' '&#0*163;' '&#x0*a3;' '\bGBP\b'           # money amounts
)
# ("Budget approval" as a milestone name is a date, not a budget: the word
# itself is allowed; amounts are not.)
# Every e-mail address and phone number written in these partners.yaml files.
contact_strings() { # partners.yaml...
  local partners
  for partners in "$@"; do
    [[ -f $partners ]] || continue
    grep -oE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}' "$partners" | sort -u
    grep -oE 'phone: *"?[^",}]+' "$partners" | sed -E 's/phone: *"?//; s/ *$//' | sort -u |
      while IFS= read -r p; do echo "$p"; tr -d ' -' <<<"$p"; done
  done
}
# The contact address in a collab.toml's [campaign] table, if any.
campaign_contact() { # collab.toml
  python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb")).get("campaign", {}).get("contact", ""))' "$1" 2>/dev/null || true
}
priv_problems=0
for name in "${RENDERED[@]}"; do
  literal=()
  while IFS= read -r s; do [[ -n $s ]] && literal+=("$s"); done < <(contact_strings "${CAMPAIGN[$name]}/partners.yaml")
  files=()
  while IFS= read -r f; do files+=("$f"); done < <(find "$WORK/out/$name" -maxdepth 1 \( -name 'partner*' -o -name 'your-part-*' -o -name 'update.*' \) \( -name '*.html' -o -name '*.md' \) | sort)
  if [[ ${#files[@]} -eq 0 ]]; then
    echo "FAIL  $name: no partner pack"; priv_problems=$((priv_problems + 1)); continue
  fi
  # The campaign's shared mailbox (collab.toml [campaign] contact) is the
  # one address these packs may show: it is blanked in copies of the files
  # before the search, so anything else still shows.
  contact=$(campaign_contact "${CAMPAIGN[$name]}/collab.toml")
  scrubbed=()
  mkdir -p "$WORK/scrubbed/$name"
  for f in "${files[@]}"; do
    copy="$WORK/scrubbed/$name/$(basename "$f")"
    if [[ -n $contact ]]; then
      CONTACT=$contact python3 -c 'import os, sys; t = open(sys.argv[1], encoding="utf-8").read(); sys.stdout.write(t.replace("mailto:" + os.environ["CONTACT"], "").replace(os.environ["CONTACT"], "[contact]"))' "$f" >"$copy"
    else
      cp "$f" "$copy"
    fi
    scrubbed+=("$copy")
  done
  hits="$WORK/privacy-$name.txt"
  : >"$hits"
  for p in "${GENERIC[@]}"; do grep -HniE -- "$p" "${scrubbed[@]}" >>"$hits" || true; done
  for s in "${literal[@]}"; do grep -HniF -- "$s" "${scrubbed[@]}" >>"$hits" || true; done
  if [[ -s $hits ]]; then
    n=$(sort -u "$hits" | wc -l)
    echo "FAIL  $name: $n line(s) with an e-mail address, phone number or budget:"
    sort -u "$hits" | cut -c1-300 | rel | sed 's/^/      /'
    priv_problems=$((priv_problems + 1))
  else
    echo "ok    $name: ${#files[@]} file(s), ${#literal[@]} known contact strings absent"
  fi
done
if [[ " ${DIRECTORIES[*]} " == *" directory-public "* ]]; then
  literal=()
  while IFS= read -r s; do [[ -n $s ]] && literal+=("$s"); done < <(contact_strings "$ROOT"/examples/*/partners.yaml)
  files=("$WORK/out/directory-public/directory.html" "$WORK/out/directory-public/directory.md")
  hits="$WORK/privacy-directory-public.txt"
  : >"$hits"
  for p in "${GENERIC[@]}"; do grep -HniE -- "$p" "${files[@]}" >>"$hits" || true; done
  for s in "${literal[@]}"; do grep -HniF -- "$s" "${files[@]}" >>"$hits" || true; done
  if [[ -s $hits ]]; then
    n=$(sort -u "$hits" | wc -l)
    echo "FAIL  directory-public: $n line(s) with an e-mail address, phone number or budget:"
    sort -u "$hits" | cut -c1-300 | rel | sed 's/^/      /'
    priv_problems=$((priv_problems + 1))
  else
    echo "ok    directory-public: ${#files[@]} file(s), ${#literal[@]} known contact strings absent"
  fi
fi
if [[ $priv_problems -eq 0 ]]; then pass privacy; else fail privacy "$priv_problems render(s) leak contact details or budgets"; fi

# ---------------------------------------------------------------- vnu
section "Nu HTML Checker ($(elapsed))"
if [[ ${#HTML[@]} -eq 0 ]]; then
  fail vnu "no HTML to check"
else
  vnu_rc=0
  java -jar "$VNU_JAR" --format gnu --stdout "${HTML[@]}" >"$WORK/vnu.txt" 2>&1 || vnu_rc=$?
  rel <"$WORK/vnu.txt" | sed 's/^/  /'
  errors=$(grep -cE ': (error|fatal|non-document-error)' "$WORK/vnu.txt" || true)
  warnings=$(grep -cE ': (info )?warning' "$WORK/vnu.txt" || true)
  msg="${#HTML[@]} file(s), $errors error(s), $warnings warning(s)"
  echo "$msg"
  if [[ $vnu_rc -eq 0 && $errors -eq 0 ]]; then pass vnu "$msg"; else fail vnu "$msg (exit $vnu_rc)"; fi
fi

# ---------------------------------------------------------------- axe
section "axe-core in headless Chromium ($(elapsed))"
if [[ ${#HTML[@]} -eq 0 ]]; then
  fail axe "no HTML to check"
else
  axe_rc=0
  AXE_BASE_DIR="$WORK/out" node ci/axe-check.mjs "${HTML[@]}" 2>&1 | tee "$WORK/axe.txt" || axe_rc=$?
  # With pipefail the status is node's unless tee failed.
  msg=$(tail -1 "$WORK/axe.txt")
  [[ $msg == axe-core* ]] || msg="ci/axe-check.mjs could not run (exit $axe_rc)"
  if [[ $axe_rc -eq 0 ]]; then pass axe "$msg"; else fail axe "$msg"; fi
fi

# ---------------------------------------------------------------- svg
section "inline SVG charts: well-formed XML, accessible, drawn inside their box ($(elapsed))"
if [[ ${#HTML[@]} -eq 0 ]]; then
  fail svg "no HTML to check"
else
  svg_rc=0
  python3 - "${HTML[@]}" >"$WORK/svg-xml.txt" 2>&1 <<'PY' || svg_rc=$?
import re, sys, xml.etree.ElementTree as ET
bad = 0
count = 0
for name in sys.argv[1:]:
    text = open(name, encoding="utf-8").read()
    for i, svg in enumerate(re.findall(r"<svg\b.*?</svg>", text, re.S)):
        count += 1
        try:
            ET.fromstring(svg)
        except ET.ParseError as e:
            bad += 1
            print(f"FAIL  {name}: SVG {i + 1} is not well-formed XML: {e}")
print(f"{count} SVG(s) parsed as XML, {bad} not well-formed")
sys.exit(1 if bad else 0)
PY
  rel <"$WORK/svg-xml.txt" | sed 's/^/  /'
  SVG_BASE_DIR="$WORK/out" node ci/svg-check.mjs "${HTML[@]}" 2>&1 | tee "$WORK/svg.txt" || svg_rc=$?
  msg="$(tail -1 "$WORK/svg-xml.txt"); $(tail -1 "$WORK/svg.txt")"
  if [[ $svg_rc -eq 0 ]]; then pass svg "$msg"; else fail svg "$msg"; fi
fi

# ---------------------------------------------------------------- markdownlint
section "markdownlint ($(elapsed))"
if [[ ${#MD[@]} -eq 0 ]]; then
  fail markdownlint "no Markdown to check"
else
  md_rc=0
  "$MARKDOWNLINT" --config .markdownlint.json "${MD[@]}" >"$WORK/markdownlint.txt" 2>&1 || md_rc=$?
  rel <"$WORK/markdownlint.txt" | sed 's/^/  /'
  findings=$(grep -cE ':[0-9]+' "$WORK/markdownlint.txt" || true)
  msg="${#MD[@]} file(s), $findings finding(s)"
  echo "$msg"
  if [[ $md_rc -eq 0 ]]; then pass markdownlint "$msg"; else fail markdownlint "$msg (exit $md_rc)"; fi
fi

# ---------------------------------------------------------------- summary
section "summary ($(elapsed))"
printf '%s\n' "${SUMMARY[@]}"
if [[ ${#FAILED[@]} -gt 0 || -n ${KEEP_PACKS:-} ]]; then
  echo "rendered packs kept in $WORK"; KEPT_SHOWN=1
fi
echo "took $(elapsed)"
# The closing line in the plain 'N passed, N failed' form.
echo "packs: $((${#SUMMARY[@]} - ${#FAILED[@]})) passed, ${#FAILED[@]} failed"
[[ ${#FAILED[@]} -eq 0 ]] || exit 1
