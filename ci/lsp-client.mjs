// A real LSP client (Microsoft's vscode-jsonrpc, the transport under
// vscode-languageclient) driving the built `collab lsp` over stdio:
// initialize, didOpen, didChange (an unknown owner), publishDiagnostics,
// didChange (fixed), cleared diagnostics, shutdown and exit.
// Usage: node lsp-client.mjs COLLAB_BIN CAMPAIGN_DIR NODE_MODULES_DIR
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

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  if (!ok) failures += 1;
};

// A server that stops answering fails the run rather than hanging CI.
setTimeout(() => {
  console.log('FAIL  the server did not finish within 120 s');
  child.kill();
  process.exit(1);
}, 120000).unref();

// The latest diagnostics per URI, and whoever waits for a change.
const latest = new Map();
let waiters = [];
conn.onNotification('textDocument/publishDiagnostics', (params) => {
  latest.set(params.uri, params);
  waiters = waiters.filter((w) => !w());
});
conn.listen();

function waitFor(uri, test, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 30000);
    const attempt = () => {
      const p = latest.get(uri);
      if (p && test(p)) {
        clearTimeout(timer);
        resolve(p);
        return true;
      }
      return false;
    };
    if (!attempt()) waiters.push(attempt);
  });
}

const planPath = path.join(campaign, 'plan.yaml');
const plan = pathToFileURL(planPath).href;
const text = readFileSync(planPath, 'utf8');
const lines = text.split('\n');
const line = lines.findIndex((l) => l.trimStart().startsWith('owner: '));
const character = lines[line].indexOf('owner: ') + 'owner: '.length;
const owner = lines[line].slice(character).trim();
const at = (c) => ({ line, character: c });

try {
  const folder = pathToFileURL(campaign).href;
  const init = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    capabilities: {},
    workspaceFolders: [{ uri: folder, name: 'campaign' }],
  });
  check(init.capabilities.textDocumentSync === 2, 'initialize: incremental text sync');
  check(init.serverInfo?.name === 'collab', 'initialize: serverInfo names collab');
  await conn.sendNotification('initialized', {});
  await waitFor(plan, (p) => p.diagnostics.length === 0, 'the first diagnostics');
  check(true, 'the workspace is checked at start: plan.yaml is clean');

  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: plan, languageId: 'yaml', version: 1, text },
  });
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: plan, version: 2 },
    contentChanges: [{ range: { start: at(character), end: at(character + owner.length) }, text: 'nobody' }],
  });
  const bad = await waitFor(plan, (p) => p.version === 2, 'diagnostics for version 2');
  const d = bad.diagnostics.find((x) => x.code === 'unknown-reference');
  check(d !== undefined, `didChange: unknown-reference published (${bad.diagnostics.length} diagnostics)`);
  check(
    d && d.range.start.line === line && d.range.start.character === character &&
      d.range.end.character === character + 'nobody'.length,
    'the diagnostic covers the new owner',
  );
  check(d?.severity === 1 && d?.source === 'collab', 'error severity, source collab');
  check(/docs\/rules\.md#unknown-reference$/.test(d?.codeDescription?.href ?? ''), 'codeDescription links the rule');

  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: plan, version: 3 },
    contentChanges: [{ range: { start: at(character), end: at(character + 'nobody'.length) }, text: owner }],
  });
  const fixed = await waitFor(plan, (p) => p.version === 3, 'diagnostics for version 3');
  check(fixed.diagnostics.length === 0, 'fixed: the diagnostics are cleared');

  const down = await conn.sendRequest('shutdown');
  check(down === null, 'shutdown answered');
  await conn.sendNotification('exit');
  const code = await exited;
  check(code === 0, `exit: the server ended with status ${code}`);
} catch (e) {
  check(false, String(e));
  child.kill();
}
conn.dispose();
console.log(`lsp client: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
