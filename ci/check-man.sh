#!/usr/bin/env bash
# Checks the manual pages and the shell completions with real tools:
#   - `collab man --out DIR` writes collab.1 and a page per subcommand;
#     `mandoc -T lint -W warning` reports nothing on any of them (any output
#     fails). Style-level messages (-W style) are not errors here: lower-case
#     page titles (`.TH collab-validate`, the name as typed, as clap_mangen
#     writes it) and help texts longer than 80 bytes on one roff line; neither
#     changes what `man` shows.
#   - every page named in a page (`collab-x(1)`) was written;
#   - bash, with the script `COMPLETE=bash collab` prints sourced, completes
#     rule ids after `explain` and `--rule`, meeting ids after `--meeting`
#     and metric ids after `log`, as it does when Tab is pressed.
# mandoc: $MANDOC, else one on PATH, else Debian's mandoc package fetched
# with `apt-get download` and unpacked (no install, no root needed) into
# ${XDG_CACHE_HOME:-$HOME/.cache}/collab-ci/mandoc.
# COLLAB_BIN reuses a built binary. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup man


# --- mandoc --------------------------------------------------------------
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/collab-ci/mandoc
find_mandoc() {
  if [[ -n ${MANDOC:-} ]]; then
    echo "$MANDOC"
  elif command -v mandoc >/dev/null 2>&1; then
    command -v mandoc
  elif [[ -x $CACHE/usr/bin/mandoc ]]; then
    echo "$CACHE/usr/bin/mandoc"
  fi
}
fetch_mandoc() {
  local dl=$WORK/deb
  mkdir -p "$dl"
  # The package lists may be missing on a fresh machine.
  if ! apt-cache show mandoc >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    apt-get update -qq >/dev/null
  fi
  (cd "$dl" && apt-get download -qq mandoc 2>/dev/null) || return 1
  rm -rf "$CACHE"
  mkdir -p "$CACHE"
  dpkg-deb -x "$dl"/mandoc_*.deb "$CACHE"
  echo "fetched mandoc $(dpkg-deb -f "$dl"/mandoc_*.deb Version)"
}
M=$(find_mandoc)
if [[ -z $M ]]; then
  fetch_mandoc || { echo "FAIL  could not get mandoc (apt-get download mandoc)"; exit 1; }
  M=$(find_mandoc)
fi
echo "mandoc: $M"

# --- manual pages ----------------------------------------------------------
PAGES=$WORK/man
if ! "$BIN" man --today 2026-11-24 --out "$PAGES" -q; then
  fail "collab man --out failed"
else
  count=0
  for page in "$PAGES"/*.1; do
    count=$((count + 1))
    name=$(basename "$page")
    lint=$("$M" -T lint -W warning "$page" 2>&1 || true)
    if [[ -n $lint ]]; then
      fail "$name: mandoc -T lint -W warning:"
      printf '%s\n' "$lint" | sed 's/^/      /'
    else
      pass "$name: mandoc -T lint -W warning reports nothing"
    fi
    # Every page it names exists (after roff escapes are undone).
    for ref in $(sed -e 's/\\f[BIR]//g' -e 's/\\-/-/g' "$page" |
      grep -o 'collab[a-z-]*(1)' | sort -u); do
      [[ -f $PAGES/${ref%(1)}.1 ]] || fail "$name names $ref, which was not written"
    done
    # And it reads as a page: NAME and EXIT STATUS survive formatting.
    text=$("$M" -T utf8 "$page" 2>&1 | sed 's/.\x08//g')
    for section in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT FILES; do
      grep -q "^$section\$" <<<"$text" || fail "$name: no $section section"
    done
  done
  [[ $count -ge 20 ]] && pass "$count pages written" || fail "only $count pages written"
fi

# --- bash completion -------------------------------------------------------
# Source the registration script and call its function as bash does on Tab,
# from inside a campaign (and from elsewhere with -C).
complete_in() { # DIR WORD...; prints the candidates, one a line
  local dir=$1
  shift
  (
    cd "$dir"
    # shellcheck disable=SC1090
    source <(COMPLETE=bash "$BIN")
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_TYPE=9
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    _clap_complete_collab collab "$cur" "$prev"
    printf '%s\n' "${COMPREPLY[@]}"
  ) | { grep -v '^-' || true; } | sort
}
expect() { # WHAT EXPECTED DIR WORD...
  local what=$1 want=$2 dir=$3
  shift 3
  local got
  got=$(complete_in "$dir" "$@" | tr '\n' ' ' | sed 's/ $//')
  if [[ $got == "$want" ]]; then
    pass "bash completes $what: $got"
  else
    fail "bash completes $what: got '$got', want '$want'"
  fi
}
WINTER=$ROOT/examples/winter-fire-safety
expect "rule ids after explain" "partner-without-drivers partner-without-gains partner-without-lead partner-without-sign-off" \
  "$WORK" collab explain partner-with
expect "rule ids after --rule" "single-point-of-contact" "$WINTER" collab validate --rule single
expect "meeting ids after --meeting" "catch-up-november catch-up-october" \
  "$WINTER" collab render --meeting catch
expect "metric ids after log" "care-staff-reach carer-checks" "$WINTER" collab log car
expect "metric ids after log with -C" "care-staff-reach carer-checks" \
  "$WORK" collab -C "$WINTER" log car
expect "nothing outside a campaign" "" "$WORK" collab log ""

ci_finish man
