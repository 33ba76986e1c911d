#!/usr/bin/env bash
# `collab init` answered on a real pseudo-terminal (Python's pty module, no
# packages needed): the questions come in order and bad answers are asked
# again. Usage: ci/check-init-prompts.sh [COLLAB_BINARY]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
collab="${1:-$here/../target/debug/collab}"
if [ ! -x "$collab" ]; then
    (cd "$here/.." && cargo build --quiet)
fi
python3 "$here/init-pty.py" "$collab"
