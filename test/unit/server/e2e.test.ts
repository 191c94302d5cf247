/**
 * End to end: spawns the bundled server (`node dist/server.js --stdio`, built by `npm run build`)
 * and speaks real LSP to it. Assertions on diagnostics, completion and hover hold for any correct
 * implementation of the service (codes and ranges, not message texts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { withCursor } from '../../support/markers';
import { PULL_CLIENT, PUSH_CLIENT, spawnServer, stopServer, type SpawnedServer } from './lspClient';

const TIMEOUT = { timeout: 30_000 };

const WRONG_TYPE = '{"provider": "CUSTOM_TWILIO", "sid": 5}';
const MISSING = '{"provider": "CUSTOM_PROVIDER", "name": "x"}';

/** The range of the first occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string, from = 0) {
  const document = TextDocument.create('file:///x.json', 'json', 1, text);
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in ${text}`);
  return { start: document.positionAt(offset), end: document.positionAt(offset + needle.length) };
}

function codes(diagnostics: { code?: unknown }[]): unknown[] {
  return diagnostics.map((d) => d.code);
}

function items(result: any): any[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

describe('server over stdio, client with pull diagnostics', TIMEOUT, () => {
  let server: SpawnedServer;
  let capabilities: any;

  before(async () => {
    server = spawnServer();
    capabilities = (await server.client.initialize(PULL_CLIENT, { templateCompletions: true })).capabilities;
  });

  after(async () => {
    if (server) await stopServer(server);
  });

  it('announces every feature, and the pull diagnostic provider', () => {
    assert.equal(capabilities.textDocumentSync.openClose, true);
    assert.equal(capabilities.textDocumentSync.change, 2 /* incremental */);
    assert.ok(capabilities.completionProvider.triggerCharacters.includes('"'));
    assert.ok(capabilities.completionProvider.triggerCharacters.includes(':'));
    assert.ok(capabilities.completionProvider.triggerCharacters.includes('$'));
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(capabilities.documentFormattingProvider, true);
    assert.equal(capabilities.documentRangeFormattingProvider, true);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.diagnosticProvider.interFileDependencies, false);
    assert.equal(capabilities.diagnosticProvider.workspaceDiagnostics, false);
  });

  it('answers textDocument/diagnostic and never pushes', async () => {
    const uri = 'file:///project/pull/twilio.json';
    await server.client.open(uri, WRONG_TYPE);
    const report = await server.client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const wrongType = report.items.find((d: any) => d.code === 'invalid-type');
    assert.ok(wrongType, `no invalid-type in ${JSON.stringify(codes(report.items))}`);
    assert.equal(wrongType.source, 'pingone');
    assert.deepEqual(wrongType.range, rangeOf(WRONG_TYPE, '5'));

    // Unchanged document: the previous result still holds.
    const again = await server.client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });

    await server.client.change(uri, 2, [{ range: rangeOf(WRONG_TYPE, '5'), text: '"AC123"' }]);
    const changed = await server.client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
    assert.equal(changed.kind, 'full');
    assert.notEqual(changed.resultId, report.resultId);
    assert.ok(!codes(changed.items).includes('invalid-type'));

    // More round trips: a push scheduled after didOpen/didChange would have arrived by now.
    await server.client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await server.client.close(uri);
    await server.client.request('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(server.client.received('textDocument/publishDiagnostics'), []);
  });

  it('reports a missing property', async () => {
    const uri = 'file:///project/pull/custom.json';
    await server.client.open(uri, MISSING);
    const report = await server.client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(codes(report.items).includes('missing-property'), JSON.stringify(codes(report.items)));
    await server.client.close(uri);
  });

  it('completes property names in an empty object', async () => {
    const uri = 'file:///project/pull/empty-object.json';
    const { text, offset } = withCursor('{ | }');
    await server.client.open(uri, text);
    const position = TextDocument.create(uri, 'json', 1, text).positionAt(offset);
    const result = await server.client.request('textDocument/completion', { textDocument: { uri }, position });
    const labels = items(result).map((i) => i.label);
    assert.ok(labels.includes('provider'), JSON.stringify(labels));
    await server.client.close(uri);
  });

  it('hovers a key with markdown', async () => {
    const uri = 'file:///project/pull/hover.json';
    await server.client.open(uri, WRONG_TYPE);
    const keyRange = rangeOf(WRONG_TYPE, '"provider"');
    const position = { line: keyRange.start.line, character: keyRange.start.character + 3 };
    const hover = await server.client.request('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover, 'no hover');
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /provider/);
    await server.client.close(uri);
  });

  it('formats, folds and outlines', async () => {
    const uri = 'file:///project/pull/structure.json';
    const text = '{"name":"Gateway","provider":"CUSTOM_PROVIDER","requests":[{"deliveryMethod":"SMS","method":"POST"}]}';
    await server.client.open(uri, text);
    const edits = await server.client.request('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), edits);
    assert.equal(formatted, JSON.stringify(JSON.parse(text), null, 2));

    await server.client.change(uri, 2, [{ text: formatted }]);
    const folds = await server.client.request('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      folds.map((f: any) => [f.startLine, f.endLine]),
      [
        [0, 8],
        [3, 7],
        [4, 6],
      ],
    );
    const symbols = await server.client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].name, 'Gateway');
    assert.deepEqual(
      symbols[0].children.find((s: any) => s.name === 'requests').children.map((s: any) => s.name),
      ['SMS POST'],
    );

    const rangeEdits = await server.client.request('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(rangeEdits, []);
    await server.client.close(uri);
  });

  it('answers requests for a document it never saw', async () => {
    const textDocument = { uri: 'file:///project/never-opened.json' };
    const position = { line: 0, character: 0 };
    assert.deepEqual(await server.client.request('textDocument/diagnostic', { textDocument }), { kind: 'full', items: [] });
    assert.equal(await server.client.request('textDocument/hover', { textDocument, position }), null);
    assert.equal(await server.client.request('textDocument/completion', { textDocument, position }), null);
    assert.deepEqual(await server.client.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await server.client.request('textDocument/foldingRange', { textDocument }), []);
    assert.deepEqual(
      await server.client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );
    const range = { start: position, end: position };
    assert.deepEqual(await server.client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }), []);
  });

  it('survives malformed requests: logs and answers with an empty result', async () => {
    const uri = 'file:///project/pull/bad-requests.json';
    await server.client.open(uri, WRONG_TYPE);
    const edits = await server.client.request('textDocument/formatting', { textDocument: { uri }, options: null });
    assert.deepEqual(edits, []);
    const logged = await server.client.waitFor('window/logMessage', (p) => /Error while formatting/.test(p.message));
    assert.equal(logged.type, 1 /* error */);

    // Positions far outside the text, garbage context: answered, not crashed.
    const far = { line: 10_000, character: 10_000 };
    await server.client.request('textDocument/hover', { textDocument: { uri }, position: far });
    await server.client.request('textDocument/completion', { textDocument: { uri }, position: far });
    await server.client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: far, end: far },
      context: { diagnostics: [] },
    });
    const report = await server.client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    await server.client.close(uri);
    assert.deepEqual(server.client.errors, []);
  });
});

describe('server over stdio, client without pull diagnostics', TIMEOUT, () => {
  let server: SpawnedServer;
  let capabilities: any;

  before(async () => {
    server = spawnServer();
    // An empty configuration means defaults.
    capabilities = (await server.client.initialize(PUSH_CLIENT, {})).capabilities;
  });

  after(async () => {
    if (server) await stopServer(server);
  });

  it('does not announce a pull diagnostic provider', () => {
    assert.equal(capabilities.diagnosticProvider, undefined);
  });

  it('pushes diagnostics after didOpen and after each change, once per version', async () => {
    const uri = 'file:///project/push/custom.json';
    const isFor = (version?: number) => (p: any) => p.uri === uri && p.version === version;
    await server.client.open(uri, MISSING);
    const first = await server.client.waitFor('textDocument/publishDiagnostics', isFor(1));
    assert.ok(codes(first.diagnostics).includes('missing-property'), JSON.stringify(codes(first.diagnostics)));

    await server.client.change(uri, 2, [{ text: WRONG_TYPE }]);
    const second = await server.client.waitFor('textDocument/publishDiagnostics', isFor(2));
    const wrongType = second.diagnostics.find((d: any) => d.code === 'invalid-type');
    assert.ok(wrongType, JSON.stringify(codes(second.diagnostics)));
    assert.deepEqual(wrongType.range, rangeOf(WRONG_TYPE, '5'));

    await server.client.close(uri);
    const cleared = await server.client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);

    const versions = server.client.received('textDocument/publishDiagnostics', (p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, 2, undefined]);
  });

  it('does not answer pulls it did not announce with anything but an empty report', async () => {
    const report = await server.client.request('textDocument/diagnostic', { textDocument: { uri: 'file:///project/push/none.json' } });
    assert.deepEqual(report, { kind: 'full', items: [] });
  });
});

describe('server over stdio, process lifetime', TIMEOUT, () => {
  it('exits with 0 after shutdown and exit', async () => {
    const server = spawnServer();
    await server.client.initialize({});
    assert.equal(await server.client.request('shutdown', null), null);
    await server.client.notify('exit', null);
    assert.equal(await server.exited, 0);
    server.client.connection.dispose();
    assert.equal(server.stderr(), '');
  });
});
