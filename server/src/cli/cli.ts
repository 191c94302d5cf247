/** The dispatcher: picks the subcommand from the table, prints help, maps failures to exit statuses. */
import { CommandFailure, EXIT_OK, EXIT_USAGE, PROGRAM, UsageError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import { terminalSafe } from './terminal';
import { VERSION } from './version';

export function mainHelp(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Author, check and send PingOne phone delivery settings (SMS/voice gateway) JSON bodies.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for the options of a command, '${PROGRAM} --version' for the version.`,
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], rawIo: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  // The one printer: whatever a command prints (names and keys from PingOne or a document included) is escaped.
  const io: CliIo = { ...rawIo, stdout: (t) => rawIo.stdout(terminalSafe(t)), stderr: (t) => rawIo.stderr(terminalSafe(t)) };
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(mainHelp(commands));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(mainHelp(commands));
    return EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const command = args[0] === undefined ? undefined : commands.find((c) => c.name === args[0]);
    if (args[0] !== undefined && !command) return usageError(io, `unknown command '${args[0]}'`);
    io.stdout(command ? command.help : mainHelp(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return usageError(io, name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`);
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message, command);
    if (e instanceof CommandFailure) {
      io.stderr(`${PROGRAM} ${command.name}: ${e.message}\n`);
      return e.exitCode;
    }
    // Never a stack trace: one line saying what went wrong (a hostile answer can get here).
    io.stderr(`${PROGRAM} ${command.name}: unexpected error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
    return EXIT_USAGE;
  }
}

function usageError(io: CliIo, message: string, command?: CliCommand): number {
  const helpHint = command ? `${PROGRAM} ${command.name} --help` : `${PROGRAM} --help`;
  io.stderr(`${PROGRAM}${command ? ' ' + command.name : ''}: ${message}\nRun '${helpHint}' for usage.\n`);
  return EXIT_USAGE;
}
