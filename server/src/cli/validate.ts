/** `validate [--format text|json] FILE…`: the editor's checks, for CI. */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkText, cliService, isError } from './check';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, PROGRAM, UsageError, type CliCommand, type CliIo } from './command';
import { formatResults, OUTPUT_FORMATS, type FileResult, type OutputFormat } from './report';

export const STDIN_NAME = '<stdin>';

const HELP = `Usage: ${PROGRAM} validate [--format text|json] FILE...

Checks each FILE (a PingOne phone delivery settings JSON body) as the editor does, and prints
every problem. '-' reads standard input.

Options:
  -f, --format text|json  text (default): one line per problem, 'file:line:col severity code message'
                          (1-based line and column); json: [{ "file", "diagnostics": [LSP Diagnostic] }]
                          with 0-based ranges
  -h, --help              show this help

Exit status: 0 when no file has an error (warnings allowed), 1 when some file has an error,
2 on a usage error or a file that cannot be read.
`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check bodies as PingOne would and print each problem with its position.',
  help: HELP,
  run: runValidate,
};

interface ValidateArgs {
  help: boolean;
  format: OutputFormat;
  files: string[];
}

function parseValidateArgs(args: string[]): ValidateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (use text or json)`);
  if (!values.help && positionals.length === 0) throw new UsageError("no files given (use '-' for standard input)");
  return { help: values.help === true, format: format as OutputFormat, files: positionals };
}

async function runValidate(args: string[], io: CliIo): Promise<number> {
  const options = parseValidateArgs(args);
  if (options.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const service = cliService();
  const results: FileResult[] = [];
  let failed = false;
  let stdin: Promise<string> | undefined;
  for (const file of options.files) {
    let text: string;
    try {
      text = await (file === '-' ? (stdin ??= io.readStdin()) : io.readFile(file));
    } catch (e) {
      io.stderr(`${PROGRAM} validate: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      failed = true;
      continue;
    }
    const uri = file === '-' ? 'untitled:stdin' : pathToFileURL(io.resolvePath(file)).href;
    try {
      results.push({ file: file === '-' ? STDIN_NAME : file, diagnostics: checkText(service, text, uri) });
    } catch (e) {
      // A bug in a check must not hide the results of the other files.
      io.stderr(`${PROGRAM} validate: internal error while checking ${file}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      failed = true;
    }
  }
  io.stdout(formatResults(results, options.format));
  if (failed) return EXIT_USAGE;
  return results.some((r) => r.diagnostics.some(isError)) ? EXIT_PROBLEMS : EXIT_OK;
}
