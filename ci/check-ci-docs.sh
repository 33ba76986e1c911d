#!/usr/bin/env bash
# Runs the GitHub Actions and GitLab CI set-ups docs/ci.md shows, as written
# (see ci/check-ci-docs.py). Installs PyYAML into ci/.venv-docs itself.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=$PWD/ci/.venv-docs
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import yaml' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "PyYAML==6.0.2"
fi
COLLAB_BIN=${COLLAB_BIN:-$PWD/target/debug/collab} "$VENV/bin/python" ci/check-ci-docs.py
