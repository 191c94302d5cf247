/**
 * The real language server (`node dist/server.js --stdio`) under hostile input (issue 6, "The
 * language server under hostile input"): malformed JSON-RPC, unknown methods, requests for
 * documents never opened, edits with out-of-range positions, a 50 MB document, nesting 100,000
 * levels deep, a binary file, invalid UTF-8 in the stream, and the limits from
 * `initializationOptions`.
 *
 * After each input the server must still be running, answer the next request on a normal document
 * (hover and completion), have logged no uncaught exception, and keep its memory bounded; except
 * after a malformed frame, which vscode-jsonrpc's reader cannot be trusted to read past: then the
 * server must log it and exit with status 1, for the client to start a new one. Memory:
 * VmRSS (from /proc/PID/status) under MEMORY_BOUND_MB. The bound: an idle server takes about
 * 60 MB; a 50 MB document is held by the JSON-RPC reader's buffer, the decoded message and the
 * text document (each ~50 MB) while it is open, and V8 returns freed memory to the system lazily,
 * so up to a few hundred MB after it is closed is normal. 600 MB leaves room for that and still
 * catches what the limits exist to prevent (formatting a 50 MB document answers gigabytes of
 * edits; parsing it in full takes more than 1 GB).
 *
 * There are no timing assertions: timeouts only keep a hung server from hanging the suite.
 *
 * Needs `npm run build` first (dist/server.js).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { createTextDocument, updateTextDocument } from '../../../server/src/service/textDocument';
import { createPhoneDeliveryService } from '../../../server/src/service';
import { PULL_CLIENT, PUSH_CLIENT, ROOT, spawnServer, stopServer, type SpawnedServer } from '../server/lspClient';

const MEMORY_BOUND_MB = 600;
/** A safety net for each wait, never an assertion about speed. */
const SAFETY_TIMEOUT_MS = 120_000;
const SUITE = { timeout: 15 * 60_000 };

const CONTROL_URI = 'file:///hostile/control.phone-delivery.json';
const CONTROL_TEXT = readFileSync(join(ROOT, 'test/fixtures/valid/twilio-create.json'), 'utf8');
/** Inside the key "provider" of the control document. */
const CONTROL_KEY = positionOf(CONTROL_TEXT, '"provider"', 3);
/** After the opening brace: property names are offered. */
const CONTROL_KEY_SPOT = { line: 1, character: 2 };

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the text`);
  return TextDocument.create('file:///x', 'json', 1, text).positionAt(offset + delta);
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = SAFETY_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} after ${ms} ms (safety net)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A request's outcome: its result, or the error the server answered with. */
async function settle<T>(promise: Promise<T>, what: string): Promise<{ result?: T; error?: ResponseError<unknown> }> {
  try {
    return { result: await withTimeout(promise, what) };
  } catch (e) {
    if (e instanceof ResponseError) return { error: e };
    throw e;
  }
}

/** VmRSS and VmHWM (peak) of a process, in MB; undefined where /proc is not available. */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** A JSON-RPC frame, with the header's Content-Length counting the bytes of the body as sent. */
function frame(body: string | Buffer, contentLength?: string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${contentLength ?? bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** Writes bytes to the server's stdin as they are, between the client's own messages. */
function writeRaw(server: SpawnedServer, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => server.child.stdin!.write(bytes, (e) => (e ? reject(e) : resolve())));
}

/** A small deterministic generator (xorshift32), for the binary file. */
function randomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed | 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Watches the server's output for answers to requests written raw (ids "raw-N"), which the client
 * connection does not know and drops.
 */
function tapRawAnswers(server: SpawnedServer): { answered(id: string): Promise<string> } {
  const seen = new Map<string, string>();
  const waiting = new Map<string, (kind: string) => void>();
  let tail = '';
  server.child.stdout!.on('data', (chunk: Buffer) => {
    const text = tail + chunk.toString('utf8');
    for (const m of text.matchAll(/"id":"(raw-\d+)","(result|error)"/g)) {
      seen.set(m[1], m[2]);
      waiting.get(m[1])?.(m[2]);
    }
    tail = text.slice(-64);
  });
  return {
    answered: (id) =>
      seen.has(id) ? Promise.resolve(seen.get(id)!) : withTimeout(new Promise((resolve) => waiting.set(id, resolve)), `raw request ${id}`),
  };
}

/** What the server logged about malformed input (server/src/lsp/main.ts logs the reader's error, then exits). */
const droppedInput = (server: SpawnedServer): string[] =>
  server.client.received('window/logMessage', (p) => /^JSON-RPC input: /.test(p.message)).map((p) => p.message);

const pushDiagnostics = (server: SpawnedServer, uri: string, version: number): Promise<any> =>
  withTimeout(
    server.client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version),
    `publishDiagnostics for ${uri}@${version}`,
  );

const codes = (diagnostics: { code?: unknown }[]): unknown[] => diagnostics.map((d) => d.code);

/** What every hostile input is followed by. */
async function assertAlive(server: SpawnedServer, after: string): Promise<void> {
  assert.equal(server.child.exitCode, null, `the server exited after ${after}: ${server.stderr()}`);
  const hover = await withTimeout(
    server.client.request('textDocument/hover', { textDocument: { uri: CONTROL_URI }, position: CONTROL_KEY }),
    `hover after ${after}`,
  );
  assert.ok(
    hover && /provider/.test(JSON.stringify(hover.contents)),
    `no hover on the control document after ${after}: ${JSON.stringify(hover)}`,
  );
  const completion = await withTimeout(
    server.client.request('textDocument/completion', { textDocument: { uri: CONTROL_URI }, position: CONTROL_KEY_SPOT }),
    `completion after ${after}`,
  );
  const items = Array.isArray(completion) ? completion : completion?.items;
  assert.ok(items?.length > 0, `no completion on the control document after ${after}`);
  const crashes = server.client.received('window/logMessage', (p) => /Uncaught exception|Unhandled rejection/.test(p.message));
  assert.deepEqual(crashes, [], `uncaught errors after ${after}`);
  const memory = memoryOf(server.child.pid!);
  if (memory) {
    console.log(`[hostile] after ${after}: VmRSS ${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB)`);
    assert.ok(memory.rss < MEMORY_BOUND_MB, `VmRSS ${memory.rss.toFixed(0)} MB ≥ ${MEMORY_BOUND_MB} MB after ${after}`);
  }
}

describe('language server over stdio under hostile input', SUITE, () => {
  let server: SpawnedServer;

  before(async () => {
    server = spawnServer();
    await withTimeout(server.client.initialize(PUSH_CLIENT), 'initialize');
    await server.client.open(CONTROL_URI, CONTROL_TEXT);
    await pushDiagnostics(server, CONTROL_URI, 1);
    await assertAlive(server, 'startup');
  });

  after(async () => {
    if (!server) return;
    const code = await stopServer(server);
    assert.equal(code, 0, `the server did not exit cleanly: ${server.stderr()}`);
  });

  it('well-framed JSON that is not a valid message is ignored or answered with an error, and the next request is answered', async () => {
    // Each read by the stream reader and handed to the connection, which logs it or answers it.
    const frames: [string, Buffer][] = [
      ['JSON that is an array (a batch)', frame('[{"jsonrpc":"2.0","id":9000,"method":"textDocument/hover","params":{}}]')],
      ['JSON that is null', frame('null')],
      ['JSON that is a number', frame('42')],
      ['JSON that is a string', frame('"textDocument/hover"')],
      ['a message with no method (nor result)', frame('{"jsonrpc":"2.0","id":9001,"params":{"textDocument":{"uri":"file:///x"}}}')],
      ['a message with a numeric method', frame('{"jsonrpc":"2.0","id":9002,"method":123,"params":{}}')],
      ['a message with an object id', frame('{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":{}}')],
      ['a response to a request never sent', frame('{"jsonrpc":"2.0","id":424242,"result":{"applied":true}}')],
      ['an error response to a request never sent', frame('{"jsonrpc":"2.0","id":"nope","error":{"code":-1,"message":"x"}}')],
      ['JSON-RPC 1.0', frame('{"jsonrpc":"1.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///x"}}}')],
      ['a cancellation of nothing', frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"never"}}')],
    ];
    for (const [what, bytes] of frames) {
      await writeRaw(server, bytes);
      const hover = await withTimeout(
        server.client.request('textDocument/hover', { textDocument: { uri: CONTROL_URI }, position: CONTROL_KEY }),
        `the hover after ${what}`,
      );
      assert.ok(hover && /provider/.test(JSON.stringify(hover.contents)), `the hover after ${what}: ${JSON.stringify(hover)}`);
      assert.deepEqual(droppedInput(server), [], `the reader rejected ${what}`);
      await assertAlive(server, what);
    }

    // Requests whose params are not an object or an array (JSON-RPC allows only those): answered.
    const raw = tapRawAnswers(server);
    const params = ['"text"', '42', 'true', 'null', '{"textDocument":"x","position":[]}'];
    for (const [i, p] of params.entries()) {
      const id = `raw-${i}`;
      await writeRaw(server, frame(`{"jsonrpc":"2.0","id":"${id}","method":"textDocument/hover","params":${p}}`));
      await raw.answered(id);
    }
    await assertAlive(server, 'requests with params of the wrong JSON type');
  });

  it('requests with wrong parameter types are answered (a result or an error), notifications with them ignored', async () => {
    const uri = CONTROL_URI;
    const bad: unknown[] = [
      null,
      'text',
      42,
      [],
      {},
      { textDocument: 5 },
      { textDocument: { uri: 5 } },
      { textDocument: { uri }, position: 'here' },
      { textDocument: { uri }, position: { line: 'a', character: {} } },
      { textDocument: { uri }, position: { line: -1, character: Number.MAX_SAFE_INTEGER } },
      { textDocument: { uri }, range: null, context: null, options: null },
      { textDocument: { uri }, range: { start: 1, end: 'x' }, context: { diagnostics: 'none', only: 5 }, options: { tabSize: 'two' } },
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [{ range: null, data: { fix: 'remove-property', path: 7 }, source: 'pingone' }] },
      },
      { command: 'pingone.phoneDelivery.applyEdit', arguments: [{ changes: 'x' }] },
      { command: 'no.such.command', arguments: 'x' },
    ];
    const methods = [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/codeAction',
      'textDocument/formatting',
      'textDocument/rangeFormatting',
      'textDocument/foldingRange',
      'textDocument/documentSymbol',
      'textDocument/diagnostic',
      'workspace/executeCommand',
    ];
    let answered = 0;
    let errors = 0;
    for (const method of methods) {
      for (const params of bad) {
        const outcome = await settle(server.client.request(method, params), `${method} ${JSON.stringify(params)}`);
        if (outcome.error) errors++;
        else answered++;
      }
    }
    console.log(`[hostile] wrong parameter types: ${answered} answered with a result, ${errors} with an error response`);
    await assertAlive(server, 'requests with wrong parameter types');

    const notifications: [string, unknown][] = [
      ['textDocument/didOpen', null],
      ['textDocument/didOpen', { textDocument: { uri: 5 } }],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///hostile/number-text.json', languageId: 'json', version: 1, text: 7 } }],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///hostile/null-text.json', languageId: 'json', version: 'one', text: null } }],
      ['textDocument/didChange', { textDocument: { uri: CONTROL_URI, version: null }, contentChanges: [{ text: '{}' }] }],
      ['textDocument/didChange', { textDocument: { uri: CONTROL_URI, version: 99 }, contentChanges: 'all of it' }],
      [
        'textDocument/didChange',
        {
          textDocument: { uri: 'file:///hostile/number-text.json', version: 2 },
          contentChanges: [{ range: { start: { line: 'a' } }, text: 5 }],
        },
      ],
      ['textDocument/didClose', {}],
      ['textDocument/didClose', { textDocument: { uri: ['x'] } }],
      ['workspace/didChangeConfiguration', 'x'],
      ['initialized', 5],
    ];
    for (const [method, params] of notifications) await server.client.notify(method, params);
    // The documents opened with garbage are there; whatever they hold, asking about them is answered.
    for (const u of ['file:///hostile/number-text.json', 'file:///hostile/null-text.json']) {
      await settle(
        server.client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } }),
        `hover on ${u}`,
      );
      await settle(server.client.request('textDocument/diagnostic', { textDocument: { uri: u } }), `diagnostic on ${u}`);
      await server.client.close(u);
    }
    await assertAlive(server, 'notifications with wrong parameter types');
  });

  it('unknown methods: a request is answered MethodNotFound, a notification ignored', async () => {
    for (const method of ['pingone/noSuchRequest', 'textDocument/noSuchFeature', '$/noSuchRequest']) {
      const outcome = await settle(server.client.request(method, { x: 1 }), method);
      assert.ok(outcome.error, `${method} got a result: ${JSON.stringify(outcome.result)}`);
      assert.equal(outcome.error.code, ErrorCodes.MethodNotFound, `${method}: ${outcome.error.message}`);
    }
    for (const method of ['pingone/noSuchNotification', '$/noSuchNotification', 'textDocument/noSuchEvent'])
      await server.client.notify(method, { x: 1 });
    await assertAlive(server, 'unknown methods');
  });

  it('requests for documents never opened get empty answers; changes and closes of them are ignored', async () => {
    const textDocument = { uri: 'file:///hostile/never-opened.json' };
    const position = { line: 3, character: 4 };
    const range = { start: position, end: position };
    assert.equal(await server.client.request('textDocument/hover', { textDocument, position }), null);
    assert.equal(await server.client.request('textDocument/completion', { textDocument, position }), null);
    assert.deepEqual(await server.client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(
      await server.client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );
    assert.deepEqual(
      await server.client.request('textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );
    assert.deepEqual(await server.client.request('textDocument/foldingRange', { textDocument }), []);
    assert.deepEqual(await server.client.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await server.client.request('textDocument/diagnostic', { textDocument }), { kind: 'full', items: [] });
    await server.client.change(textDocument.uri, 2, [{ range, text: 'x' }]);
    await server.client.close(textDocument.uri);
    // Neither a change nor a close of an unknown document publishes anything.
    await assertAlive(server, 'requests for a document never opened');
    assert.deepEqual(
      server.client.received('textDocument/publishDiagnostics', (p) => p.uri === textDocument.uri),
      [],
    );
  });

  it('didChange with out-of-range positions is applied clamped, and the diagnostics are those of the clamped text', async () => {
    const uri = 'file:///hostile/out-of-range.phone-delivery.json';
    const text = readFileSync(join(ROOT, 'test/fixtures/valid/custom-basic-get.json'), 'utf8');
    let local = createTextDocument(uri, 'json', 1, text);
    await server.client.open(uri, text);
    await pushDiagnostics(server, uri, 1);
    const changes: TextDocumentContentChangeEvent[][] = [
      [{ range: { start: { line: 1000, character: 0 }, end: { line: 1000, character: 5 } }, text: '\n// past the end\n' }],
      [{ range: { start: { line: 2, character: 1000 }, end: { line: 2, character: 2000 } }, text: ' ' }],
      [{ range: { start: { line: -5, character: -5 }, end: { line: 0, character: 0 } }, text: ' ' }],
      [{ range: { start: { line: 5, character: 3 }, end: { line: 1, character: 1 } }, text: '"reversed": 1,' }],
      [{ range: { start: { line: 3, character: 0 }, end: { line: 99_999, character: 99_999 } }, text: '}' }],
      // A "\r" put right before the "\n" of line 0 (one line break, not two), then changes below it:
      // counted as two, they would land a line off.
      [
        { range: { start: { line: 0, character: 1000 }, end: { line: 0, character: 1000 } }, text: '\r' },
        { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '"x": 1,' },
      ],
      [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '"y": 2,' }],
    ];
    const service = createPhoneDeliveryService();
    for (const [i, contentChanges] of changes.entries()) {
      const version = i + 2;
      await server.client.change(uri, version, contentChanges);
      local = updateTextDocument(local, contentChanges, version);
      const published = await pushDiagnostics(server, uri, version);
      // The oracle: a fresh document of the text the changes give (clamped as TextDocument clamps).
      const fresh = TextDocument.create(uri, 'json', version, local.getText());
      assert.equal(local.lineCount, fresh.lineCount);
      const expected = service.validate(fresh, service.parse(fresh));
      assert.deepEqual(
        published.diagnostics,
        JSON.parse(JSON.stringify(expected)),
        `diagnostics of version ${version} (${JSON.stringify(local.getText().slice(0, 60))}…)`,
      );
    }
    await server.client.close(uri);
    await assertAlive(server, 'didChange with out-of-range positions');
  });

  it('a 50 MB document: the server says it is too large, answers everything on it at once, and its memory stays bounded', async () => {
    const uri = 'file:///hostile/huge.phone-delivery.json';
    const item = '{"deliveryMethod":"SMS","url":"https://sms.example.com/send?to=${to}&m=${message}","method":"GET"},';
    const head = '{"name":"huge","provider":"CUSTOM_PROVIDER","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[';
    const size = 50 * 1024 * 1024;
    let text: string | undefined = head + item.repeat(Math.ceil((size - head.length) / item.length)) + '{}]}';
    assert.ok(text.length >= size);
    const length = text.length;
    await server.client.open(uri, text);
    text = undefined; // only the server holds it now
    const published = await pushDiagnostics(server, uri, 1);
    assert.deepEqual(codes(published.diagnostics), ['document-too-large']);
    assert.match(published.diagnostics[0].message, new RegExp(`larger than the size limit \\(${length} characters\\)`));
    assert.deepEqual(published.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });

    const textDocument = { uri };
    const position = { line: 0, character: 200 };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5_000_000 } };
    const pulled = await server.client.request('textDocument/diagnostic', { textDocument });
    assert.deepEqual(codes(pulled.items), ['document-too-large']);
    assert.deepEqual(await server.client.request('textDocument/completion', { textDocument, position }), {
      isIncomplete: false,
      items: [],
    });
    assert.equal(await server.client.request('textDocument/hover', { textDocument, position }), null);
    assert.deepEqual(
      await server.client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );
    assert.deepEqual(
      await server.client.request('textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );
    assert.deepEqual(await server.client.request('textDocument/foldingRange', { textDocument }), []);
    assert.deepEqual(await server.client.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(
      await server.client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics: published.diagnostics } }),
      [],
    );
    await assertAlive(server, 'opening a 50 MB document');

    // Typing in it: each version is still too large, and says so.
    await server.client.change(uri, 2, [
      { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 13 } }, text: 'still huge' },
    ]);
    assert.deepEqual(codes((await pushDiagnostics(server, uri, 2)).diagnostics), ['document-too-large']);

    await server.client.close(uri);
    await withTimeout(
      server.client.waitFor(
        'textDocument/publishDiagnostics',
        (p) => p.uri === uri && p.version === undefined && p.diagnostics.length === 0,
      ),
      'the diagnostics cleared on close',
    );
    await assertAlive(server, 'closing the 50 MB document');
  });

  it('nesting 100,000 levels deep: the server says it is too deep, and answers everything on it', async () => {
    const depth = 100_000;
    const documents: [string, string][] = [
      ['arrays', '['.repeat(depth) + ']'.repeat(depth)],
      ['objects', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
      ['unclosed', '{"provider":' + '[{"a":'.repeat(depth / 2)],
    ];
    for (const [name, text] of documents) {
      const uri = `file:///hostile/deep-${name}.json`;
      await server.client.open(uri, text);
      const published = await pushDiagnostics(server, uri, 1);
      assert.deepEqual(codes(published.diagnostics), ['document-too-large'], name);
      assert.match(published.diagnostics[0].message, /nested deeper than the depth limit/);
      const textDocument = { uri };
      const position = TextDocument.create(uri, 'json', 1, text).positionAt(Math.floor(text.length / 2));
      assert.deepEqual(
        await server.client.request('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }),
        [],
      );
      assert.deepEqual(await server.client.request('textDocument/foldingRange', { textDocument }), []);
      assert.deepEqual(await server.client.request('textDocument/documentSymbol', { textDocument }), []);
      assert.equal(await server.client.request('textDocument/hover', { textDocument, position }), null);
      await settle(server.client.request('textDocument/completion', { textDocument, position }), 'completion in the deep document');
      await server.client.close(uri);
      await assertAlive(server, `a document nested ${depth} levels deep (${name})`);
    }
  });

  it('a binary file (random bytes as text): diagnostics, and answers at random positions', async () => {
    const bytes = randomBytes(256 * 1024, 0x5eed);
    for (const [name, text] of [
      ['latin1', bytes.toString('latin1')],
      ['utf8', bytes.toString('utf8')],
    ] as const) {
      const uri = `file:///hostile/binary-${name}.bin`;
      await server.client.open(uri, text);
      const published = await pushDiagnostics(server, uri, 1);
      assert.ok(published.diagnostics.length > 0, 'a binary file has problems');
      assert.ok(codes(published.diagnostics).every((c) => typeof c === 'string'));
      const document = TextDocument.create(uri, 'json', 1, text);
      const textDocument = { uri };
      for (let i = 1; i <= 8; i++) {
        const position = document.positionAt(Math.floor((text.length * i) / 9));
        await settle(server.client.request('textDocument/completion', { textDocument, position }), 'completion in a binary file');
        await settle(server.client.request('textDocument/hover', { textDocument, position }), 'hover in a binary file');
      }
      await settle(
        server.client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
        'formatting a binary file',
      );
      await settle(server.client.request('textDocument/documentSymbol', { textDocument }), 'symbols of a binary file');
      await settle(server.client.request('textDocument/foldingRange', { textDocument }), 'folding a binary file');
      await server.client.close(uri);
      await assertAlive(server, `a binary file (${name})`);
    }
  });

  it('invalid UTF-8 in the stream (bytes FF FE inside a string of didOpen): decoded as U+FFFD, and the document is served', async () => {
    const uri = 'file:///hostile/invalid-utf8.phone-delivery.json';
    const marker = '@@BYTES@@';
    const text = `{\n  "name": "bad${marker}bytes",\n  "provider": "CUSTOM_TWILIO",\n  "sid": 5\n}`;
    const json = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'json', version: 1, text } },
    });
    const [before, afterMarker] = json.split(marker);
    const body = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(afterMarker, 'utf8')]);
    await writeRaw(server, frame(body));
    const published = await pushDiagnostics(server, uri, 1);
    assert.ok(
      codes(published.diagnostics).includes('invalid-type'),
      `diagnostics of the document: ${JSON.stringify(codes(published.diagnostics))}`,
    );
    const symbols = await server.client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].name, 'bad\ufffd\ufffdbytes');
    await server.client.close(uri);
    await assertAlive(server, 'invalid UTF-8 in a didOpen');
  });
});

/** Closes the server's input: it must exit, with 0 after a shutdown request and 1 without one. */
async function closeInputAndExpectExit(s: ReturnType<typeof spawnServer>, status: 0 | 1): Promise<void> {
  s.child.stdin!.end();
  const code = await withTimeout(s.exited, 'the server to exit when its input closes');
  assert.equal(code, status, status === 0 ? 'exit status 0 after shutdown' : 'exit status 1: the input ended without shutdown');
}

describe('malformed frames: the server logs the first and exits with status 1, for the client to start a new one', SUITE, () => {
  // vscode-jsonrpc's reader, after a header it cannot use, reads nothing more of what it holds
  // until more bytes come (the request written with it waits); after a length that does not match
  // its body (too small, negative, `1e3` read as 1), it never finds its place in the stream again.
  // A body that is not JSON leaves it in place, but the server does not tell them apart: the first
  // reader error ends it. Each frame is written together with a request, which must not be answered.
  const malformed: [string, Buffer][] = [
    ['a Content-Length that is not a number', Buffer.from('Content-Length: abc\r\n\r\n', 'ascii')],
    ['a header without Content-Length', Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n', 'ascii')],
    ['a header line without a colon', Buffer.from('this is not a header\r\n\r\n', 'ascii')],
    ['an empty header', Buffer.from('\r\n\r\n', 'ascii')],
    ['Content-Length: 0', frame('')],
    ['a body that is not JSON', frame('{"jsonrpc":"2.0","id":1,"method":')],
    ['a body of NUL bytes', frame(Buffer.alloc(64))],
    ['a Content-Length too small', Buffer.from('Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":"x","method":"shutdown"}', 'utf8')],
    ['a negative Content-Length', Buffer.from('Content-Length: -5\r\n\r\n', 'ascii')],
    ['a Content-Length in exponent notation', Buffer.from('Content-Length: 1e3\r\n\r\n', 'ascii')],
  ];
  const hover = (id: string) =>
    frame(
      JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'textDocument/hover',
        params: { textDocument: { uri: 'file:///x.json' }, position: { line: 0, character: 0 } },
      }),
    );

  const didOpen = (s: SpawnedServer, i: number) =>
    s.client.notify('textDocument/didOpen', {
      textDocument: { uri: `file:///desync/${i}.json`, languageId: 'json', version: 1, text: '{"provider":"CUSTOM_TWILIO"}' },
    });

  for (const [what, bytes] of malformed) {
    it(`${what}: logged, and the server exits with status 1`, async () => {
      const s = spawnServer();
      try {
        await withTimeout(s.client.initialize(PUSH_CLIENT), 'initialize');
        let output = '';
        s.child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
        await writeRaw(s, Buffer.concat([bytes, hover('raw-after')]));
        const code = await withTimeout(s.exited, `the server to exit after ${what}`);
        assert.equal(code, 1, `exit status after ${what}: ${s.stderr()}`);
        assert.match(s.stderr(), /^JSON-RPC input: .* \(exiting with status 1, for the client to start a new server\)$/m);
        const logged = await withTimeout(
          s.client.waitFor('window/logMessage', (p) => /^JSON-RPC input: /.test(p.message)),
          'the log line about the malformed frame',
        );
        assert.equal(logged.type, 1, 'logged as an error');
        assert.doesNotMatch(output, /"id":"raw-after"/, 'the request after the malformed frame was answered');
        assert.deepEqual(
          s.client.received('window/logMessage', (p) => /Uncaught exception|Unhandled rejection/.test(p.message)),
          [],
        );
      } finally {
        if (s.child.exitCode === null) s.child.kill();
        s.client.connection.dispose();
      }
    });
  }

  // No way to tell a length larger than anything that follows from a large message still coming:
  // every later message is read as part of its body. The server cannot answer any more, and it must
  // not crash, spin or grow; when the client gives up and closes the stream, it exits (and a client
  // restarts it).
  it('larger than anything that follows: the server stays up (it waits for the body), and exits when its input closes', async () => {
    const s = spawnServer();
    try {
      await withTimeout(s.client.initialize(PUSH_CLIENT), 'initialize');
      await writeRaw(s, Buffer.from('Content-Length: 99999999999\r\n\r\n', 'utf8'));
      for (let i = 0; i < 20; i++) await didOpen(s, i);
      assert.equal(s.child.exitCode, null, `the server exited: ${s.stderr()}`);
      const memory = memoryOf(s.child.pid!);
      if (memory) assert.ok(memory.rss < MEMORY_BOUND_MB, `VmRSS ${memory.rss.toFixed(0)} MB`);
      await closeInputAndExpectExit(s, 1);
    } finally {
      if (s.child.exitCode === null) s.child.kill();
      s.client.connection.dispose();
    }
  });

  it('after shutdown, the input closing means exit status 0', async () => {
    const s = spawnServer();
    try {
      await withTimeout(s.client.initialize(PUSH_CLIENT), 'initialize');
      await withTimeout(s.client.request('shutdown', null), 'shutdown');
      await closeInputAndExpectExit(s, 0);
    } finally {
      if (s.child.exitCode === null) s.child.kill();
      s.client.connection.dispose();
    }
  });
});

describe('limits from initializationOptions', SUITE, () => {
  const servers: SpawnedServer[] = [];

  async function start(initializationOptions: unknown): Promise<SpawnedServer> {
    const s = spawnServer();
    servers.push(s);
    await withTimeout(s.client.initialize(PULL_CLIENT, initializationOptions), 'initialize');
    return s;
  }

  async function diagnosticCodes(s: SpawnedServer, uri: string, text: string): Promise<{ codes: unknown[]; messages: string[] }> {
    await s.client.open(uri, text);
    const report = await withTimeout(s.client.request('textDocument/diagnostic', { textDocument: { uri } }), `diagnostics of ${uri}`);
    await s.client.close(uri);
    return { codes: codes(report.items), messages: report.items.map((d: { message: string }) => d.message) };
  }

  after(async () => {
    for (const s of servers) assert.equal(await stopServer(s), 0, s.stderr());
  });

  it('maxSize and maxDepth: beyond them a document is reported too large or too deep, within them it is checked', async () => {
    const s = await start({ limits: { maxSize: 2000, maxDepth: 8 } });
    const fixture = readFileSync(join(ROOT, 'test/fixtures/valid/custom-oauth2.json'), 'utf8');
    assert.ok(fixture.length < 2000);
    assert.deepEqual((await diagnosticCodes(s, 'file:///limits/fixture.json', fixture)).codes, []);

    const big = fixture.replace('{', '{\n  "$schema": "' + 'x'.repeat(2000) + '",');
    const tooLarge = await diagnosticCodes(s, 'file:///limits/big.json', big);
    assert.deepEqual(tooLarge.codes, ['document-too-large']);
    assert.match(tooLarge.messages[0], new RegExp(`larger than the size limit \\(${big.length} characters\\)`));

    const nested = (depth: number): string => '{"provider":"CUSTOM_PROVIDER","x":' + '['.repeat(depth - 1) + ']'.repeat(depth - 1) + '}';
    const tooDeep = await diagnosticCodes(s, 'file:///limits/deep.json', nested(9));
    assert.deepEqual(tooDeep.codes, ['document-too-large']);
    assert.match(tooDeep.messages[0], /nested deeper than the depth limit/);
    assert.ok(
      !(await diagnosticCodes(s, 'file:///limits/eight.json', nested(8))).codes.includes('document-too-large'),
      '8 levels are within maxDepth 8',
    );
  });

  it('a depth limit raised beyond what the parser can take: 100,000 levels are still reported, not a silent failure', async () => {
    const s = await start({ limits: { maxDepth: 10_000_000 } });
    const depth = 100_000;
    const result = await diagnosticCodes(s, 'file:///limits/very-deep.json', '['.repeat(depth) + ']'.repeat(depth));
    assert.deepEqual(result.codes, ['document-too-large']);
    const crashes = s.client.received('window/logMessage', (p) => /Uncaught exception|Unhandled rejection/.test(p.message));
    assert.deepEqual(crashes, []);
    const formatted = await s.client.request('textDocument/formatting', {
      textDocument: { uri: 'file:///limits/very-deep.json' },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(formatted, []);
  });

  it('malformed limits mean the defaults', async () => {
    const s = await start({ limits: { maxSize: -1, maxDepth: 'deep' } });
    const depth = 513;
    assert.deepEqual((await diagnosticCodes(s, 'file:///limits/default-depth.json', '['.repeat(depth) + ']'.repeat(depth))).codes, [
      'document-too-large',
    ]);
    const fixture = readFileSync(join(ROOT, 'test/fixtures/valid/twilio-create.json'), 'utf8');
    assert.deepEqual((await diagnosticCodes(s, 'file:///limits/default-fixture.json', fixture)).codes, []);
  });
});
