/**
 * Node entry of the language server (bundled to `dist/server.js`). The transport comes from the
 * command line: `--stdio` (stdin/stdout), `--node-ipc` (the VS Code client), `--socket=N`, `--pipe=NAME`.
 */
import { format, inspect } from 'node:util';
import {
  createConnection,
  LogMessageNotification,
  Message,
  MessageType,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { cancelUndispatched, formatError } from './runner';
import { startServer } from './server';
import { createIdleCollector } from './idleCollector';

/** The transport argument vscode-languageserver would act on: the first one it knows. */
function transportArgument(): string | undefined {
  return process.argv.slice(2).find((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
}

/** The longest wait for the log line about malformed input to be written before exiting. */
const LAST_WORDS_MS = 1000;

/**
 * `--stdio` over vscode-jsonrpc's own reader and writer, created here so that the reader's errors
 * can be seen. After a malformed frame (a header without a usable Content-Length, a body that is
 * not JSON, a length that does not match its body) that reader may wait for more bytes before
 * reading the rest of what it holds, or lose its place in the stream for good; the connection
 * passes its errors to no one, so the server would stay up and deaf. Instead the first reader error
 * is logged (stderr and window/logMessage) and the process exits with status 1, which is what makes
 * a client (vscode-languageclient, an editor's LSP client) start a new server.
 *
 * Handed a reader and a writer instead of the streams, vscode-languageserver no longer exits when
 * stdin ends (done here, as it does: 0 after shutdown, 1 otherwise) nor redirects console.dir
 * (done in main()).
 */
function createStdioConnection() {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  let shutdownRequested = false;
  const connection = createConnection(ProposedFeatures.all, reader, writer, {
    // What passing cancelUndispatched alone means, plus a look at each message as it is handled:
    // the library keeps its own `shutdown` flag to itself, and the exit status below needs it.
    connectionStrategy: cancelUndispatched,
    messageStrategy: {
      handleMessage(message, next) {
        if (Message.isRequest(message) && message.method === 'shutdown') shutdownRequested = true;
        next(message);
      },
    },
  });
  // As vscode-languageserver does with stdin: the client is gone, so is the server (status 1
  // unless it was asked to shut down).
  const exit = () => process.exit(shutdownRequested ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  let leaving = false;
  reader.onError((error) => {
    if (leaving) return;
    leaving = true;
    const what = error.message.replace(/\s+/g, ' ').slice(0, 300);
    const message = `JSON-RPC input: ${what} (exiting with status 1, for the client to start a new server)`;
    process.stderr.write(`${message}\n`);
    const leave = () => process.exit(1);
    setTimeout(leave, LAST_WORDS_MS);
    try {
      connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message }).then(leave, leave);
    } catch {
      leave(); // The connection is closed (stdout is gone): there is no one to tell.
    }
  });
  return connection;
}

function main(): void {
  let connection;
  try {
    connection = transportArgument() === '--stdio' ? createStdioConnection() : createConnection(ProposedFeatures.all, cancelUndispatched);
  } catch (e) {
    process.stderr.write(
      `${e instanceof Error ? e.message : String(e)}\nUsage: node dist/server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n`,
    );
    process.exitCode = 2;
    return;
  }
  const remote = connection.console;
  // Once the client has stopped reading (stdout closed), the connection is closed and remote.*
  // throws: then there is no one to tell. Throwing would turn a log line into a crash: vscode-jsonrpc
  // reports a failed log write with console.error, and the handlers below would throw in turn.
  const say = (level: 'log' | 'info' | 'warn' | 'error', message: string): void => {
    try {
      remote[level](message);
    } catch {
      // No one to tell.
    }
  };

  // With --stdio, stdout is the protocol channel: nothing else may be written there. (console.dir
  // and console.dirxml write to stdout directly, not through console.log.)
  console.log = (...args: unknown[]) => say('log', format(...args));
  console.info = (...args: unknown[]) => say('info', format(...args));
  console.debug = (...args: unknown[]) => say('log', format(...args));
  console.warn = (...args: unknown[]) => say('warn', format(...args));
  console.error = (...args: unknown[]) => say('error', format(...args));
  console.dir = (item: unknown, options?: object) => say('log', inspect(item, options));
  console.dirxml = (...args: unknown[]) => say('log', format(...args));

  // A bug must cost one answer, never the process.
  process.on('unhandledRejection', (reason) => say('error', formatError('Unhandled rejection', reason)));
  process.on('uncaughtException', (error) => say('error', formatError('Uncaught exception', error)));

  const collector = createIdleCollector();
  startServer(connection, { releaseMemory: (delayMs) => collector.collect(delayMs) });
}

main();
