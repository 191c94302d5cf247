/**
 * Node entry of the language server (bundled to `dist/server.js`). The transport comes from the
 * command line: `--stdio` (stdin/stdout), `--node-ipc` (the VS Code client), `--socket=N`, `--pipe=NAME`.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { cancelUndispatched, formatError } from '../runner';
import { startServer } from '../server';

function main(): void {
  let connection;
  try {
    connection = createConnection(ProposedFeatures.all, cancelUndispatched);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\nUsage: node dist/server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n`);
    process.exitCode = 2;
    return;
  }
  const remote = connection.console;

  // With --stdio, stdout is the protocol channel: nothing else may be written there.
  console.log = (...args: unknown[]) => remote.log(format(...args));
  console.info = (...args: unknown[]) => remote.info(format(...args));
  console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));

  // A bug must cost one answer, never the process.
  process.on('unhandledRejection', (reason) => remote.error(formatError('Unhandled rejection', reason)));
  process.on('uncaughtException', (error) => remote.error(formatError('Uncaught exception', error)));

  startServer(connection);
}

main();
