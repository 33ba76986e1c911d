// The start-up that ci/lsp-client.mjs shares with any other real LSP
// client run: spawn the built `collab lsp --stdio`, connect Microsoft's
// vscode-jsonrpc (the transport under vscode-languageclient), keep the
// latest diagnostics per URI, count PASS/FAIL lines and give up after
// 120 s rather than hang CI.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/// Start the server on CAMPAIGN with vscode-jsonrpc from MODULES (a
/// node_modules folder). The session's helpers are described below.
export function start(bin, campaign, modules) {
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
  const session = { conn, child, exited, failures: 0, latest: new Map(), waiters: [] };
  conn.onNotification('textDocument/publishDiagnostics', (params) => {
    session.latest.set(params.uri, params);
    session.waiters = session.waiters.filter((w) => !w());
  });
  conn.listen();
  setTimeout(() => {
    console.log('FAIL  the server did not finish within 120 s');
    child.kill();
    process.exit(1);
  }, 120000).unref();
  return Object.assign(session, helpers(session, campaign));
}

function helpers(s, campaign) {
  const folder = pathToFileURL(campaign).href;
  return {
    /// Print a PASS or FAIL line; count the failures.
    check(ok, what) {
      console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
      if (!ok) s.failures += 1;
    },
    /// initialize with the campaign as the workspace folder, then
    /// initialized; the server's capabilities and info.
    async initialize() {
      const init = await s.conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folder,
        capabilities: {},
        workspaceFolders: [{ uri: folder, name: 'campaign' }],
      });
      await s.conn.sendNotification('initialized', {});
      return init;
    },
    /// The latest diagnostics for URI once TEST accepts them (30 s at most).
    waitFor(uri, test, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 30000);
        const attempt = () => {
          const p = s.latest.get(uri);
          if (p && test(p)) {
            clearTimeout(timer);
            resolve(p);
            return true;
          }
          return false;
        };
        if (!attempt()) s.waiters.push(attempt);
      });
    },
    open(uri, text) {
      return s.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text },
      });
    },
    /// Replace RANGE of the open document URI with TEXT as VERSION.
    change(uri, version, range, text) {
      return s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      });
    },
    request(method, params) {
      return s.conn.sendRequest(method, params);
    },
    /// shutdown and exit, checking both; then the summary line and the
    /// process status (non-zero on any failure).
    async finish(label) {
      const down = await s.conn.sendRequest('shutdown');
      this.check(down === null, 'shutdown answered');
      await s.conn.sendNotification('exit');
      const code = await s.exited;
      this.check(code === 0, `exit: the server ended with status ${code}`);
      this.end(label);
    },
    /// Record an unexpected error, stop the server and end the run.
    abort(label, e) {
      this.check(false, String(e));
      s.child.kill();
      this.end(label);
    },
    end(label) {
      s.conn.dispose();
      console.log(`${label}: ${s.failures} failed`);
      process.exit(s.failures === 0 ? 0 : 1);
    },
  };
}
