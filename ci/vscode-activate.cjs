// Loads editors/vscode/extension.js under Node with stand-ins for the
// `vscode` module and vscode-languageclient's LanguageClient (hooked in
// through Module._load), calls activate, and checks that it starts
// `collab lsp --stdio` (or the program `collab.path` names) for the YAML of
// the folder holding collab.toml and for collab.toml, watching collab.toml.
// Usage: node vscode-activate.cjs EXTENSION_DIR
// Prints PASS/FAIL lines; exits non-zero on any failure.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const dir = path.resolve(process.argv[2]);
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  if (!ok) failures += 1;
};

// The real client module must resolve from the extension's node_modules.
const real = require.resolve('vscode-languageclient/node', { paths: [dir] });
check(real.includes(`${path.sep}node_modules${path.sep}vscode-languageclient${path.sep}`), `vscode-languageclient/node resolves (${path.relative(dir, real)})`);

const started = [];
class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, running: false });
    started.push(this);
  }
  async start() { this.running = true; }
  async stop() { this.running = false; }
}

const campaign = path.join(path.sep, 'work', 'campaigns', 'winter');
let configured;
const watchers = [];
const vscode = {
  workspace: {
    getConfiguration: (section) => ({ get: (key) => (section === 'collab' && key === 'path' ? configured : undefined) }),
    findFiles: async (glob) => (glob === '**/collab.toml' ? [{ fsPath: path.join(campaign, 'collab.toml') }] : []),
    createFileSystemWatcher: (glob) => {
      const w = { glob, dispose() {} };
      watchers.push(w);
      return w;
    },
  },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient };
  return load.call(this, request, parent, isMain);
};

async function run(setting, expected) {
  configured = setting;
  started.length = 0;
  const ext = require(path.join(dir, require(path.join(dir, 'package.json')).main));
  const context = { subscriptions: [] };
  await ext.activate(context);
  const c = started[0];
  check(started.length === 1 && c.running, `activate starts one language client (collab.path ${JSON.stringify(setting)})`);
  check(c?.serverOptions.command === expected, `the server command is ${expected}`);
  check(JSON.stringify(c?.serverOptions.args) === '["lsp","--stdio"]', 'with the arguments lsp --stdio');
  const patterns = (c?.clientOptions.documentSelector ?? []).map((f) => f.pattern);
  const yaml = `${campaign.split(path.sep).join('/')}/**/*.{yaml,yml}`;
  check(patterns.includes(yaml), `the YAML under the campaign folder is served (${yaml})`);
  check(patterns.includes('**/collab.toml'), 'collab.toml is served');
  check(c?.clientOptions.synchronize.fileEvents.glob === '**/collab.toml', 'collab.toml is watched');
  check(context.subscriptions.includes(c?.clientOptions.synchronize.fileEvents), 'the watcher is disposed with the extension');
  await ext.deactivate();
  check(!c.running, 'deactivate stops the client');
}

(async () => {
  await run(undefined, 'collab');
  await run('/opt/collab/bin/collab', '/opt/collab/bin/collab');
  console.log(`vscode activate: ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => {
  console.log(`FAIL  ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
