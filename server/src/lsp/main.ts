/**
 * Node entry of the language server (bundled to `dist/server.js`). The transport comes from the
 * command line: `--stdio` (stdin/stdout), `--node-ipc` (the VS Code client), `--socket=N`, `--pipe=NAME`.
 */
import { format, inspect } from 'node:util';
import { createConnection, Message, ProposedFeatures } from 'vscode-languageserver/node';
import { cancelUndispatched, formatError } from './runner';
import { startServer } from './server';
import { StdioMessageReader, StdioMessageWriter } from './stdioTransport';
import { createIdleCollector } from './idleCollector';

/** The transport argument vscode-languageserver would act on: the first one it knows. */
function transportArgument(): string | undefined {
  return process.argv.slice(2).find((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
}

/**
 * `--stdio` over our own reader and writer (see stdioTransport.ts: less latency per message, and
 * no deafness after a malformed header). Handed a reader and a writer instead of the streams,
 * vscode-languageserver no longer exits when stdin ends (done here) nor redirects console.dir
 * (done in main()).
 */
function createStdioConnection() {
  const reader = new StdioMessageReader(process.stdin);
  const writer = new StdioMessageWriter(process.stdout);
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
  const remote = connection.console;
  // Malformed input is dropped: say so in the log (the connection passes reader errors to no one).
  // Writer errors are not logged: the log is written to the same broken stdout.
  reader.onError((error) => {
    try {
      remote.error(`JSON-RPC input: ${error.message}`);
    } catch {
      // The connection is closed (stdout is gone): there is no one to tell.
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
