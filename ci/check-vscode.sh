#!/usr/bin/env bash
# Shows that the VS Code extension in editors/vscode builds: on a copy in a
# temp folder, `npm ci` (from the committed package-lock.json), `node
# --check` on the client, the client loaded under Node with a stand-in
# `vscode` module to show activate starts `collab lsp --stdio` for the
# right files (ci/vscode-activate.cjs), then `vsce package` (with the
# dependencies, so the .vsix carries vscode-languageclient) and a look
# inside the .vsix with Python's zipfile. Only the npm registry is used.
# Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ci_setup vscode
VSCE_VERSION=3.9.2

ext=$WORK/vscode
mkdir -p "$ext"
git ls-files -z --cached --others --exclude-standard editors/vscode | while IFS= read -r -d '' f; do
  mkdir -p "$ext/$(dirname "${f#editors/vscode/}")"
  cp "$f" "$ext/${f#editors/vscode/}"
done
main=$(node -p 'require(process.argv[1]).main' "$ext/package.json")

if (cd "$ext" && npm ci -q --no-audit --no-fund >/dev/null); then
  pass "npm ci installs the locked dependencies"
else
  fail "npm ci failed"
fi
if node --check "$ext/$main"; then
  pass "node --check $main"
else
  fail "node --check $main"
fi
if node ci/vscode-activate.cjs "$ext"; then
  pass "activate starts collab lsp for the campaign's files"
else
  fail "activate did not start collab lsp as expected (see above)"
fi

vsix=$(node -p 'const p = require(process.argv[1]); `${p.name}-${p.version}.vsix`' "$ext/package.json")
if (cd "$ext" && npm_config_prefix="$WORK/npx" npx --yes "@vscode/vsce@$VSCE_VERSION" package >"$WORK/vsce.log" 2>&1) && [[ -f $ext/$vsix ]]; then
  pass "vsce $VSCE_VERSION package writes $vsix"
  mv "$ext/$vsix" "$WORK/collab.vsix"
else
  cat "$WORK/vsce.log"
  fail "vsce package failed"
fi
# The install steps in the docs name this vsce and this file.
for doc in docs/editors.md editors/vscode/README.md; do
  if grep -qF "@vscode/vsce@$VSCE_VERSION package" "$doc" && grep -qF "code --install-extension $vsix" "$doc"; then
    pass "$doc: vsce $VSCE_VERSION and code --install-extension $vsix"
  else
    fail "$doc does not give the build and install steps for vsce $VSCE_VERSION and $vsix"
  fi
done

if [[ -f $WORK/collab.vsix ]] && python3 - "$WORK/collab.vsix" "$main" <<'PY'
import json, sys, zipfile
vsix, main = sys.argv[1], sys.argv[2].removeprefix("./")
names = set(zipfile.ZipFile(vsix).namelist())
manifest = json.loads(zipfile.ZipFile(vsix).read("extension/package.json"))
wanted = ["extension/package.json", f"extension/{main}", "extension/readme.md", "extension/LICENSE.txt",
          "extension/node_modules/vscode-languageclient/package.json",
          "extension/node_modules/vscode-languageclient/lib/node/main.js"]
missing = [n for n in wanted if n not in names]
main_ok = f"extension/{manifest['main'].removeprefix('./')}" in names
print(f"{len(names)} files in the .vsix; missing: {missing or 'none'}; main present: {main_ok}")
sys.exit(0 if not missing and main_ok else 1)
PY
then
  pass "the .vsix holds package.json, $main (its main) and node_modules/vscode-languageclient"
else
  fail "the .vsix lacks a file it needs"
fi
ci_finish check-vscode
