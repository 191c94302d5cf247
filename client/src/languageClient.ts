/** The language client: the bundled server over node-ipc, for the project's language mode only. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './recognize';
import { config } from './config';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    // The extension contributes the same templates as snippets: the server must not offer them twice.
    initializationOptions: { templateCompletions: false, limits: config.serverLimits() },
    connectionOptions: { maxRestartCount: 4 },
  };
  return new LanguageClient('pingone', 'PingOne Phone Delivery Settings', serverOptions, clientOptions);
}
