/** Entry of the command-line tool (bundled to `dist/cli.js`, installed as `pingone-phone-delivery`). */
import { runCli } from './cli';
import { nodeIo } from './io';

// Output piped into a reader that stops early (`| head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    // exitCode rather than exit(): pending output to a pipe is flushed first.
    process.exitCode = code;
  },
  (e: unknown) => {
    // Never a stack trace on the terminal.
    process.stderr.write(`unexpected error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
    process.exitCode = 2;
  },
);
