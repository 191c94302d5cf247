/**
 * `delete FILE | --id ID`: the extension's "Delete from PingOne". The resource is the one FILE is
 * bound to (its `id`, or the only resource with its provider and name), or ID. `--yes` stands for
 * the confirmation; a warning when the resource is in the notification settings' fallback chain.
 */
import { bindingFromList, bindingWithoutList, MemoryBindingStore } from '../workflow/binding';
import type { PhoneDeliverySettings } from '../pingone/types';
import { prepareBody } from '../workflow/prepare';
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
Without --yes nothing is deleted: it says what would be. It warns when the resource is in the
notification settings' SMS/voice fallback chain.

  --id ID                      the resource's id (instead of FILE)
  -y, --yes                    really delete

${ENVIRONMENT_HELP}

${VARIABLE_HELP}
  (only needed when the provider's name in FILE is a placeholder)

Exit status: 0 deleted (or already deleted); 1 not found, several found, or PingOne refused or
failed the request; 2 usage or configuration error, including a missing --yes or --production-ok.
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
  const settings = await client.getNotificationSettings({ secretValues: [...out.secrets] });
  if (settings.kind === 'ok' && (settings.value.smsProvidersFallbackChain ?? []).includes(id)) {
    out.err(
      `warning: ${what} is in the SMS/voice fallback chain of "${env.name}": SMS and voice messages may stop until the chain is changed.`,
    );
  }
  if (!values.yes) throw out.fail(EXIT_USAGE, `would delete ${what} from "${env.name}"; add --yes to delete it. Nothing was deleted.`);
  if (env.production && !values['production-ok'])
    throw out.fail(EXIT_USAGE, `"${env.name}" is marked production: to delete ${what}, add --production-ok. Nothing was deleted.`);

  const r = await client.delete(id, { secretValues: [...out.secrets] });
  if (r.kind !== 'ok') {
    // An attempt that got no answer may have deleted it all the same (`maybeProcessed`, where the HTTP layer tells).
    const maybe = r.kind === 'unknown-outcome' || (r.error as { maybeProcessed?: boolean }).maybeProcessed === true;
    const status = r.kind === 'error' ? exitCodeOf(r.error) : EXIT_PROBLEMS;
    throw out.fail(
      status,
      maybe
        ? `${what} may or may not have been deleted: ${errorText(r)} Run the delete again to find out.`
        : `${what} was not deleted: ${errorText(r)}`,
    );
  }
  out.json({ id, deleted: true, alreadyDeleted: r.value.alreadyDeleted });
  out.err(
    r.value.alreadyDeleted
      ? `${what} was already deleted (the first answer was lost; the retry found it gone).`
      : `Deleted ${what} from "${env.name}".`,
  );
  return EXIT_OK;
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
