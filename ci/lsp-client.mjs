// A real LSP client (Microsoft's vscode-jsonrpc, the transport under
// vscode-languageclient) driving the built `collab lsp` over stdio through
// one session on a campaign: initialize, publishDiagnostics at start,
// didOpen, didChange (an unknown owner appears with its rule id, range and
// link), didChange (fixed, cleared), hover on an owner (the partner's
// name), go to definition, find references, prepareRename, rename (refused
// for a bad id, otherwise one edit per occurrence), shutdown and exit.
// Usage: node lsp-client.mjs COLLAB_BIN CAMPAIGN_DIR NODE_MODULES_DIR
// Prints PASS/FAIL lines; exits non-zero on any failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { start } from './lsp-lib.mjs';

const [bin, campaign, modules] = process.argv.slice(2);
const lsp = start(bin, campaign, modules);
const { check } = lsp;

// The first `owner:` in plan.yaml: its line, where its value starts, the id.
const planPath = path.join(campaign, 'plan.yaml');
const plan = pathToFileURL(planPath).href;
const text = readFileSync(planPath, 'utf8');
const lines = text.split('\n');
const line = lines.findIndex((l) => l.trimStart().startsWith('owner: '));
const character = lines[line].indexOf('owner: ') + 'owner: '.length;
const owner = lines[line].slice(character).trim();
const at = (c) => ({ line, character: c });
// A position inside the owner's id, for the requests about it.
const where = { textDocument: { uri: plan }, position: at(character + 1) };
// Hover asks about `owner: lfrs` where the plan has it (winter-fire-safety),
// else the first owner; the answer must name that partner as
// partners.yaml does.
const hoverLine = lines.findIndex((l) => /owner: lfrs\b/.test(l));
const hovered = hoverLine >= 0 ? hoverLine : line;
const hoverChar = lines[hovered].indexOf('owner: ') + 'owner: '.length;
const hoverId = lines[hovered].slice(hoverChar).match(/^[a-z0-9-]+/)?.[0];
const partners = readFileSync(path.join(campaign, 'partners.yaml'), 'utf8');
const partnerName = partners.match(new RegExp(`- id: ${hoverId}\\n\\s+name: (.+)`))?.[1]?.trim();

async function diagnostics() {
  await lsp.waitFor(plan, (p) => p.diagnostics.length === 0, 'the first diagnostics');
  check(true, 'the workspace is checked at start: plan.yaml is clean');
  await lsp.open(plan, text);
  await lsp.change(plan, 2, { start: at(character), end: at(character + owner.length) }, 'nobody');
  const bad = await lsp.waitFor(plan, (p) => p.version === 2, 'diagnostics for version 2');
  const d = bad.diagnostics.find((x) => x.code === 'unknown-reference');
  check(d !== undefined, `didChange: unknown-reference published (${bad.diagnostics.length} diagnostics)`);
  check(
    d && d.range.start.line === line && d.range.start.character === character &&
      d.range.end.character === character + 'nobody'.length,
    'the diagnostic covers the new owner',
  );
  check(d?.severity === 1 && d?.source === 'collab', 'error severity, source collab');
  check(/docs\/rules\.md#unknown-reference$/.test(d?.codeDescription?.href ?? ''), 'codeDescription links the rule');

  await lsp.change(plan, 3, { start: at(character), end: at(character + 'nobody'.length) }, owner);
  const fixed = await lsp.waitFor(plan, (p) => p.version === 3, 'diagnostics for version 3');
  check(fixed.diagnostics.length === 0, 'fixed: the diagnostics are cleared');
}

async function hover() {
  const pos = { line: hovered, character: hoverChar + 1 };
  const h = await lsp.request('textDocument/hover', { textDocument: { uri: plan }, position: pos });
  const shown = JSON.stringify(h?.contents ?? null);
  check(
    partnerName !== undefined && shown.includes(partnerName),
    `hover on owner ${hoverId}: the partner's name (${partnerName})`,
  );
}

async function navigation() {
  const defs = await lsp.request('textDocument/definition', where);
  check(
    Array.isArray(defs) && defs.length === 1 && defs[0].uri.endsWith('/partners.yaml'),
    `definition of owner ${owner}: partners.yaml`,
  );
  const refs = await lsp.request('textDocument/references', { ...where, context: { includeDeclaration: true } });
  check(
    refs.some((r) => r.uri.endsWith('/partners.yaml')) && refs.some((r) => r.uri === plan),
    `references of ${owner}: ${refs.length}, definition and plan included`,
  );
  return refs;
}

async function rename(refs) {
  const ready = await lsp.request('textDocument/prepareRename', where);
  check(ready?.placeholder === owner, 'prepareRename gives the id as placeholder');
  let refused = false;
  try {
    await lsp.request('textDocument/rename', { ...where, newName: 'Not An Id' });
  } catch (e) {
    refused = e.code === -32803;
  }
  check(refused, 'rename to a bad id is refused (RequestFailed)');
  const edit = await lsp.request('textDocument/rename', { ...where, newName: 'renamed-partner' });
  const files = Object.keys(edit?.changes ?? {});
  const count = files.reduce((n, f) => n + edit.changes[f].length, 0);
  check(count === refs.length, `rename edits every occurrence (${count} in ${files.length} files)`);
  check(
    files.every((f) => edit.changes[f].every((e) => e.newText.replace(/^["']|["']$/g, '') === 'renamed-partner')),
    'every edit writes the new id (in the quotes it had)',
  );
}

try {
  const init = await lsp.initialize();
  const caps = init.capabilities;
  check(caps.textDocumentSync === 2, 'initialize: incremental text sync');
  check(init.serverInfo?.name === 'collab', 'initialize: serverInfo names collab');
  check(caps.hoverProvider === true, 'hover offered');
  check(caps.definitionProvider === true && caps.referencesProvider === true, 'definition and references offered');
  check(caps.renameProvider?.prepareProvider === true, 'rename with prepareRename offered');
  await diagnostics();
  await hover();
  await rename(await navigation());
  await lsp.finish('lsp client');
} catch (e) {
  lsp.abort('lsp client', e);
}
