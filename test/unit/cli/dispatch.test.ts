/** The dispatcher with an in-memory io and a command table of its own. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mainHelp, runCli } from '../../../server/src/cli/cli';
import { UsageError, type CliCommand, type CliIo } from '../../../server/src/cli/command';
import { COMMANDS } from '../../../server/src/cli/commands';

function memoryIo(files: Record<string, string> = {}, stdin = ''): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readFile: async (p: string) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
    readStdin: async () => stdin,
    resolvePath: (p: string) => `/virtual/${p}`,
  };
  return io;
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'Echo the arguments.',
  help: 'Usage: echo ARGS\n',
  run: async (args, io) => {
    if (args.includes('--bad')) throw new UsageError('bad flag');
    if (args.includes('--crash')) throw new Error('crashed');
    io.stdout(args.join(' ') + '\n');
    return 0;
  },
};

describe('cli dispatcher', () => {
  it('runs the command named first, with the remaining arguments', async () => {
    const io = memoryIo();
    assert.equal(await runCli(['echo', 'a', 'b'], io, [echo]), 0);
    assert.equal(io.out, 'a b\n');
  });

  it('turns a UsageError into exit 2 with a hint, and a crash into exit 2 with the error', async () => {
    const io = memoryIo();
    assert.equal(await runCli(['echo', '--bad'], io, [echo]), 2);
    assert.match(io.err, /echo: bad flag/);
    assert.match(io.err, /echo --help/);
    assert.equal(await runCli(['echo', '--crash'], io, [echo]), 2);
    assert.match(io.err, /crashed/);
    assert.ok(!/\n\s+at /.test(io.err), `no stack trace: ${io.err}`);
  });

  it('lists every command of the table in the help', () => {
    const help = mainHelp([echo, ...COMMANDS]);
    for (const c of [echo, ...COMMANDS])
      assert.match(help, new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('help COMMAND shows the command help; an unknown one is a usage error', async () => {
    const io = memoryIo();
    assert.equal(await runCli(['help', 'echo'], io, [echo]), 0);
    assert.equal(io.out, echo.help);
    assert.equal(await runCli(['help', 'nope'], io, [echo]), 2);
  });
});

describe('validate in memory', () => {
  it('reads stdin once for repeated -, and reports unreadable files', async () => {
    const io = memoryIo({ 'a.json': '' }, '');
    assert.equal(await runCli(['validate', '--format', 'json', '-', '-', 'a.json', 'missing.json'], io), 2);
    const results = JSON.parse(io.out);
    assert.deepEqual(
      results.map((r: { file: string }) => r.file),
      ['<stdin>', '<stdin>', 'a.json'],
    );
    assert.match(io.err, /cannot read missing\.json/);
  });
});
