// The benchmark's floor (`npm run bench -- --floor`): a language server on the same stack as ours
// (vscode-languageserver, TextDocuments with incremental sync, vscode-jsonrpc's stream reader and
// writer on stdin/stdout) that answers every request at once without doing any work. Its ratios
// against the anchor show how much of a measurement is the LSP round trip itself.
'use strict';
const {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
} = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
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
