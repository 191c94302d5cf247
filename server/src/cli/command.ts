/**
 * The contract between the CLI's dispatcher (`cli.ts`) and its subcommands. A subcommand is one
 * file exporting a `CliCommand`, listed in the table in `commands.ts`.
 */
import type { FetchFunction } from '../pingone/http';

/** Exit statuses shared by every subcommand. */
export const EXIT_OK = 0;
/** The input has problems (e.g. `validate` found an error), or PingOne refused / failed a request. */
export const EXIT_PROBLEMS = 1;
/** Bad usage, or an input or a configuration that could not be used (no secret, unknown environment…). */
export const EXIT_USAGE = 2;
/** A create (POST) was sent but whether it created a resource could not be determined. */
export const EXIT_UNKNOWN_OUTCOME = 3;

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
  /** Environment variables (`PINGONE_CLIENT_SECRET`, `PINGONE_VAR_<name>`, proxies). Absent: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Writes a UTF-8 file; with `exclusive`, fails with code `EEXIST` when it exists. */
  writeFile?(path: string, text: string, options?: { exclusive?: boolean }): Promise<void>;
  fileExists?(path: string): Promise<boolean>;
  /** Appends UTF-8 text to a file, creating it (the GitHub job summary). */
  appendFile?(path: string, text: string): Promise<void>;
  /** The `fetch` for PingOne requests. Absent: undici's, through `EnvHttpProxyAgent` when a proxy is set. */
  fetch?: FetchFunction;
  /** Retry tuning of the PingOne client (tests keep retries fast). */
  pingone?: { retryBaseDelayMs?: number; maxRetryAfterSeconds?: number; timeoutMs?: number };
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

/**
 * Thrown by a subcommand to stop with a message and an exit status (no usage hint). The message
 * must already be free of secrets.
 */
export class CommandFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
