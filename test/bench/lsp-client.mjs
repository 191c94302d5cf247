// The benchmark's one LSP client: spawns a server on real stdio and speaks JSON-RPC to it with
// vscode-languageserver-protocol, the same way for our server and for the anchor (VS Code's JSON
// language server). It keeps each open document's text and version, answers the server's own
// requests (`workspace/configuration`, `workspace/diagnostic/refresh`, `client/registerCapability`…),
// and reads the server process's resident memory from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const P = require('vscode-languageserver-protocol/node');

/** What a VS Code-like client declares; `pull: false` drops `textDocument.diagnostic` (push mode). */
export function clientCapabilities({ pull }) {
  const textDocument = {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    // snippetSupport: the anchor offers completion only to clients that take snippets.
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    foldingRange: { lineFoldingOnly: true },
  };
  if (pull) textDocument.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  return {
    textDocument,
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, diagnostics: { refreshSupport: true } },
  };
}

const REQUEST_TIMEOUT_MS = 180_000;

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Value of a dotted section (`json.schemas`) of a settings object; the whole object for no section. */
function section(settings, name) {
  if (!name) return settings;
  let v = settings;
  for (const k of name.split('.')) v = v && typeof v === 'object' ? v[k] : undefined;
  return v ?? null;
}

export class LspServer {
  /**
   * Spawns `command args` and initializes it. `startMs` is the time from spawn to the `initialize`
   * result. `settings` (if any) is sent with `workspace/didChangeConfiguration` and answers
   * `workspace/configuration` requests.
   */
  static async start({ name, command, args, cwd, pull, languageId, initializationOptions, settings, rootUri }) {
    const server = new LspServer(name, languageId, settings);
    const t0 = performance.now();
    server.child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    server.pid = server.child.pid;
    server.child.stderr.setEncoding('utf8');
    server.child.stderr.on('data', (chunk) => server.log(`stderr: ${chunk}`));
    server.exited = new Promise((resolve) => server.child.on('exit', (code, signal) => resolve({ code, signal })));
    server.exited.then(({ code, signal }) => {
      server.dead = true;
      server.log(`exited ${code ?? signal}`);
    });
    server.connection = P.createMessageConnection(
      new P.StreamMessageReader(server.child.stdout),
      new P.StreamMessageWriter(server.child.stdin),
    );
    server.listen();
    const result = await withTimeout(
      server.connection.sendRequest(P.InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'pingone-bench' },
        rootUri: rootUri ?? null,
        workspaceFolders: null,
        capabilities: clientCapabilities({ pull }),
        initializationOptions,
      }),
      REQUEST_TIMEOUT_MS,
      `${name} initialize`,
    );
    server.startMs = performance.now() - t0;
    server.capabilities = result.capabilities;
    await server.connection.sendNotification(P.InitializedNotification.type, {});
    if (settings) await server.connection.sendNotification(P.DidChangeConfigurationNotification.type, { settings });
    return server;
  }

  constructor(name, languageId, settings) {
    this.name = name;
    this.languageId = languageId;
    this.settings = settings;
    this.documents = new Map(); // uri → { version, text }
    this.published = new Map(); // uri → last publishDiagnostics params
    this.waiters = [];
    this.logs = [];
    this.serverRequests = new Map(); // method → count
  }

  log(line) {
    this.logs.push(line);
    if (this.logs.length > 50) this.logs.shift();
  }

  listen() {
    const c = this.connection;
    c.onNotification(P.PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== params.uri || (w.version !== undefined && params.version !== w.version)) return true;
        w.resolve({ params, at: performance.now() });
        return false;
      });
    });
    c.onNotification(P.LogMessageNotification.type, (params) => this.log(`log: ${params.message}`));
    c.onNotification(P.ShowMessageNotification.type, (params) => this.log(`show: ${params.message}`));
    c.onNotification(() => {}); // telemetry, json/schemaAssociations status…
    c.onRequest(P.ConfigurationRequest.type, (params) => {
      this.count('workspace/configuration');
      return params.items.map((item) => section(this.settings ?? {}, item.section));
    });
    c.onRequest((method) => {
      this.count(method); // workspace/diagnostic/refresh, client/registerCapability, window/workDoneProgress/create…
      return null;
    });
    c.onError(([error]) => this.log(`connection error: ${error?.message ?? error}`));
    c.onClose(() => {
      this.dead = true;
      for (const w of this.waiters) w.reject(new Error(`${this.name} closed the connection`));
      this.waiters = [];
    });
    c.listen();
  }

  count(method) {
    this.serverRequests.set(method, (this.serverRequests.get(method) ?? 0) + 1);
  }

  request(type, params, what) {
    return withTimeout(this.connection.sendRequest(type, params), REQUEST_TIMEOUT_MS, `${this.name} ${what}`);
  }

  notify(type, params) {
    this.connection.sendNotification(type, params).catch((e) => this.log(`notify failed: ${e.message}`));
  }

  // --- Documents ------------------------------------------------------------------------

  open(uri, text) {
    this.documents.set(uri, { version: 1, text });
    this.notify(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: this.languageId, version: 1, text } });
    return 1;
  }

  /** One incremental change (the range is in the document's current text); returns the new version. */
  change(uri, range, text) {
    const doc = this.documents.get(uri);
    doc.version++;
    this.notify(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range, text }],
    });
    return doc.version;
  }

  close(uri) {
    this.documents.delete(uri);
    this.published.delete(uri);
    this.notify(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  // --- Features -------------------------------------------------------------------------

  /** `textDocument/diagnostic`; resolves to the items of a full report. */
  async pullDiagnostics(uri) {
    const report = await this.request(P.DocumentDiagnosticRequest.type, { textDocument: { uri } }, 'textDocument/diagnostic');
    if (report?.kind !== 'full') throw new Error(`${this.name}: expected a full diagnostic report, got ${report?.kind}`);
    return report.items;
  }

  /** Resolves with the `publishDiagnostics` of `uri` for `version` (any version when undefined). */
  waitForPublish(uri, version) {
    const last = this.published.get(uri);
    if (last && (version === undefined || last.version === version)) return Promise.resolve({ params: last, at: performance.now() });
    return withTimeout(
      new Promise((resolve, reject) => this.waiters.push({ uri, version, resolve, reject })),
      REQUEST_TIMEOUT_MS,
      `${this.name} publishDiagnostics of ${uri} v${version}`,
    );
  }

  completion(uri, position) {
    return this.request(
      P.CompletionRequest.type,
      { textDocument: { uri }, position, context: { triggerKind: 1 } },
      'textDocument/completion',
    );
  }

  hover(uri, position) {
    return this.request(P.HoverRequest.type, { textDocument: { uri }, position }, 'textDocument/hover');
  }

  /** VmRSS of the server process, in bytes. */
  rss() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!m) throw new Error(`${this.name}: no VmRSS in /proc/${this.pid}/status`);
    return Number(m[1]) * 1024;
  }

  async stop() {
    if (!this.dead) {
      try {
        await withTimeout(this.connection.sendRequest(P.ShutdownRequest.type), 10_000, `${this.name} shutdown`);
        await this.connection.sendNotification(P.ExitNotification.type);
      } catch (e) {
        this.log(`shutdown failed: ${e.message}`);
      }
    }
    const exited = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r(undefined), 5_000))]);
    if (!exited) this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}

export function completionItems(result) {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

/** The label of a completion item without the quotes the anchor puts around string values. */
export function plainLabel(item) {
  return String(item.label).replace(/^"(.*)"$/, '$1');
}

export function hoverText(result) {
  const c = result?.contents;
  if (!c) return '';
  const parts = Array.isArray(c) ? c : [c];
  return parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n');
}
