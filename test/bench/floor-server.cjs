// The benchmark's floor (`npm run bench -- --floor`): a language server on the same stack as ours
// (vscode-languageserver, TextDocuments with incremental sync, our stdio transport) that answers
// every request at once without doing any work. Its ratios against the anchor show how much of a
// measurement is the LSP round trip itself. Needs `npm run build` (it loads the compiled transport).
'use strict';
const { join } = require('node:path');
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { StdioMessageReader, StdioMessageWriter } = require(join(__dirname, '../../out/server/src/lsp/stdioTransport.js'));

const connection = createConnection(ProposedFeatures.all, new StdioMessageReader(process.stdin), new StdioMessageWriter(process.stdout));
const documents = new TextDocuments(TextDocument);
let pull = false;
connection.onInitialize((params) => {
  pull = params.capabilities.textDocument?.diagnostic !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['"', ':'] },
      hoverProvider: true,
      diagnosticProvider: pull ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
    },
  };
});
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
connection.onCompletion(() => ({ isIncomplete: false, items: [{ label: 'available' }, { label: 'TOLL_FREE' }] }));
connection.onHover(() => ({ contents: 'floor' }));
documents.onDidChangeContent((e) => {
  if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] });
});
process.stdin.on('end', () => process.exit(0));
documents.listen(connection);
connection.listen();
