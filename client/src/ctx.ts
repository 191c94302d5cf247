/**
 * The extension's state: the language client (started lazily, for the first document in the
 * language mode), the log channel, and what is disposed on deactivation.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { LANGUAGE_ID } from './recognize';

export class Ctx {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  readonly serverLog: vscode.LogOutputChannel;
  readonly log: vscode.LogOutputChannel;
  private readonly onDidChangeServerEmitter = new vscode.EventEmitter<boolean>();
  readonly onDidChangeServer = this.onDidChangeServerEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.serverLog = vscode.window.createOutputChannel('PingOne Language Server', { log: true });
    // The request log of Send to PingOne & co: method, URL, status, duration, correlation id; never a secret.
    this.log = vscode.window.createOutputChannel('PingOne', { log: true });
    extension.subscriptions.push(this.serverLog, this.log, this.onDidChangeServerEmitter);
  }

  get serverRunning(): boolean {
    return !!this.client?.isRunning();
  }

  /** Starts the server on the first document of the language mode; later calls return the same client. */
  async ensureServer(): Promise<LanguageClient> {
    if (this.client) return this.client;
    this.starting ??= (async () => {
      const client = createLanguageClient(this.extension, this.serverLog);
      this.extension.subscriptions.push(client);
      await client.start();
      this.client = client;
      this.onDidChangeServerEmitter.fire(true);
      return client;
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = undefined;
    }
  }

  async restartServer(): Promise<void> {
    if (!this.client) {
      await this.ensureServer();
      return;
    }
    await this.client.restart();
    this.onDidChangeServerEmitter.fire(true);
  }

  async stopServer(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop();
    this.onDidChangeServerEmitter.fire(false);
  }

  /** Start the server when a document of our language is open or opens. */
  watchDocuments(): void {
    const maybeStart = (doc: vscode.TextDocument) => {
      if (doc.languageId === LANGUAGE_ID && !this.client) {
        this.ensureServer().catch((e) =>
          this.serverLog.error(`The language server could not start: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    };
    vscode.workspace.textDocuments.forEach(maybeStart);
    this.extension.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeStart));
  }
}
