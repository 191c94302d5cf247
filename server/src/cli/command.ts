/**
 * The contract between the CLI's dispatcher (`cli.ts`) and its subcommands. A subcommand is one
 * file exporting a `CliCommand`, listed in the table in `commands.ts`.
 */

/** Exit statuses shared by every subcommand. */
export const EXIT_OK = 0;
/** The input has problems (e.g. `validate` found an error). */
export const EXIT_PROBLEMS = 1;
/** Bad usage, or an input that could not be read. */
export const EXIT_USAGE = 2;

export const PROGRAM = 'pingone-phone-delivery';

/** Everything a subcommand may touch outside itself, so that tests can run it in memory. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** All of standard input, as UTF-8. */
  readStdin(): Promise<string>;
  /** Absolute path of `path` (relative to the working directory). */
  resolvePath(path: string): string;
}

export interface CliCommand {
  name: string;
  /** One line for the command list in `--help`. */
  summary: string;
  /** The command's `--help` text. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown by a subcommand for a usage mistake: the dispatcher prints it with a hint and exits 2. */
export class UsageError extends Error {}
