// Loaded by the VS Code test host as the tests module of one cold start (see cold-start.mjs): opens
// COLD_START_FILE of the workspace in an editor and measures, in the extension host, the time from the
// open to the first diagnostic of that file. Writes { ms, ... } as JSON to COLD_START_OUT.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const vscode = require('vscode');

const TIMEOUT_MS = 60000;

exports.run = async function run() {
  const file = process.env.COLD_START_FILE;
  const out = process.env.COLD_START_OUT;
  const extensionId = process.env.COLD_START_EXTENSION;
  if (!file || !out || !extensionId) throw new Error('COLD_START_FILE, COLD_START_OUT and COLD_START_EXTENSION are required');
  const uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, file));
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed`);
  const activeBefore = extension.isActive;
  if (activeBefore) throw new Error(`${extensionId} is already active: not a cold start`);

  const started = performance.now();
  const firstDiagnostic = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostic on ${file} within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || vscode.languages.getDiagnostics(uri).length === 0) return;
      const at = performance.now();
      clearTimeout(timer);
      sub.dispose();
      resolve(at);
    });
  });
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const shown = performance.now();
  const at = await firstDiagnostic;
  const diagnostics = vscode.languages.getDiagnostics(uri);
  const result = {
    file,
    extension: extensionId,
    ms: at - started,
    editorShownMs: shown - started,
    languageId: document.languageId,
    activated: extension.isActive,
    diagnostics: diagnostics.map((d) => `${d.source}:${typeof d.code === 'object' ? d.code.value : d.code}: ${d.message.split('\n')[0]}`),
  };
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`cold start: ${file} → first diagnostic in ${result.ms.toFixed(0)} ms (${result.languageId})`);
};
