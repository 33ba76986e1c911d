// A real LSP client (Microsoft's vscode-jsonrpc, the transport under
// vscode-languageclient) driving the built `collab lsp` over stdio through
// one session on a campaign: initialize, publishDiagnostics at start,
// didOpen, didChange (an unknown owner appears with its rule id, range and
// link), didChange (fixed, cleared), completion at an emptied owner (the
// partner ids), code actions on a typo'd owner (the quick fix and "allow
// this rule here"), hover on an owner (the partner's
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

async function completion() {
  const ownerRange = { start: at(character), end: at(character + owner.length) };
  await lsp.change(plan, 4, ownerRange, '');
  const items = await lsp.request('textDocument/completion', {
    textDocument: { uri: plan },
    position: at(character),
  });
  const list = Array.isArray(items) ? items : items?.items ?? [];
  const offered = list.find((i) => i.label === owner);
  check(offered !== undefined, `completion at an empty owner offers partner ${owner} (${list.length} items)`);
  check(typeof offered?.detail === 'string' && offered.detail.length > 0, 'the partner comes with its name');
  await lsp.change(plan, 5, { start: at(character), end: at(character) }, owner);
  await lsp.waitFor(plan, (p) => p.version === 5 && p.diagnostics.length === 0, 'diagnostics for version 5');
}

// "Allow this rule here" on a domain rule's finding: the first activity
// with its ` owner: id,` cut out is owned by nobody.
async function allowHere() {
  const from = lines.findIndex((l) => /^\s*activities:/.test(l));
  const aLine = lines.findIndex((l, i) => i > from && /\sowner: [a-z0-9-]+,/.test(l));
  const cut = lines[aLine].match(/\sowner: [a-z0-9-]+,/);
  const start = { line: aLine, character: cut.index };
  await lsp.change(plan, 8, { start, end: { line: aLine, character: cut.index + cut[0].length } }, '');
  const got = await lsp.waitFor(plan, (p) => p.version === 8, 'diagnostics for version 8');
  const d = got.diagnostics.find((x) => x.code === 'activity-without-owner');
  check(d !== undefined, 'an activity with its owner cut out gives activity-without-owner');
  const actions = await lsp.request('textDocument/codeAction', {
    textDocument: { uri: plan },
    range: d?.range ?? { start, end: start },
    context: { diagnostics: d ? [d] : [] },
  });
  const allow = actions?.find((a) => /^Allow/.test(a.title ?? ''));
  const inserted = allow?.edit?.changes?.[plan]?.[0]?.newText ?? '';
  check(inserted.includes('# collab: allow(activity-without-owner)'), 'code action: allow this rule here');
  await lsp.change(plan, 9, { start, end: start }, cut[0]);
  const back = await lsp.waitFor(plan, (p) => p.version === 9, 'diagnostics for version 9');
  check(back.diagnostics.length === 0, 'the owner restored: clean again');
}

async function codeActions() {
  // One letter short of the id: an unknown reference with one close candidate.
  const typo = owner.slice(0, -1);
  await lsp.change(plan, 6, { start: at(character), end: at(character + owner.length) }, typo);
  const bad = await lsp.waitFor(plan, (p) => p.version === 6, 'diagnostics for version 6');
  const d = bad.diagnostics.find((x) => x.code === 'unknown-reference');
  check(d !== undefined, `a typo (${typo}) gives unknown-reference`);
  const actions = await lsp.request('textDocument/codeAction', {
    textDocument: { uri: plan },
    range: d?.range ?? { start: at(character), end: at(character) },
    context: { diagnostics: d ? [d] : [] },
  });
  const fix = actions?.find((a) => a.kind === 'quickfix' && a.isPreferred);
  const edits = fix?.edit?.changes?.[plan] ?? [];
  check(edits.length === 1 && edits[0].newText === owner, `code action: the preferred quick fix writes ${owner}`);
  check(!actions?.some((a) => /^Allow/.test(a.title ?? '')), 'a structure finding cannot be allowed');
  await lsp.change(plan, 7, { start: at(character), end: at(character + typo.length) }, owner);
  const fixed = await lsp.waitFor(plan, (p) => p.version === 7, 'diagnostics for version 7');
  check(fixed.diagnostics.length === 0, 'the id restored: clean again');
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
  check(caps.completionProvider !== undefined, 'completion offered');
  check(caps.codeActionProvider?.codeActionKinds?.includes('quickfix'), 'quick fixes offered');
  await diagnostics();
  await completion();
  await codeActions();
  await allowHere();
  await hover();
  await rename(await navigation());
  await lsp.finish('lsp client');
} catch (e) {
  lsp.abort('lsp client', e);
}
