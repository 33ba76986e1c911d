#!/usr/bin/env bash
# Drives the built `collab lsp` from a real LSP client (ci/lsp-goto-client.mjs,
# on Microsoft's vscode-jsonrpc): go to definition, find references,
# prepareRename and rename (refused for a bad id; otherwise one edit per
# occurrence), on a copy of each example. Installs vscode-jsonrpc into an
# npm prefix in a temp folder. COLLAB_BIN reuses a built binary. Exits
# non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup lsp-goto
VSCODE_JSONRPC_VERSION=8.2.1

npm install -q --no-audit --no-fund --prefix "$WORK/npm" "vscode-jsonrpc@$VSCODE_JSONRPC_VERSION" >/dev/null

for campaign in examples/winter-fire-safety examples/safer-streets; do
  name=$(basename "$campaign")
  cp -R "$campaign" "$WORK/$name"
  if node ci/lsp-goto-client.mjs "$BIN" "$WORK/$name" "$WORK/npm/node_modules"; then
    pass "$name: definition, references and rename answered by collab lsp"
  else
    fail "$name: the LSP client run failed (see above)"
  fi
done
ci_finish check-lsp-goto
