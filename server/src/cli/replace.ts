/**
 * `replace FILE`: for a change PingOne cannot make with an update (`provider`, a Twilio `sid` or
 * token): create a new provider from FILE, rewire the fallback chain and every notification policy
 * from the old id to the new one, then delete the old one (the replace workflow). Each step is
 * reported; when one fails, what exists and what references what is said, with the command that
 * finishes the job (`--resume NEW_ID`).
 */
import { bindingFromList, bindingWithoutList, MemoryBindingStore } from '../workflow/binding';
import { describeFilledSecrets, prepareBody } from '../workflow/prepare';
import { hostOf } from '../model/secretPlacement';
import { errorText } from '../pingone/errors';
import { replaceProvider } from '../workflow/replace';
import { usageOf } from '../workflow/delete';
import { describeReference, referencesTo } from '../workflow/usage';
import { pathToFileURL } from 'node:url';
import {
  CommandFailure,
  EXIT_OK,
  EXIT_PROBLEMS,
  EXIT_UNKNOWN_OUTCOME,
  EXIT_USAGE,
  PROGRAM,
  UsageError,
  type CliCommand,
  type CliIo,
} from './command';
import {
  connect,
  describeResource,
  ENVIRONMENT_HELP,
  ENVIRONMENT_OPTIONS,
  environmentFromOptions,
  exitCodeOf,
  Output,
  parseCommandArgs,
  VARIABLE_HELP,
  VARIABLE_OPTIONS,
  SECRET_ALLOWANCE_OPTIONS,
  SECRET_ALLOWANCE_HELP,
} from './remote';
import { formatText } from './report';
import { loadVariables, parseAllowances } from './variables';

const HELP = `Usage: ${PROGRAM} replace FILE --yes [options]

Replaces the phone delivery settings FILE is bound to (its "id", or the only resource with the same
provider and name; or --id) by a new one created from FILE: for the changes PingOne cannot make
with an update ("provider", a Twilio "sid"). Steps, each reported:
  1. create the new provider from FILE (checked and filled in as by 'send');
  2. rewire every reference from the old id to the new one: the notification settings' SMS/voice
     fallback chain, and each notification policy whose provider order names it (one PUT each);
  3. delete the old provider.
When a step fails the later ones are not run, and the message says what exists, what references
what, and how to finish: run the same command with --resume NEW_ID (no second create).

  --id ID                      the provider to replace (instead of FILE's binding)
  --resume NEW_ID              an earlier replace created NEW_ID: rewire what is left, delete the old
  -y, --yes                    really replace (without it: what would be done)

${ENVIRONMENT_HELP}

${VARIABLE_HELP}
${SECRET_ALLOWANCE_HELP}

PingOne requests: a read of the old provider, the notification settings and the notification
policies (plus the list when FILE is bound by provider and name), the create (POST), one PUT per
chain or policy that references the old id, and the DELETE.

Exit status: 0 replaced; 1 FILE has errors, the old provider was not found, or a step failed (the
message says what was done and what remains); 2 usage or configuration error, including a missing
--yes or --production-ok, or missing placeholders; 3 the create's answer was lost (a new provider may
exist: look in PingOne).
`;

export const replaceCommand: CliCommand = {
  name: 'replace',
  summary: 'Replace a provider by a new one from a file, rewiring the fallback chain and policies.',
  help: HELP,
  run: runReplace,
};

const OPTIONS = {
  ...ENVIRONMENT_OPTIONS,
  ...VARIABLE_OPTIONS,
  ...SECRET_ALLOWANCE_OPTIONS,
  id: { type: 'string' },
  resume: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
} as const;

async function runReplace(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? `one FILE at a time (got ${positionals.length})` : 'no FILE given');
  const file = positionals[0];
  const shown = file === '-' ? '<stdin>' : file;
  const out = new Output(io, 'replace');
  const env = await environmentFromOptions(io, values, out);
  const { client } = connect(io, env, values, out);
  let text: string;
  try {
    text = await (file === '-' ? io.readStdin() : io.readFile(file));
  } catch (e) {
    throw new CommandFailure(EXIT_USAGE, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const variables = await loadVariables(io, env, values.var ?? [], values['var-file'] ?? []);
  out.addSecrets(variables.secretValues);
  const prepared = prepareBody(text, variables.lookup, parseAllowances(values['allow-secret-in']));
  out.addSecrets(prepared.secretValues);
  // Before anything else, and --force does not override it: a secret goes only where its owner meant it to go.
  if (prepared.refused.length) {
    for (const r of prepared.refused) out.err(`${shown}: ${r}`);
    throw out.fail(EXIT_PROBLEMS, `a secret would go where no credential belongs; nothing was changed.`);
  }
  for (const line of describeFilledSecrets(prepared.filledSecrets, hostOf(env.apiBase) ?? env.apiBase)) out.err(`secret: ${line}.`);
  if (prepared.errors.length || !prepared.body) {
    if (prepared.errors.length) out.err(formatText([{ file: shown, diagnostics: prepared.errors }]).trimEnd());
    throw out.fail(EXIT_PROBLEMS, `${shown} ${prepared.body ? 'has errors' : 'is not a JSON object'}; nothing was changed.`);
  }
  if (prepared.missing.length)
    throw out.fail(
      EXIT_USAGE,
      `no value for ${prepared.missing.map((m) => `{{${m}}}`).join(', ')} (PINGONE_VAR_<name>, --var-file or --var). Nothing was changed.`,
    );
  if (prepared.filledErrors.length) {
    for (const e of prepared.filledErrors) out.err(`${shown}: ${e}`);
    throw out.fail(EXIT_PROBLEMS, 'the filled-in body has errors; nothing was changed.');
  }
  const secretValues = (): string[] => [...out.secrets];
  const resume = values.resume;

  // The old provider: --id, else the binding (the document's id, else provider + name, the new one left out).
  let oldId = values.id;
  if (oldId === undefined) {
    const input = {
      documentKey: file === '-' ? 'untitled:stdin' : pathToFileURL(io.resolvePath(file)).href,
      targetKey: env.targetKey,
      environmentId: env.environmentId,
      body: prepared.body,
      documentId: prepared.documentId,
      documentEnvironmentId: prepared.documentEnvironmentId,
    };
    let binding = bindingWithoutList(new MemoryBindingStore(), input);
    if (!binding) {
      const list = await client.list({ secretValues: secretValues() });
      if (list.kind !== 'ok')
        throw out.fail(
          list.kind === 'error' ? exitCodeOf(list.error) : EXIT_PROBLEMS,
          `could not list the phone delivery settings of "${env.name}": ${errorText(list)}`,
        );
      binding = bindingFromList(
        list.value.filter((r) => r.id !== resume),
        prepared.body,
      );
    }
    if (binding.kind === 'ambiguous')
      throw out.fail(
        EXIT_PROBLEMS,
        `${binding.candidates.length} resources in "${env.name}" match ${shown}: ${binding.candidates.map((c) => describeResource(c)).join(', ')}; give the one to replace with --id`,
      );
    if (binding.kind === 'unbound')
      throw out.fail(
        EXIT_PROBLEMS,
        `no resource in "${env.name}" is bound to ${shown} (no "id" for this environment, and none matches its provider and name): use 'send' to create it, or --id`,
      );
    oldId = binding.id;
  }
  if (resume !== undefined && resume === oldId) throw new UsageError('--resume names the provider being replaced');

  const old = await client.read(oldId, { secretValues: secretValues() });
  let what = oldId;
  if (old.kind === 'ok') what = describeResource(old.value);
  else if (!(resume !== undefined && old.kind === 'error' && old.error.status === 404)) {
    if (old.kind === 'error' && old.error.status === 404)
      throw out.fail(EXIT_PROBLEMS, `no phone delivery settings ${oldId} in "${env.name}"`);
    throw out.fail(
      old.kind === 'error' ? exitCodeOf(old.error) : EXIT_PROBLEMS,
      `could not read ${oldId} in "${env.name}": ${errorText(old)}`,
    );
  }
  const read = await usageOf(client, undefined, { secretValues: secretValues() });
  if ('message' in read)
    throw out.fail(EXIT_PROBLEMS, `could not read where ${what} is used in "${env.name}": ${read.message}. Nothing was changed.`);
  const refs = referencesTo(read.usage, oldId);
  const plan = [
    resume ? `use the new provider ${resume}` : `create a new ${String(prepared.body.provider)} from ${shown}`,
    refs.length
      ? `rewire ${refs.length} reference${refs.length > 1 ? 's' : ''}:\n${refs.map((r) => `    ${describeReference(r)}`).join('\n')}`
      : 'rewire nothing (no reference)',
    `delete ${what}`,
  ];
  if (!values.yes) {
    out.err(`In "${env.name}", replace would:\n${plan.map((p, i) => `  ${i + 1}. ${p}`).join('\n')}`);
    throw out.fail(EXIT_USAGE, 'add --yes to replace. Nothing was changed.');
  }
  if (env.production && !values['production-ok'])
    throw out.fail(EXIT_USAGE, `"${env.name}" is marked production: to replace ${what}, add --production-ok. Nothing was changed.`);

  const r = await replaceProvider({
    client,
    oldId,
    body: prepared.body,
    newId: resume,
    usage: read.usage,
    options: { secretValues: secretValues() },
  });
  for (const s of r.steps) {
    const word = { done: 'done', failed: 'FAILED', 'not-run': 'not run', skipped: 'skipped' }[s.outcome];
    out.err(`  ${s.step}: ${s.what}: ${word}${s.message ? ` (${s.message})` : ''}`);
  }
  if (r.kind === 'replaced') {
    if (r.created) out.json(r.created);
    else out.json({ id: r.newId });
    out.err(`Replaced ${what} by ${r.newId} in "${env.name}".`);
    return EXIT_OK;
  }
  const again = r.newId
    ? ` To finish: ${PROGRAM} replace ${file} --id ${oldId} --resume ${r.newId} --yes (with the same environment options).`
    : '';
  throw out.fail(r.newMayExist ? EXIT_UNKNOWN_OUTCOME : EXIT_PROBLEMS, r.message + again);
}
