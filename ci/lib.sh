# Sourced by the ci/check-*.sh scripts: the set-up they share.
#   ci_setup NAME   cd to the repository; ROOT; BIN (COLLAB_BIN, else a fresh
#                   `cargo build --locked`), made absolute; WORK, a temporary
#                   folder removed on exit; pass/fail counters.
#   ci_venv_pip ARGS...  pip install into the shared, git-ignored ci/.venv
#                   (made when missing).
#   ci_finish NAME  print the counts; the script's status is non-zero on a
#                   failure.
ci_setup() {
  cd "$(dirname "${BASH_SOURCE[1]}")/.."
  ROOT=$PWD
  BIN=${COLLAB_BIN:-}
  if [[ -z $BIN ]]; then
    cargo build --locked -q
    BIN=$ROOT/target/debug/collab
  fi
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/collab-$1.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  VENV=$ROOT/ci/.venv
  PY=$VENV/bin/python
  failures=0
  passes=0
}

ci_venv_pip() {
  [[ -x $PY ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "$@"
}

fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
pass() { echo "PASS  $*"; passes=$((passes + 1)); }

ci_finish() {
  echo "$1: $passes passed, $failures failed"
  [[ $failures -eq 0 ]]
}
