/**
 * `pull --id ID | --name NAME [-o FILE]`: a live resource as a new document (the extension's
 * `pulledDocument`: read-only fields dropped, `id` and `environment.id` kept so that sending it back
 * updates the same resource, write-only fields as `{{placeholders}}`), with the secret variables to
 * set listed on stderr. Gateway credentials that PingOne echoes become placeholders too.
 */
import type { PhoneDeliverySettings } from '../pingone/types';
import { pulledDocument } from '../workflow/pull';
import { CommandFailure, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, PROGRAM, UsageError, type CliCommand, type CliIo } from './command';
import {
  connect,
  describeResource,
  ENVIRONMENT_HELP,
  ENVIRONMENT_OPTIONS,
  environmentFromOptions,
  exitCodeOf,
  Output,
  parseCommandArgs,
  VARIABLE_OPTIONS,
  type Remote,
} from './remote';
import { errorText } from '../pingone/errors';
import { loadVariables, VAR_ENV_PREFIX } from './variables';

const HELP = `Usage: ${PROGRAM} pull (--id ID | --name NAME) [-o FILE] [options]

Reads one phone delivery settings resource from a PingOne environment and writes it as a document
to send back later: read-only fields dropped, "id" and "environment.id" kept (so that sending it
updates this resource), and every secret as a {{placeholder}} (PingOne never returns write-only
fields; the gateway credentials it echoes are replaced too). The secret variables to set before
sending it back are listed on standard error.

  --id ID                      the resource's id
  --name NAME                  the resource whose "name" (or "sid" / "verifyServiceId") is NAME
  -o, --output FILE            write to FILE (default: standard output); an existing FILE is kept
  --force                      overwrite an existing FILE
  --var-file FILE, PINGONE_VAR_<name>
                               known secret values: an echoed value equal to one becomes its {{name}}

${ENVIRONMENT_HELP}

Exit status: 0 pulled; 1 not found, several found, or PingOne refused or failed the request;
2 usage or configuration error (including an existing FILE without --force).
`;

export const pullCommand: CliCommand = {
  name: 'pull',
  summary: 'Write a resource from PingOne as a document to send back (secrets as placeholders).',
  help: HELP,
  run: runPull,
};

const OPTIONS = {
  ...ENVIRONMENT_OPTIONS,
  'var-file': VARIABLE_OPTIONS['var-file'],
  id: { type: 'string' },
  name: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
} as const;

async function runPull(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' (use --id ID or --name NAME, and -o FILE)`);
  if ((values.id === undefined) === (values.name === undefined)) throw new UsageError('give either --id ID or --name NAME');
  const out = new Output(io, 'pull');
  const env = await environmentFromOptions(io, values, out);
  const remote = connect(io, env, values, out);
  const variables = await loadVariables(io, env, [], values['var-file'] ?? []);
  out.addSecrets(variables.secretValues);
  const output = values.output;
  if (output !== undefined && !values.force && io.fileExists && (await io.fileExists(output))) {
    throw new CommandFailure(EXIT_USAGE, `${output} exists; nothing was pulled (--force overwrites it)`);
  }

  const resource = values.id !== undefined ? await byId(remote, values.id) : await byName(remote, values.name!);
  const pulled = pulledDocument(resource, env.environmentId, variables.secretByName);
  // Last line of defence: no known secret value leaves, even where no rule knew it was one.
  const text = out.jsonText(JSON.parse(pulled.text));

  if (output === undefined) io.stdout(text);
  else await write(io, output, text, values.force === true);
  out.err(`Pulled ${describeResource(resource)} from "${env.name}"${output !== undefined ? ` to ${output}` : ''}.`);
  const secretNames = pulled.secretVariables;
  for (const a of pulled.echoed) out.err(`  ${a.where}: the value PingOne returned is written as {{${a.name}}}.`);
  if (secretNames.length) {
    out.err(
      `PingOne never returns secrets: before sending it back, set ${secretNames.map((n) => `${VAR_ENV_PREFIX}${n}`).join(', ')} ` +
        `(or put ${secretNames.join(', ')} in a --var-file).`,
    );
  }
  return EXIT_OK;
}

async function write(io: CliIo, path: string, text: string, force: boolean): Promise<void> {
  if (!io.writeFile) throw new CommandFailure(EXIT_USAGE, 'this environment cannot write files');
  try {
    await io.writeFile(path, text, { exclusive: !force });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CommandFailure(EXIT_USAGE, `${path} exists; nothing was written (--force overwrites it)`);
    throw new CommandFailure(EXIT_USAGE, `cannot write ${path}: ${code ?? (e as Error).message}`);
  }
}

async function byId(remote: Remote, id: string): Promise<PhoneDeliverySettings> {
  const { client, env, out } = remote;
  const r = await client.read(id, { secretValues: [...out.secrets] });
  if (r.kind === 'ok') return r.value;
  if (r.kind === 'error' && r.error.status === 404) throw out.fail(EXIT_PROBLEMS, `no phone delivery settings ${id} in "${env.name}"`);
  throw out.fail(r.kind === 'error' ? exitCodeOf(r.error) : EXIT_PROBLEMS, errorText(r));
}

async function byName(remote: Remote, name: string): Promise<PhoneDeliverySettings> {
  const { client, env, out } = remote;
  const r = await client.list({ secretValues: [...out.secrets] });
  if (r.kind !== 'ok')
    throw out.fail(
      r.kind === 'error' ? exitCodeOf(r.error) : EXIT_PROBLEMS,
      `could not list the phone delivery settings of "${env.name}": ${errorText(r)}`,
    );
  let found = r.value.filter((x) => x.name === name);
  if (!found.length) found = r.value.filter((x) => x.sid === name || x.verifyServiceId === name);
  if (found.length === 1) return found[0];
  if (found.length > 1)
    throw out.fail(
      EXIT_PROBLEMS,
      `${found.length} resources in "${env.name}" are named "${name}": ${found.map((f) => describeResource(f)).join(', ')}; use --id`,
    );
  const names = r.value.map((x) => describeResource(x));
  throw out.fail(
    EXIT_PROBLEMS,
    `no phone delivery settings named "${name}" in "${env.name}" (${names.length ? `it has: ${names.join(', ')}` : 'it has none'})`,
  );
}
