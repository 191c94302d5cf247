/**
 * The `--stdio` transport (server/src/node/stdioTransport.ts) over in-memory streams: framing,
 * UTF-8, resynchronisation after malformed input, the cost structure of a large message (counted
 * copies and timers, never wall-clock time), and the writer's bytes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough, Writable } from 'node:stream';
import type { Message, PartialMessageInfo } from 'vscode-languageserver/node';
import { MAX_HEADER_BYTES, StdioMessageReader, StdioMessageWriter } from '../../../server/src/lsp/stdioTransport';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** A frame whose Content-Length counts the UTF-8 bytes of the body. */
function frame(body: unknown, header = 'Content-Length: %d'): Buffer {
  const json = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return Buffer.concat([bytes(`${header.replace('%d', String(json.length))}\r\n\r\n`), json]);
}

const note = (n: number): Message => ({ jsonrpc: '2.0', method: `note/${n}`, params: { n } }) as Message;

/** A reader on a PassThrough, recording what it delivers and reports. */
function harness(timeout?: number) {
  const stream = new PassThrough();
  const reader = new StdioMessageReader(stream);
  if (timeout !== undefined) reader.partialMessageTimeout = timeout;
  const messages: unknown[] = [];
  const errors: string[] = [];
  const partials: PartialMessageInfo[] = [];
  let chunks = 0;
  reader.onError((e) => errors.push(e.message));
  reader.onPartialMessage((info) => partials.push(info));
  reader.listen((m) => messages.push(m));
  stream.on('data', () => chunks++);
  return {
    stream,
    reader,
    messages,
    errors,
    partials,
    chunks: () => chunks,
    /** Writes each chunk as one write (one 'data' event each) and waits until all are read. */
    async send(...parts: Buffer[]): Promise<void> {
      for (const part of parts) await new Promise<void>((resolve, reject) => stream.write(part, (e) => (e ? reject(e) : resolve())));
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Every way of cutting `data` in two, then byte by byte. */
function splits(data: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[data]];
  for (let i = 1; i < data.length; i++) ways.push([data.subarray(0, i), data.subarray(i)]);
  ways.push([...data].map((b) => Buffer.from([b])));
  return ways;
}

describe('stdio transport: reader framing', () => {
  it('delivers several messages of one chunk, in order, within the data event', async () => {
    const h = harness();
    let seenInDataEvent = -1;
    h.stream.on('data', () => (seenInDataEvent = h.messages.length)); // runs after the reader's listener
    await h.send(Buffer.concat([frame(note(1)), frame(note(2)), frame(note(3))]));
    assert.deepEqual(h.messages, [note(1), note(2), note(3)]);
    assert.equal(seenInDataEvent, 3, 'delivered synchronously, not on a later turn');
    assert.deepEqual(h.errors, []);
  });

  it('reassembles a message split byte by byte, and every two-way split of two messages', async () => {
    const data = Buffer.concat([frame(note(1)), frame(note(2))]);
    for (const parts of splits(data)) {
      const h = harness();
      await h.send(...parts);
      assert.equal(h.chunks(), parts.length);
      assert.deepEqual(h.messages, [note(1), note(2)], `${parts.length} chunks, first of ${parts[0].length} bytes`);
      assert.deepEqual(h.errors, []);
    }
  });

  it('decodes multi-byte UTF-8 characters split across chunks; Content-Length counts bytes', async () => {
    const message = { jsonrpc: '2.0', method: 'x', params: { text: 'é – € – 😀 – 中文' } };
    const data = frame(message);
    assert.ok(data.length - data.indexOf('\r\n\r\n') - 4 > JSON.stringify(message).length, 'more bytes than characters');
    for (const parts of splits(data)) {
      const h = harness();
      await h.send(...parts);
      assert.deepEqual(h.messages, [message]);
    }
  });

  it('reads header names in any case, ignores other headers and accepts a utf-8 or utf8 charset', async () => {
    const h = harness();
    await h.send(
      frame(note(1), 'content-length: %d'),
      frame(note(2), 'CONTENT-LENGTH:%d'),
      frame(note(3), 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d'),
      frame(note(4), 'Content-Length: %d\r\ncontent-type: application/vscode-jsonrpc; charset=UTF8'),
      frame(note(5), 'Content-Length: %d\r\nContent-Type: application/json; charset="utf-8"\r\nX-Other: 1'),
      frame(note(6), 'Content-Type: application/vscode-jsonrpc\r\nContent-Length:   %d  '),
    );
    assert.deepEqual(h.messages, [1, 2, 3, 4, 5, 6].map(note));
    assert.deepEqual(h.errors, []);
  });

  it('does not concatenate chunk by chunk, nor arm a timer per chunk: a 20 MB message in 64 KB chunks', async () => {
    const text = 'x'.repeat(10 * 1024 * 1024) + 'é'.repeat(5 * 1024 * 1024); // 20 MB of UTF-8
    const data = Buffer.concat([frame({ jsonrpc: '2.0', method: 'big', params: { text } }), frame(note(1))]);
    const parts: Buffer[] = [];
    for (let i = 0; i < data.length; i += 64 * 1024) parts.push(data.subarray(i, i + 64 * 1024));
    assert.ok(parts.length > 300);

    const h = harness(987_654); // a delay that tells our timers from anyone else's
    const { concat } = Buffer;
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    let concats = 0;
    let copied = 0;
    const timers = new Set<unknown>();
    let armed = 0;
    let disarmed = 0;
    Buffer.concat = (list: readonly Uint8Array[], length?: number) => {
      concats++;
      const result = concat(list, length);
      copied += result.length;
      return result;
    };
    globalThis.setTimeout = ((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      if (ms === 987_654) {
        armed++;
        timers.add(timer);
      }
      return timer;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((timer: NodeJS.Timeout) => {
      if (timers.delete(timer)) disarmed++;
      realClearTimeout(timer);
    }) as typeof clearTimeout;
    try {
      await h.send(...parts);
    } finally {
      Buffer.concat = concat;
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    }
    assert.equal(h.messages.length, 2);
    assert.equal((h.messages[0] as any).params.text.length, text.length);
    assert.equal((h.messages[0] as any).params.text, text);
    assert.deepEqual(h.messages[1], note(1));
    assert.deepEqual(h.errors, []);
    assert.ok(concats <= 2, `${concats} Buffer.concat calls for ${parts.length} chunks`);
    assert.ok(copied <= 2 * data.length, `${copied} bytes copied for a ${data.length}-byte message`);
    assert.equal(armed, 1, 'one partial-message timer for the incomplete message');
    assert.equal(disarmed, 1, 'cleared when the message completed');
  });
});

describe('stdio transport: reader resynchronisation', () => {
  const good = frame(note(7));
  const malformed: [string, Buffer][] = [
    ['a Content-Length that is not a number', bytes('Content-Length: abc\r\n\r\n')],
    ['a negative Content-Length', bytes('Content-Length: -5\r\n\r\n')],
    ['a Content-Length in exponent notation', bytes('Content-Length: 1e3\r\n\r\n')],
    ['a fractional Content-Length', bytes('Content-Length: 5.0\r\n\r\n')],
    ['an empty Content-Length', bytes('Content-Length:\r\n\r\n')],
    ['a header without Content-Length', bytes('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n')],
    ['a header line without a colon', bytes('this is not a header\r\n\r\n')],
    ['an empty header', bytes('\r\n\r\n')],
    ['garbage before a frame', bytes('hello')],
    [
      'an unsupported charset (its body is skipped)',
      frame('{"jsonrpc":"2.0","method":"latin"}', 'Content-Length: %d\r\nContent-Type: application/json; charset=latin1'),
    ],
    ['Content-Length: 0', frame('')],
    ['a body that is not JSON', frame('{"jsonrpc":"2.0","id":1,"method":')],
    ['a body of NUL bytes', frame(Buffer.alloc(16).toString('latin1'))],
    ['JSON that is an array', frame('[{"jsonrpc":"2.0","method":"x"}]')],
    ['JSON that is null', frame('null')],
    ['JSON that is a number', frame('42')],
    ['JSON that is a string', frame('"x"')],
  ];

  for (const [what, bad] of malformed) {
    it(`${what}: one error, and the next message is delivered however the bytes are cut`, async () => {
      for (const parts of splits(Buffer.concat([bad, good]))) {
        const h = harness();
        await h.send(...parts);
        assert.deepEqual(h.messages, [note(7)], `${what}, in ${parts.length} chunks (first ${parts[0].length} bytes)`);
        assert.equal(h.errors.length, 1, `${what}, in ${parts.length} chunks: ${JSON.stringify(h.errors)}`);
      }
    });
  }

  it('a header section longer than the limit: an error, then the next frame, in one chunk or apart', async () => {
    const garbage = bytes('x'.repeat(MAX_HEADER_BYTES + 100));
    for (const parts of [[Buffer.concat([garbage, good])], [garbage, good], [garbage.subarray(0, 5000), garbage.subarray(5000), good]]) {
      const h = harness();
      await h.send(...parts);
      assert.deepEqual(h.messages, [note(7)]);
      assert.equal(h.errors.length, 1, JSON.stringify(h.errors));
      assert.match(h.errors[0], new RegExp(`longer than ${MAX_HEADER_BYTES} bytes`));
    }
  });

  it('a Content-Length too small: the rest of that body is skipped as garbage, and the reader finds the next frame', async () => {
    const h = harness();
    await h.send(bytes('Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":"x","method":"shutdown"}'), good, frame(note(8)));
    assert.deepEqual(h.messages, [note(7), note(8)]);
    assert.ok(h.errors.length >= 1);
  });

  it('two different Content-Lengths: reported; the resynchronisation reads the second, which costs the next frame too, not the one after', async () => {
    const h = harness();
    await h.send(bytes('Content-Length: 5\r\nContent-Length: 6\r\n\r\n'), good, frame(note(8)));
    assert.deepEqual(h.messages, [note(8)]);
    assert.match(h.errors[0], /two different Content-Length headers/);
  });

  it('a Content-Length larger than what follows: the reader waits for the rest, silently', async () => {
    const h = harness();
    await h.send(bytes('Content-Length: 99999999999\r\n\r\n'), good, frame(note(8)));
    assert.deepEqual(h.messages, []);
    assert.deepEqual(h.errors, []);
  });

  it('a callback that throws: the error is reported and the next message delivered', async () => {
    const stream = new PassThrough();
    const reader = new StdioMessageReader(stream);
    const errors: string[] = [];
    const delivered: unknown[] = [];
    reader.onError((e) => errors.push(e.message));
    reader.listen((m) => {
      delivered.push(m);
      if (delivered.length === 1) throw new Error('handler bug');
    });
    stream.write(Buffer.concat([frame(note(1)), frame(note(2))]));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(delivered, [note(1), note(2)]);
    assert.deepEqual(errors, ['handler bug']);
  });
});

describe('stdio transport: reader events', () => {
  it('reports a message still incomplete after partialMessageTimeout, again while it stays so, then delivers it', async () => {
    const h = harness(1);
    const data = frame(note(1));
    await h.send(data.subarray(0, 30));
    while (h.partials.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(h.partials[0].messageToken, h.partials[1].messageToken);
    assert.ok(h.partials[1].waitingTime > h.partials[0].waitingTime);
    await h.send(data.subarray(30));
    assert.deepEqual(h.messages, [note(1)]);
    const reported = h.partials.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(h.partials.length, reported, 'no more reports once the message is complete');
  });

  it('fires onClose when the stream closes, and stops reading when disposed', async () => {
    const h = harness();
    const closed = new Promise<void>((resolve) => h.reader.onClose(() => resolve()));
    await h.send(frame(note(1)));
    h.stream.end();
    h.stream.resume();
    await closed;
    assert.deepEqual(h.messages, [note(1)]);

    const other = harness();
    other.reader.dispose();
    await other.send(frame(note(2)));
    assert.deepEqual(other.messages, []);
  });
});

describe('stdio transport: writer', () => {
  function sink(fail?: Error) {
    const writes: Buffer[] = [];
    const writable = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        writes.push(chunk);
        callback(fail);
      },
    });
    return { writes, writable };
  }

  it('writes each message as one frame in one write, its Content-Length counting UTF-8 bytes', async () => {
    const { writes, writable } = sink();
    const writer = new StdioMessageWriter(writable);
    const message = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é € 😀' } } as Message;
    const json = JSON.stringify(message);
    await writer.write(message);
    await writer.write(note(2));
    assert.equal(writes.length, 2, 'one write per message');
    assert.equal(
      writes[0].toString('latin1'),
      Buffer.from(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`, 'utf8').toString('latin1'),
    );
    assert.equal(Buffer.byteLength(json), json.length + 5, 'é: 1 more byte, €: 2 more, 😀: 2 more than its 2 UTF-16 units');
    assert.equal(writes[1].toString('utf8'), `Content-Length: ${JSON.stringify(note(2)).length}\r\n\r\n${JSON.stringify(note(2))}`);
  });

  it('round trip: what the writer writes, the reader reads', async () => {
    const stream = new PassThrough();
    const writer = new StdioMessageWriter(stream);
    const reader = new StdioMessageReader(stream);
    const received: unknown[] = [];
    reader.listen((m) => received.push(m));
    const sent = [note(1), { jsonrpc: '2.0', id: 5, result: { text: '中文 😀'.repeat(1000) } } as Message, note(3)];
    for (const m of sent) await writer.write(m);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(received, sent);
  });

  it('reports a failed write and rejects its promise; a message that cannot be serialised too', async () => {
    const failure = new Error('EPIPE');
    const { writable } = sink(failure);
    writable.on('error', () => undefined);
    const writer = new StdioMessageWriter(writable);
    const reported: [Error, Message | undefined, number | undefined][] = [];
    writer.onError((e) => reported.push(e));
    await assert.rejects(writer.write(note(1)), /EPIPE/);
    assert.ok(reported.some(([e, m, count]) => e === failure && m !== undefined && count === 1));

    const ok = sink();
    const writer2 = new StdioMessageWriter(ok.writable);
    const errors: Error[] = [];
    writer2.onError(([e]) => errors.push(e));
    await assert.rejects(writer2.write({ jsonrpc: '2.0', method: 'x', params: { n: 1n } } as unknown as Message), TypeError);
    assert.equal(errors.length, 1);
    assert.equal(ok.writes.length, 0);
  });

  it('end() leaves the stream open (it is stdout)', () => {
    const { writable } = sink();
    new StdioMessageWriter(writable).end();
    assert.equal(writable.writableEnded, false);
  });
});
