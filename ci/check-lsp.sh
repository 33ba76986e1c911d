#!/usr/bin/env bash
# Drives the built `collab lsp` from a real LSP client: ci/lsp-client.mjs
# (start-up shared in ci/lsp-lib.mjs), on Microsoft's vscode-jsonrpc (the
# transport vscode-languageclient uses), through initialize, didOpen,
# didChange, publishDiagnostics (an unknown owner appears with its rule id,
# range and link, then clears when fixed), completion of partner ids,
# code actions (quick fix, allow here), hover on an owner, go to
# definition, find references, prepareRename and rename, shutdown and
# exit, in one session on a copy of each example.
# Installs vscode-jsonrpc into an npm prefix in a temp folder. COLLAB_BIN
# reuses a built binary. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup lsp
VSCODE_JSONRPC_VERSION=8.2.1

npm install -q --no-audit --no-fund --prefix "$WORK/npm" "vscode-jsonrpc@$VSCODE_JSONRPC_VERSION" >/dev/null

for campaign in examples/winter-fire-safety examples/safer-streets; do
  name=$(basename "$campaign")
  cp -R "$campaign" "$WORK/$name"
  if node ci/lsp-client.mjs "$BIN" "$WORK/$name" "$WORK/npm/node_modules"; then
    pass "$name: diagnostics, completion, code actions, hover, definition, references and rename from collab lsp"
  else
    fail "$name: the LSP client run failed (see above)"
  fi
done
ci_finish check-lsp
