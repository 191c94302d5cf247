/** `validate [--format text|json|sarif|github] [--quiet] [--max-warnings N] FILE…`: the editor's checks, for CI. */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkText, cliService, isError } from './check';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, PROGRAM, UsageError, type CliCommand, type CliIo } from './command';
import { formatGithub, githubSummary } from './github';
import { formatJson, formatText, OUTPUT_FORMATS, STDIN_NAME, type FileResult, type OutputFormat, type ReportContext } from './report';
import { formatSarif } from './sarif';

export { STDIN_NAME };

const HELP = `Usage: ${PROGRAM} validate [options] FILE...

Checks each FILE (a PingOne phone delivery settings JSON body) as the editor does, and prints
every problem. '-' reads standard input.

Options:
  -f, --format FORMAT   text (default): one line per problem, 'file:line:col severity code message'
                        (1-based line and column)
                        json: [{ "file", "diagnostics": [LSP Diagnostic] }] with 0-based ranges
                        sarif: a SARIF 2.1.0 log (GitHub code scanning, reviewdog), one rule per code
                        github: GitHub Actions annotations (at most 10 errors, 10 warnings and 10
                        notices, as GitHub shows per step; the rest in the log), and a job summary
                        appended to $GITHUB_STEP_SUMMARY when it is set
  -q, --quiet           report errors only (warnings are still counted for --max-warnings)
  --max-warnings N      exit 1 when there are more than N warnings (information is not a warning)
  -h, --help            show this help

Paths in sarif and github output are relative to $GITHUB_WORKSPACE when it is set, else to the
working directory.

Exit status: 0 when no file has an error (and the warnings are within --max-warnings), 1 when some
file has an error or there are too many warnings, 2 on a usage error or a file that cannot be read.
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
  quiet: boolean;
  maxWarnings?: number;
  files: string[];
}

function parseValidateArgs(args: string[]): ValidateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        format: { type: 'string', short: 'f' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (use ${OUTPUT_FORMATS.join(', ')})`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings']))
      throw new UsageError(`--max-warnings takes a number of warnings (0 or more), not '${values['max-warnings']}'`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (!values.help && positionals.length === 0) throw new UsageError("no files given (use '-' for standard input)");
  return { help: values.help === true, format: format as OutputFormat, quiet: values.quiet === true, maxWarnings, files: positionals };
}

const isWarning = (d: { severity?: DiagnosticSeverity }): boolean => d.severity === DiagnosticSeverity.Warning;

async function runValidate(args: string[], io: CliIo): Promise<number> {
  const options = parseValidateArgs(args);
  if (options.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const service = cliService();
  const results: FileResult[] = [];
  const failures: ReportContext['failures'] = [];
  let stdin: Promise<string> | undefined;
  for (const file of options.files) {
    const shown = file === '-' ? STDIN_NAME : file;
    let text: string;
    try {
      text = await (file === '-' ? (stdin ??= io.readStdin()) : io.readFile(file));
    } catch (e) {
      const message = `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`;
      io.stderr(`${PROGRAM} validate: ${message}\n`);
      failures.push({ file: shown, message });
      continue;
    }
    const uri = file === '-' ? 'untitled:stdin' : pathToFileURL(io.resolvePath(file)).href;
    try {
      results.push({ file: shown, diagnostics: checkText(service, text, uri) });
    } catch (e) {
      // A bug in a check must not hide the results of the other files.
      io.stderr(`${PROGRAM} validate: internal error while checking ${file}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      failures.push({ file: shown, message: `internal error while checking ${file}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  const warnings = results.reduce((n, r) => n + r.diagnostics.filter(isWarning).length, 0);
  const hasErrors = results.some((r) => r.diagnostics.some(isError));
  // --quiet: the warnings (and information) are counted above, then left out of every report.
  const reported = options.quiet ? results.map((r) => ({ file: r.file, diagnostics: r.diagnostics.filter(isError) })) : results;
  const env = io.env ?? {};
  const context: ReportContext = {
    resolvePath: (p) => io.resolvePath(p),
    root: io.resolvePath(env.GITHUB_WORKSPACE || '.'),
    failures,
  };
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  switch (options.format) {
    case 'json':
      io.stdout(formatJson(reported));
      break;
    case 'sarif':
      io.stdout(formatSarif(reported, context));
      break;
    case 'github':
      io.stdout(formatGithub(reported, context, { summary: Boolean(summaryFile && io.appendFile) }));
      if (summaryFile && io.appendFile) {
        try {
          await io.appendFile(summaryFile, githubSummary(reported, context));
        } catch (e) {
          io.stderr(`${PROGRAM} validate: cannot write the job summary: ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
      break;
    default:
      io.stdout(formatText(reported));
  }

  if (failures.length > 0) return EXIT_USAGE;
  if (hasErrors) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`${PROGRAM} validate: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
