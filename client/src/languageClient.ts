/** The language client: the bundled server over node-ipc, for the project's language mode only. */
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './recognize';
import { config } from './config';

/** A server that dies is restarted at most this many times in three minutes. */
export const MAX_RESTARTS = 4;

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  let fallback: ErrorHandler | undefined = undefined; // set once the client exists; the handlers above run later
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    // The whole-file templates come from the server, which offers them only in an empty document (the
    // contributed snippets have no prefix: Insert Snippet and Fill File with Snippet list them, completion
    // does not). A literal secret's quick fix may move it into secret storage with the command named here.
    initializationOptions: {
      templateCompletions: true,
      secretStorageCommand: 'pingone.setSecretVariable',
      limits: config.serverLimits(),
    },
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
    // The client's own policy (restart at most MAX_RESTARTS times in 3 minutes), said out loud.
    errorHandler: {
      error: (error, message, count) => fallback!.error(error, message, count),
      closed: async () => {
        const result = await fallback!.closed();
        if (result.action === CloseAction.Restart) {
          void vscode.window
            .showWarningMessage('The PingOne language server stopped unexpectedly and was restarted.', 'Show Output')
            .then((a) => a && output.show(true));
          return { ...result, handled: true };
        }
        return result;
      },
    },
  };
  const client = new LanguageClient('pingone', 'PingOne Phone Delivery Settings', serverOptions, clientOptions);
  fallback = client.createDefaultErrorHandler(MAX_RESTARTS);
  return client;
}
