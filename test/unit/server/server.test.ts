/**
 * The server in-process, over in-memory streams, with the real service wrapped to observe it:
 * parse sharing, options from `initialize`, push/pull choice, guards, cancellation, client quirks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { cancelUndispatched } from '../../../server/src/lsp/runner';
import { APPLY_EDIT_COMMAND, startServer } from '../../../server/src/lsp/server';
import { createPhoneDeliveryService, type CodeAction, type PhoneDeliveryService, type ServiceOptions } from '../../../server/src/service';
import { inMemoryPipes, PULL_CLIENT, PUSH_CLIENT, type LspClient } from './lspClient';

interface Observed {
  client: LspClient;
  calls: string[];
  options: ServiceOptions[];
}

type Overrides = Partial<Omit<PhoneDeliveryService, 'options'>>;

/**
 * Starts a server in this process. Every service call is recorded as `name uri@version`.
 * The streams are never ended: the node connection exits the process when its input ends.
 */
function serve(overrides: Overrides = {}): Observed {
  const { toServer, toClient, client } = inMemoryPipes();
  const calls: string[] = [];
  const options: ServiceOptions[] = [];
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
    cancelUndispatched,
  );
  startServer(connection, {
    createService(opts) {
      options.push(opts);
      const real: PhoneDeliveryService = { ...createPhoneDeliveryService(opts), ...overrides };
      const record = (name: string, document: { uri: string; version: number }) =>
        calls.push(`${name} ${document.uri}@${document.version}`);
      return {
        options: real.options,
        parse: (d) => (record('parse', d), real.parse(d)),
        // Patching the previous parse is still the one parse of this version ('patch' when it patched).
        reparse: (previous, changes, d) => {
          const parsed = real.reparse(previous, changes, d);
          record(parsed === previous ? 'parse (patch)' : 'parse', d);
          return parsed;
        },
        validate: (d, p) => (record('validate', d), real.validate(d, p)),
        complete: (d, pos, p) => (record('complete', d), real.complete(d, pos, p)),
        hover: (d, pos, p) => (record('hover', d), real.hover(d, pos, p)),
        codeActions: (d, r, diags, p) => (record('codeActions', d), real.codeActions(d, r, diags, p)),
        format: (d, r, o) => (record('format', d), real.format(d, r, o)),
        foldingRanges: (d, p) => (record('foldingRanges', d), real.foldingRanges(d, p)),
        documentSymbols: (d, p) => (record('documentSymbols', d), real.documentSymbols(d, p)),
      };
    },
  });
  return { client, calls, options };
}

const URI = 'file:///project/doc.json';
const TEXT = '{\n  "provider": "CUSTOM_TWILIO",\n  "sid": 5\n}';
const POSITION = { line: 1, character: 4 };
const ORIGIN = { line: 0, character: 0 };

async function allFeatures(client: LspClient, uri = URI): Promise<void> {
  const textDocument = { uri };
  await client.request('textDocument/diagnostic', { textDocument });
  await client.request('textDocument/completion', { textDocument, position: POSITION });
  await client.request('textDocument/hover', { textDocument, position: POSITION });
  await client.request('textDocument/codeAction', { textDocument, range: { start: ORIGIN, end: ORIGIN }, context: { diagnostics: [] } });
  await client.request('textDocument/foldingRange', { textDocument });
  await client.request('textDocument/documentSymbol', { textDocument });
}

describe('server: parse cache', () => {
  it('parses each version once and shares it between features', async () => {
    const { client, calls } = serve();
    await client.initialize(PULL_CLIENT);
    await client.open(URI, TEXT);
    await allFeatures(client);
    assert.deepEqual(
      calls.filter((c) => c.startsWith('parse')),
      [`parse ${URI}@1`],
    );
    await client.change(URI, 2, [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 10 } }, text: '"AC1"' }]);
    await allFeatures(client);
    assert.deepEqual(
      calls.filter((c) => c.startsWith('parse')),
      [`parse ${URI}@1`, `parse ${URI}@2`],
    );
  });

  it('patches the previous parse for edits inside values, several didChange at once, and answers as a fresh open', async () => {
    const { client, calls } = serve();
    await client.initialize(PULL_CLIENT);
    const text = '{\n  "provider": "CUSTOM_TWILIO",\n  "sid": "AC1",\n  "authToken": "{{token}}",\n  "name": "Twilio"\n}';
    await client.open(URI, text);
    await client.request('textDocument/diagnostic', { textDocument: { uri: URI } });
    // Two notifications before the next request: the token placeholder broken into a literal, then the name grows by a word.
    await client.change(URI, 2, [{ range: { start: { line: 3, character: 21 }, end: { line: 3, character: 21 } }, text: ' ' }]);
    await client.change(URI, 3, [{ range: { start: { line: 4, character: 16 }, end: { line: 4, character: 16 } }, text: ' SMS' }]);
    const patched = await client.request('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('parse')),
      [`parse ${URI}@1`, `parse (patch) ${URI}@3`],
    );
    const finalText = text.replace('{{token}}', '{{tok en}}').replace('"Twilio"', '"Twilio SMS"');
    await client.open('file:///project/fresh.json', finalText);
    const fresh = await client.request('textDocument/diagnostic', { textDocument: { uri: 'file:///project/fresh.json' } });
    assert.ok(
      fresh.items.some((d: { code: string }) => d.code === 'literal-secret'),
      'the comparison needs a finding',
    );
    assert.deepEqual(patched.items, fresh.items);
  });

  it('forgets a closed document', async () => {
    const { client, calls } = serve();
    await client.initialize(PULL_CLIENT);
    await client.open(URI, TEXT);
    await allFeatures(client);
    await client.close(URI);
    await client.open(URI, TEXT);
    await allFeatures(client);
    assert.equal(calls.filter((c) => c.startsWith('parse')).length, 2);
  });
});

describe('server: options from initialize', () => {
  const cases: { title: string; capabilities: ClientCapabilities; init: unknown; expected: Partial<ServiceOptions> }[] = [
    {
      title: 'no options, rich client',
      capabilities: PULL_CLIENT,
      init: undefined,
      expected: { templateCompletions: true, snippetSupport: true, markdown: true },
    },
    { title: 'empty options', capabilities: PULL_CLIENT, init: {}, expected: { templateCompletions: true } },
    { title: 'null options', capabilities: PULL_CLIENT, init: null, expected: { templateCompletions: true } },
    { title: 'templates off', capabilities: PULL_CLIENT, init: { templateCompletions: false }, expected: { templateCompletions: false } },
    {
      title: 'a client that declares nothing',
      capabilities: {},
      init: {},
      expected: { templateCompletions: true, snippetSupport: false, markdown: false },
    },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      const { client, options } = serve();
      await client.initialize(c.capabilities, c.init);
      assert.equal(options.length, 1);
      for (const [key, value] of Object.entries(c.expected)) assert.equal(options[0][key as keyof ServiceOptions], value, key);
    });
  }
});

describe('server: diagnostics by pull or by push, never both', () => {
  it('pull: validates only when asked', async () => {
    const { client, calls } = serve();
    await client.initialize(PULL_CLIENT);
    await client.open(URI, TEXT);
    await client.change(URI, 2, [{ text: '{}' }]);
    await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('validate')),
      [],
    );
    assert.deepEqual(client.received('textDocument/publishDiagnostics'), []);
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      calls.filter((c) => c.startsWith('validate')),
      [`validate ${URI}@2`],
    );
  });

  it('push: publishes each version once, the newest last, and clears on close', async () => {
    const { client, calls } = serve();
    await client.initialize(PUSH_CLIENT);
    await client.open(URI, TEXT);
    for (let v = 2; v <= 5; v++) await client.change(URI, v, [{ text: `{"name": "v${v}"}` }]);
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === 5);
    const versions = client.received('textDocument/publishDiagnostics').map((p) => p.version);
    assert.deepEqual(versions, [...new Set(versions)].sort(), 'each version at most once, in order');
    assert.ok(calls.filter((c) => c.startsWith('validate')).length <= 5);
    await client.close(URI);
    const cleared = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('push: a failing validation logs and publishes nothing stale', async () => {
    const { client } = serve({
      validate: () => {
        throw new Error('boom');
      },
    });
    await client.initialize(PUSH_CLIENT);
    await client.open(URI, TEXT);
    const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI);
    assert.deepEqual(published.diagnostics, []);
    const log = await client.waitFor('window/logMessage', (p) => /boom/.test(p.message));
    assert.match(log.message, /Error while validating/);
  });
});

describe('server: guards', () => {
  it('answers a failing handler with an empty result and logs the error', async () => {
    const fail = () => {
      throw new Error('kaput');
    };
    const { client } = serve({ hover: fail, complete: fail, documentSymbols: fail, validate: fail });
    await client.initialize(PULL_CLIENT);
    await client.open(URI, TEXT);
    const textDocument = { uri: URI };
    assert.equal(await client.request('textDocument/hover', { textDocument, position: POSITION }), null);
    assert.equal(await client.request('textDocument/completion', { textDocument, position: POSITION }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument }), { kind: 'full', items: [] });
    const logs = client.received('window/logMessage', (p) => /kaput/.test(p.message));
    assert.equal(logs.length, 4);
    // Still serving.
    assert.ok((await client.request('textDocument/foldingRange', { textDocument })).length > 0);
  });

  it('a crash in one request costs only that answer: the same requests answer again, and every handler is guarded', async () => {
    // The service has no catch-all of its own: the server's guard is the only one.
    let crash = true;
    const sometimes =
      <A extends unknown[], R>(real: (...args: A) => R) =>
      (...args: A): R => {
        if (crash) throw new TypeError(`crash in ${real.name || 'the service'}`);
        return real(...args);
      };
    const real = createPhoneDeliveryService({});
    const { client } = serve({
      complete: sometimes(real.complete),
      hover: sometimes(real.hover),
      codeActions: sometimes(real.codeActions),
      format: sometimes(real.format),
      foldingRanges: sometimes(real.foldingRanges),
    });
    await client.initialize(PULL_CLIENT);
    await client.open(URI, TEXT);
    const textDocument = { uri: URI };
    const codeActionParams = { textDocument, range: { start: ORIGIN, end: ORIGIN }, context: { diagnostics: [] } };
    const formatting = { tabSize: 2, insertSpaces: true };
    const rangeFormattingParams = { textDocument, range: { start: ORIGIN, end: { line: 3, character: 1 } }, options: formatting };
    assert.equal(await client.request('textDocument/completion', { textDocument, position: POSITION }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument, position: POSITION }), null);
    assert.deepEqual(await client.request('textDocument/codeAction', codeActionParams), []);
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument, options: formatting }), []);
    assert.deepEqual(await client.request('textDocument/rangeFormatting', rangeFormattingParams), []);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument }), []);
    const logs = client.received('window/logMessage', (p) => /crash in/.test(p.message));
    assert.equal(logs.length, 6, 'each crash is logged');
    for (const l of logs) assert.match(l.message, /^Error while .*: crash in .*\n.*TypeError/s, 'with the request and the stack');
    // The service recovers: the same server answers the same requests with real results.
    crash = false;
    const list = await client.request('textDocument/completion', { textDocument, position: POSITION });
    assert.ok(list.items.length > 0, 'completion answers again');
    assert.ok(await client.request('textDocument/hover', { textDocument, position: { line: 1, character: 5 } }), 'hover answers again');
    assert.ok((await client.request('textDocument/foldingRange', { textDocument })).length > 0, 'folding answers again');
    assert.deepEqual((await client.request('textDocument/diagnostic', { textDocument })).kind, 'full');
  });

  it('answers a request cancelled before it ran with RequestCancelled, without running it', async () => {
    const { client, calls } = serve();
    await client.initialize(PULL_CLIENT);
    await client.open(URI, TEXT);
    const source = new CancellationTokenSource();
    const pending = client.request('textDocument/hover', { textDocument: { uri: URI }, position: POSITION }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    await client.request('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('hover')),
      [],
    );
  });
});

describe('server: clients with fewer capabilities', () => {
  it('sends flat SymbolInformation to a client without hierarchical symbols', async () => {
    const { client } = serve();
    await client.initialize({});
    await client.open(URI, '{"name": "n", "requests": [{"deliveryMethod": "SMS", "method": "GET"}]}');
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(
      symbols.map((s: any) => [s.name, s.containerName ?? null]),
      [
        ['n', null],
        ['name', 'n'],
        ['requests', 'n'],
        ['SMS GET', 'requests'],
        ['deliveryMethod', 'SMS GET'],
        ['method', 'SMS GET'],
      ],
    );
    assert.equal(symbols[0].location.uri, URI);
  });

  it('limits folding ranges to what the client asks', async () => {
    const { client } = serve();
    await client.initialize({ textDocument: { foldingRange: { rangeLimit: 1 } } });
    await client.open(URI, '{\n "a": {\n  "b": 1\n }\n}');
    const folds = await client.request('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.equal(folds.length, 1);
  });

  it('sends quick fixes as commands to a client without code action literals, and applies them', async () => {
    const edit = { changes: { [URI]: [{ range: { start: ORIGIN, end: ORIGIN }, newText: ' ' }] } };
    const fix: CodeAction = { title: 'Fix it', kind: 'quickfix', edit };
    const { client } = serve({ codeActions: () => [fix] });
    const { capabilities } = await client.initialize({});
    assert.equal(capabilities.codeActionProvider, true);
    assert.deepEqual(capabilities.executeCommandProvider, { commands: [APPLY_EDIT_COMMAND] });
    await client.open(URI, TEXT);
    const range = { start: ORIGIN, end: ORIGIN };
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range, context: { diagnostics: [] } });
    assert.deepEqual(actions, [{ title: 'Fix it', command: APPLY_EDIT_COMMAND, arguments: [edit] }]);
    await client.request('workspace/executeCommand', { command: APPLY_EDIT_COMMAND, arguments: [edit] });
    assert.deepEqual(
      client.serverRequests.filter((r) => r.method === 'workspace/applyEdit').map((r) => r.params.edit),
      [edit],
    );
  });

  it('passes the context diagnostics to the service and honours context.only', async () => {
    const seen: unknown[] = [];
    const fix: CodeAction = { title: 'Fix it', kind: 'quickfix' };
    const refactor: CodeAction = { title: 'Refactor', kind: 'refactor.rewrite' };
    const { client } = serve({ codeActions: (_d, _r, diagnostics) => (seen.push(diagnostics), [fix, refactor]) });
    const { capabilities } = await client.initialize(PULL_CLIENT);
    assert.equal(capabilities.executeCommandProvider, undefined);
    await client.open(URI, TEXT);
    const range = { start: ORIGIN, end: ORIGIN };
    const diagnostic = { range, message: 'm', code: 'invalid-type', source: 'pingone' };
    const all = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(all, [fix, refactor]);
    assert.deepEqual(seen, [[diagnostic]]);
    const quick = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(quick, [fix]);
    const refactors = await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [], only: ['refactor'] },
    });
    assert.deepEqual(refactors, [refactor]);
  });
});
