/** The CLI's view of the process: files, standard streams, working directory, environment variables. */
import { readFileSync } from 'node:fs';
import { access, appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from './command';

export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    // Synchronous on purpose: files are read one after the other, and a thread-pool round trip per
    // file doubled the time of `validate` over a thousand small files.
    readFile: async (path) => readFileSync(path, 'utf8'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      return Buffer.concat(chunks).toString('utf8');
    },
    resolvePath: (path) => resolve(path),
    env: process.env,
    writeFile: (path, text, options) => writeFile(path, text, { encoding: 'utf8', flag: options?.exclusive ? 'wx' : 'w' }),
    appendFile: (path, text) => appendFile(path, text, 'utf8'),
    fileExists: (path) =>
      access(path).then(
        () => true,
        () => false,
      ),
    // `fetch` is left out: the PingOne commands create undici's (with the proxy agent) when they need it.
  };
}
