/**
 * `delete FILE | --id ID`: the extension's "Delete from PingOne". The resource is the one FILE is
 * bound to (its `id`, or the only resource with its provider and name), or ID. `--yes` stands for
 * the confirmation. A resource that the fallback chain or a notification policy references is not
 * deleted unless `--remove-references` takes it out of each place first (the delete workflow).
 */
import { bindingFromList, bindingWithoutList, MemoryBindingStore } from '../workflow/binding';
import type { PhoneDeliverySettings } from '../pingone/types';
import { deleteProvider, usageOf } from '../workflow/delete';
import { prepareBody } from '../workflow/prepare';
import { describeEdit, describeReference, referencesTo } from '../workflow/usage';
import { pathToFileURL } from 'node:url';
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
  VARIABLE_HELP,
  VARIABLE_OPTIONS,
  type Remote,
} from './remote';
import { errorText } from '../pingone/errors';
import { loadVariables, type Variables } from './variables';

const HELP = `Usage: ${PROGRAM} delete (FILE | --id ID) --yes [options]

Deletes a phone delivery settings resource from a PingOne environment: the one FILE is bound to
(its "id", or the only resource with the same provider and name), or the one with id ID.
Without --yes nothing is deleted: it says what would be. A resource that is referenced (a position
in the notification settings' SMS/voice fallback chain, or in a condition of a notification policy)
is not deleted: the references are listed, unless --remove-references is given, which takes the id
out of each chain and policy first (one PUT each, each reported), then deletes.

  --id ID                      the resource's id (instead of FILE)
  -y, --yes                    really delete
  --remove-references          first remove the id from the fallback chain and every notification
                               policy that references it

PingOne requests: a read of the resource, the notification settings and the notification policies
(plus the list when FILE is bound by provider and name), one PUT per place the id is removed from,
and the DELETE.

${ENVIRONMENT_HELP}

${VARIABLE_HELP}
  (only needed when the provider's name in FILE is a placeholder)

Exit status: 0 deleted (or already deleted); 1 not found, several found, referenced (without
--remove-references), where it is used could not be read, or PingOne refused or failed a request;
2 usage or configuration error, including a missing --yes or --production-ok.
`;

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'Delete the phone delivery settings of a file (or an id) from a PingOne environment.',
  help: HELP,
  run: runDelete,
};

const OPTIONS = {
  ...ENVIRONMENT_OPTIONS,
  ...VARIABLE_OPTIONS,
  id: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'remove-references': { type: 'boolean' },
} as const;

async function runDelete(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`one FILE at a time (got ${positionals.length})`);
  if ((values.id === undefined) === (positionals.length === 0)) throw new UsageError('give either FILE or --id ID');
  const out = new Output(io, 'delete');
  const env = await environmentFromOptions(io, values, out);
  const remote = connect(io, env, values, out);
  const { client } = remote;
  const variables = await loadVariables(io, env, values.var ?? [], values['var-file'] ?? []);
  out.addSecrets(variables.secretValues);
  const file = positionals[0];
  const id = values.id ?? (await idOfFile(io, remote, file, variables));

  const live = await client.read(id, { secretValues: [...out.secrets] });
  if (live.kind !== 'ok') {
    if (live.kind === 'error' && live.error.status === 404)
      throw out.fail(EXIT_PROBLEMS, `no phone delivery settings ${id} in "${env.name}" (already deleted?)`);
    throw out.fail(
      live.kind === 'error' ? exitCodeOf(live.error) : EXIT_PROBLEMS,
      `could not read ${id} in "${env.name}": ${errorText(live)}`,
    );
  }
  const what = describeResource(live.value);
  const secretValues = [...out.secrets];
  const read = await usageOf(client, undefined, { secretValues });
  if ('message' in read)
    throw out.fail(EXIT_PROBLEMS, `could not read where ${what} is used in "${env.name}", so it was not deleted: ${read.message}`);
  const references = referencesTo(read.usage, id);
  const removeReferences = values['remove-references'] === true;
  const listing = references.map((r) => `  ${describeReference(r)}`).join('\n');
  if (!values.yes) {
    if (references.length) out.err(`${what} is referenced in "${env.name}" at:\n${listing}`);
    throw out.fail(
      EXIT_USAGE,
      `would ${references.length && removeReferences ? 'remove those references and ' : ''}delete ${what} from "${env.name}"; add --yes to ${references.length && !removeReferences ? 'do it (and --remove-references to take it out of those places first)' : 'delete it'}. Nothing was deleted.`,
    );
  }
  if (env.production && !values['production-ok'])
    throw out.fail(EXIT_USAGE, `"${env.name}" is marked production: to delete ${what}, add --production-ok. Nothing was deleted.`);
  if (references.length && !removeReferences) {
    out.err(`${what} is referenced in "${env.name}" at:\n${listing}`);
    throw out.fail(
      EXIT_PROBLEMS,
      `${what} was not deleted: deleting it would leave ${references.length} reference${references.length > 1 ? 's' : ''} to a provider that no longer exists. Add --remove-references to take it out of each place first, or change them yourself.`,
    );
  }

  const r = await deleteProvider({ client, id, removeReferences, usage: read.usage, options: { secretValues } });
  const steps = r.kind === 'refused' || r.kind === 'usage-unreadable' ? [] : r.steps;
  for (const s of steps) {
    if (s.outcome === 'done') out.err(`Removed ${id} from ${describeEdit(s.edit)}.`);
    else if (s.outcome === 'failed') out.err(`Could not remove ${id} from ${describeEdit(s.edit)}: ${s.message}`);
  }
  const removed = steps.filter((s) => s.outcome === 'done').map((s) => describeEdit(s.edit));
  switch (r.kind) {
    case 'refused':
    case 'usage-unreadable':
      // Not reached: the usage was read and the references checked above.
      throw out.fail(EXIT_PROBLEMS, `${what} was not deleted.`);
    case 'references-not-removed':
      throw out.fail(EXIT_PROBLEMS, r.message);
    case 'delete-failed': {
      const status = r.error ? exitCodeOf(r.error) : EXIT_PROBLEMS;
      const done = removed.length ? ` It was already removed from: ${removed.join('; ')}.` : '';
      throw out.fail(
        status,
        r.maybeDeleted
          ? `${what} may or may not have been deleted: ${r.message} Run the delete again to find out.${done}`
          : `${what} was not deleted: ${r.message}${done}`,
      );
    }
    case 'deleted':
      out.json({ id, deleted: true, alreadyDeleted: r.alreadyDeleted, ...(removed.length ? { referencesRemovedFrom: removed } : {}) });
      out.err(
        r.alreadyDeleted
          ? `${what} was already deleted (the first answer was lost; the retry found it gone).`
          : `Deleted ${what} from "${env.name}".`,
      );
      return EXIT_OK;
  }
}

/** The id FILE is bound to, by the shared binding rules (the document's id, else the provider + name match). */
async function idOfFile(io: CliIo, remote: Remote, file: string, variables: Variables): Promise<string> {
  const { client, env, out } = remote;
  let text: string;
  try {
    text = await (file === '-' ? io.readStdin() : io.readFile(file));
  } catch (e) {
    throw new CommandFailure(EXIT_USAGE, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // Placeholders filled as for a send, so that a templated name still matches.
  const prepared = prepareBody(text, variables.lookup);
  if (!prepared.body) throw new CommandFailure(EXIT_PROBLEMS, `${file} is not a JSON object`);
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
    const list = await client.list({ secretValues: [...out.secrets] });
    if (list.kind !== 'ok')
      throw out.fail(
        list.kind === 'error' ? exitCodeOf(list.error) : EXIT_PROBLEMS,
        `could not list the phone delivery settings of "${env.name}": ${errorText(list)}`,
      );
    binding = bindingFromList(list.value, prepared.body);
  }
  if (binding.kind === 'bound') return binding.id;
  if (binding.kind === 'ambiguous') {
    throw out.fail(
      EXIT_PROBLEMS,
      `${binding.candidates.length} resources in "${env.name}" match ${file}: ${binding.candidates.map((c: PhoneDeliverySettings) => describeResource(c)).join(', ')}; put the one to delete as "id" in the file, or use --id`,
    );
  }
  throw out.fail(
    EXIT_PROBLEMS,
    `no resource in "${env.name}" is bound to ${file} (no "id" for this environment, and none matches its provider and name)`,
  );
}
