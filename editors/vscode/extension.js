// The collab campaigns extension: starts `collab lsp --stdio` (the program
// named by the `collab.path` setting) for the YAML files of every folder
// that holds a collab.toml, and for collab.toml itself. Plain JavaScript,
// so there is no build step.
'use strict';

const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/// A glob for every YAML file under the folder holding `toml` (a Uri).
function yamlUnder(toml) {
  const folder = path.dirname(toml.fsPath).split(path.sep).join('/');
  return `${folder}/**/*.{yaml,yml}`;
}

/// The documents the server serves: YAML under each campaign folder found
/// when the extension starts, and every collab.toml.
async function documentSelector() {
  const tomls = await vscode.workspace.findFiles('**/collab.toml', '**/node_modules/**');
  const yaml = tomls.map((toml) => ({ scheme: 'file', pattern: yamlUnder(toml) }));
  return [...yaml, { scheme: 'file', pattern: '**/collab.toml' }];
}

async function activate(context) {
  const command = vscode.workspace.getConfiguration('collab').get('path') || 'collab';
  const serverOptions = { command, args: ['lsp', '--stdio'] };
  const watcher = vscode.workspace.createFileSystemWatcher('**/collab.toml');
  context.subscriptions.push(watcher);
  const clientOptions = {
    documentSelector: await documentSelector(),
    synchronize: { fileEvents: watcher },
  };
  client = new LanguageClient('collab', 'collab language server', serverOptions, clientOptions);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
