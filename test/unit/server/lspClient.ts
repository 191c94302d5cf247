/**
 * A minimal LSP client for tests: speaks JSON-RPC to the server either in a child process
 * (`node dist/server.js --stdio`) or in-process over streams, records notifications and answers
 * the server's own requests (`workspace/applyEdit`, …).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  NotificationType,
  RequestType,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { ClientCapabilities, InitializeResult, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export const ROOT = resolve(__dirname, '../../../..');
export const SERVER_JS = resolve(ROOT, 'dist/server.js');

export interface Received {
  method: string;
  params: any;
}

/** The capabilities of a client like VS Code: pull diagnostics, snippets, markdown, hierarchical symbols. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { versionSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    foldingRange: { lineFoldingOnly: true },
  },
};

/** The same client without pull diagnostics (e.g. an older editor): diagnostics must be pushed. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: Object.fromEntries(Object.entries(PULL_CLIENT.textDocument!).filter(([k]) => k !== 'diagnostic')),
};

export class LspClient {
  readonly notifications: Received[] = [];
  readonly serverRequests: Received[] = [];
  readonly errors: unknown[] = [];
  private waiters: { method: string; predicate: (params: any) => boolean; resolve: (params: any) => void }[] = [];

  constructor(readonly connection: MessageConnection) {
    connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.waiters = this.waiters.filter((w) => {
        if (w.method !== method || !w.predicate(params)) return true;
        w.resolve(params);
        return false;
      });
    });
    connection.onRequest((method: string, params: unknown) => {
      this.serverRequests.push({ method, params });
      if (method === 'workspace/applyEdit') return { applied: true };
      return null;
    });
    connection.onError(([error]) => this.errors.push(error));
    connection.listen();
  }

  // Typed messages, so that params go by name (a bare method string would send them by position).
  request<R = any>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    return this.connection.sendRequest(new RequestType<unknown, R, unknown>(method), params, token);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(new NotificationType<unknown>(method), params);
  }

  /** Resolves with the first notification (already received or to come) that matches. */
  waitFor(method: string, predicate: (params: any) => boolean = () => true): Promise<any> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve) => this.waiters.push({ method, predicate, resolve }));
  }

  received(method: string, predicate: (params: any) => boolean = () => true): any[] {
    return this.notifications.filter((n) => n.method === method && predicate(n.params)).map((n) => n.params);
  }

  async initialize(capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>('initialize', {
      processId: null,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    await this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }
}

export interface SpawnedServer {
  client: LspClient;
  child: ChildProcess;
  /** Exit code of the child, once it exits. */
  exited: Promise<number | null>;
  stderr(): string;
}

/** Shuts the server down politely; kills it if it does not exit (a safety net, not an assertion). */
export async function stopServer(server: SpawnedServer): Promise<number | null> {
  const killer = setTimeout(() => server.child.kill(), 10_000);
  try {
    // The server may be gone already: then its answer never comes, but `exited` does.
    await Promise.race([server.client.request('shutdown', null).catch(() => undefined), server.exited]);
    await server.client.notify('exit', null).catch(() => undefined);
    return await server.exited;
  } finally {
    clearTimeout(killer);
    server.client.connection.dispose();
  }
}

export function spawnServer(): SpawnedServer {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { client: new LspClient(connection), child, exited, stderr: () => stderr };
}

/** Two in-memory pipes: what the client writes, the server reads, and back. */
export function inMemoryPipes(): { toServer: PassThrough; toClient: PassThrough; client: LspClient } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return { toServer, toClient, client: new LspClient(connection) };
}
