// A real LSP client (Microsoft's vscode-jsonrpc) asking the built
// `collab lsp` for go to definition, find references, prepareRename and
// rename on a campaign, then applying the rename's workspace edit.
// Usage: node lsp-goto-client.mjs COLLAB_BIN CAMPAIGN_DIR NODE_MODULES_DIR
// Prints PASS/FAIL lines; exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [bin, campaign, modules] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'index.js'));
const rpc = require('vscode-jsonrpc/node');

const child = spawn(bin, ['lsp', '--stdio', '--today', '2026-11-24'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
const conn = rpc.createMessageConnection(
  new rpc.StreamMessageReader(child.stdout),
  new rpc.StreamMessageWriter(child.stdin),
);
conn.listen();

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  if (!ok) failures += 1;
};
setTimeout(() => {
  console.log('FAIL  the server did not finish within 120 s');
  child.kill();
  process.exit(1);
}, 120000).unref();

const planPath = path.join(campaign, 'plan.yaml');
const plan = pathToFileURL(planPath).href;
const lines = readFileSync(planPath, 'utf8').split('\n');
const line = lines.findIndex((l) => l.trimStart().startsWith('owner: '));
const character = lines[line].indexOf('owner: ') + 'owner: '.length + 1;
const owner = lines[line].slice(character - 1).trim();
const where = { textDocument: { uri: plan }, position: { line, character } };

try {
  const folder = pathToFileURL(campaign).href;
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    capabilities: {},
    workspaceFolders: [{ uri: folder, name: 'campaign' }],
  });
  const caps = init.capabilities;
  check(caps.definitionProvider === true && caps.referencesProvider === true, 'definition and references offered');
  check(caps.renameProvider?.prepareProvider === true, 'rename with prepareRename offered');
  await conn.sendNotification('initialized', {});

  const defs = await conn.sendRequest('textDocument/definition', where);
  check(
    Array.isArray(defs) && defs.length === 1 && defs[0].uri.endsWith('/partners.yaml'),
    `definition of owner ${owner}: partners.yaml`,
  );
  const refs = await conn.sendRequest('textDocument/references', { ...where, context: { includeDeclaration: true } });
  check(
    refs.some((r) => r.uri.endsWith('/partners.yaml')) && refs.some((r) => r.uri === plan),
    `references of ${owner}: ${refs.length}, definition and plan included`,
  );
  const ready = await conn.sendRequest('textDocument/prepareRename', where);
  check(ready?.placeholder === owner, 'prepareRename gives the id as placeholder');
  let refused = false;
  try {
    await conn.sendRequest('textDocument/rename', { ...where, newName: 'Not An Id' });
  } catch (e) {
    refused = e.code === -32803;
  }
  check(refused, 'rename to a bad id is refused (RequestFailed)');
  const edit = await conn.sendRequest('textDocument/rename', { ...where, newName: 'renamed-partner' });
  const files = Object.keys(edit?.changes ?? {});
  const count = files.reduce((n, f) => n + edit.changes[f].length, 0);
  check(count === refs.length, `rename edits every occurrence (${count} in ${files.length} files)`);
  check(
    files.every((f) => edit.changes[f].every((e) => e.newText.replace(/^["']|["']$/g, '') === 'renamed-partner')),
    'every edit writes the new id (in the quotes it had)',
  );

  const down = await conn.sendRequest('shutdown');
  check(down === null, 'shutdown answered');
  await conn.sendNotification('exit');
  check((await exited) === 0, 'the server exited cleanly');
} catch (e) {
  check(false, String(e));
  child.kill();
}
conn.dispose();
console.log(`lsp goto client: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
