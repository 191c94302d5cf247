/**
 * The real server over `--stdio` (`node dist/server.js --stdio`, vscode-jsonrpc's stream reader and
 * writer), byte for byte: frames cut anywhere and several in one write are read, Content-Length
 * counts UTF-8 bytes both ways, header names are read in any case, and each answer is one
 * well-formed frame. Malformed frames are the hostile suite's (test/unit/hostile): the server exits.
 *
 * No timing assertions: the pauses between writes only make it likely that the server reads the
 * parts apart; timeouts only keep a hung server from hanging the suite. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { ROOT, SERVER_JS } from './lspClient';

const SAFETY_TIMEOUT_MS = 60_000;

/** A frame whose Content-Length counts the UTF-8 bytes of the body. */
function frame(message: unknown, header = 'Content-Length: %d'): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`${header.replace('%d', String(body.length))}\r\n\r\n`, 'ascii'), body]);
}

interface Frame {
  header: string;
  body: Buffer;
  message: any;
}

/** The server's output, split into frames by their Content-Length (in bytes), strictly. */
class RawServer {
  readonly child: ChildProcess;
  readonly frames: Frame[] = [];
  private pending = Buffer.alloc(0);
  private waiters: { predicate: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private nextId = 1;

  constructor() {
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.resume();
    this.child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  private read(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.pending.toString('ascii', 0, end);
      const match = /^Content-Length: (\d+)$/m.exec(header);
      assert.ok(match, `an answer's header without Content-Length: ${JSON.stringify(header)}`);
      const length = Number(match[1]);
      if (this.pending.length < end + 4 + length) return;
      const body = this.pending.subarray(end + 4, end + 4 + length);
      this.pending = this.pending.subarray(end + 4 + length);
      // A Content-Length counting characters rather than bytes would cut the JSON short, or run into the next header.
      const f: Frame = { header, body, message: JSON.parse(body.toString('utf8')) };
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(f)) return true;
        w.resolve(f);
        return false;
      });
    }
  }

  /** Writes each part with a pause after it, so that they are likely read apart. */
  async write(...parts: Buffer[]): Promise<void> {
    for (const part of parts) {
      await new Promise<void>((resolve, reject) => this.child.stdin!.write(part, (e) => (e ? reject(e) : resolve())));
      if (parts.length > 1) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  answerTo(id: number | string): Promise<Frame> {
    const predicate = (f: Frame) => f.message.id === id && ('result' in f.message || 'error' in f.message);
    const seen = this.frames.find(predicate);
    if (seen) return Promise.resolve(seen);
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<Frame>((resolve) => this.waiters.push({ predicate, resolve })),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to ${id} (safety net)`)), SAFETY_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  request(method: string, params: unknown): { id: number; bytes: Buffer } {
    const id = this.nextId++;
    return { id, bytes: frame({ jsonrpc: '2.0', id, method, params }) };
  }

  notification(method: string, params: unknown): Buffer {
    return frame({ jsonrpc: '2.0', method, params });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    if (this.child.exitCode !== null) return this.child.exitCode;
    const shutdown = this.request('shutdown', null);
    await this.write(shutdown.bytes);
    await this.answerTo(shutdown.id);
    this.child.stdin!.end();
    return exited;
  }
}

const uri = (name: string) => `file:///stdio/${name}.phone-delivery.json`;
const didOpen = (server: RawServer, name: string, text: string) =>
  server.notification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId: 'json', version: 1, text } });
const symbols = (server: RawServer, name: string) => server.request('textDocument/documentSymbol', { textDocument: { uri: uri(name) } });

describe('the server over stdio, byte for byte', { timeout: 5 * 60_000 }, () => {
  let server: RawServer;

  before(async () => {
    server = new RawServer();
    const init = server.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    await server.write(init.bytes);
    assert.ok((await server.answerTo(init.id)).message.result.capabilities);
    await server.write(server.notification('initialized', {}));
  });

  after(async () => {
    if (server) assert.equal(await server.stop(), 0);
  });

  it('reads several messages of one write, in order', async () => {
    const asks = ['a', 'b', 'c'].map((name) => symbols(server, name));
    const bytes = Buffer.concat(['a', 'b', 'c'].flatMap((name, i) => [didOpen(server, name, `{"name": "${name}"}`), asks[i].bytes]));
    await server.write(bytes);
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      const { message } = await server.answerTo(asks[i].id);
      assert.match(JSON.stringify(message.result), new RegExp(`"${name}"`), `the symbols of ${name}`);
    }
  });

  it('reads a message cut anywhere: inside the header, between header and body, inside a UTF-8 character', async () => {
    const name = 'cut';
    const text = '{"name": "é – € – 😀 – 中文"}';
    const open = didOpen(server, name, text);
    const bodyStart = open.indexOf('\r\n\r\n') + 4;
    const euro = open.indexOf(Buffer.from('€', 'utf8'));
    assert.ok(open.length - bodyStart > JSON.stringify({}).length + text.length, 'more bytes than characters');
    const ask = symbols(server, name);
    const cuts = [3, bodyStart - 2, bodyStart, euro + 1, euro + 2, open.length - 1].sort((a, b) => a - b);
    const parts = cuts.map((cut, i) => open.subarray(i === 0 ? 0 : cuts[i - 1], cut));
    parts.push(open.subarray(cuts[cuts.length - 1]), ask.bytes.subarray(0, 1), ask.bytes.subarray(1));
    await server.write(...parts);
    const { message } = await server.answerTo(ask.id);
    assert.ok(JSON.stringify(message.result).includes('é – € – 😀 – 中文'), JSON.stringify(message.result));
  });

  it('reads a message written one byte at a time', async () => {
    const ask = symbols(server, 'a');
    await server.write(...[...ask.bytes].map((b) => Buffer.from([b])));
    assert.match(JSON.stringify((await server.answerTo(ask.id)).message.result), /"a"/);
  });

  it('reads header names in any case, other headers beside, and a utf-8 charset', async () => {
    const headers = [
      'content-length: %d',
      'CONTENT-LENGTH:%d',
      'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d',
      'Content-Length: %d\r\nX-Other: 1',
    ];
    for (const header of headers) {
      const ask = symbols(server, 'b');
      const bytes = frame(
        { jsonrpc: '2.0', id: ask.id, method: 'textDocument/documentSymbol', params: { textDocument: { uri: uri('b') } } },
        header,
      );
      await server.write(bytes);
      assert.match(JSON.stringify((await server.answerTo(ask.id)).message.result), /"b"/, JSON.stringify(header));
    }
  });

  it('answers in frames whose Content-Length counts UTF-8 bytes', async () => {
    const name = 'utf8';
    await server.write(didOpen(server, name, '{"name": "😀 中文 é", "provider": "CUSTOM_PROVIDER"}'));
    const ask = symbols(server, name);
    await server.write(ask.bytes);
    const answer = await server.answerTo(ask.id);
    const json = answer.body.toString('utf8');
    assert.ok(Buffer.byteLength(json, 'utf8') > json.length, 'the answer has multi-byte characters');
    assert.ok(json.includes('😀 中文 é'));
    for (const f of server.frames) assert.match(f.header, /^Content-Length: \d+(\r\nContent-Type: [^\r\n]+)?$/i, JSON.stringify(f.header));
  });
});
