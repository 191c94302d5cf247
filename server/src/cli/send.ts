/**
 * `send FILE`: the extension's "Send to PingOne" for CI. The same code path: `prepareBody` (checks,
 * placeholders), `sendDocument` (binding, stale check, create/update, unknown-outcome resolution),
 * with the questions of `SendUi` answered by flags. Bindings live in memory only, so the document's
 * `id` and the provider + name match decide which resource it is.
 */
import { pathToFileURL } from 'node:url';
import { MemoryBindingStore } from '../workflow/binding';
import type { PingOneError } from '../pingone/errors';
import type { PhoneDeliverySettings } from '../pingone/types';
import type { ResolvedEnvironment } from '../workflow/environments';
import { describeFilledSecrets, prepareBody } from '../workflow/prepare';
import { hostOf } from '../model/secretPlacement';
import { failureHeadline, sendDocument, type Operation, type SendOutcome, type SendUi } from '../workflow/send';
import { targetLocator } from '../workflow/targets';
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
  CLIENT_SECRET_VARIABLE,
  connect,
  describeResource,
  ENVIRONMENT_HELP,
  ENVIRONMENT_OPTIONS,
  environmentFromOptions,
  exitCodeOf,
  lineColumns,
  Output,
  parseCommandArgs,
  VARIABLE_HELP,
  VARIABLE_OPTIONS,
  SECRET_ALLOWANCE_OPTIONS,
  SECRET_ALLOWANCE_HELP,
  type Remote,
} from './remote';
import { formatText } from './report';
import { loadVariables, parseAllowances } from './variables';

const HELP = `Usage: ${PROGRAM} send FILE [options]

Sends FILE (a phone delivery settings JSON body; '-' reads standard input) to a PingOne environment,
as the editor's "Send to PingOne" does: the file is checked, its {{placeholders}} are filled in, and
it updates the resource it is bound to (its "id", or the only resource with the same provider and
name) or creates a new one. The response is printed on standard output as JSON, secrets redacted;
messages go to standard error.

What may happen:
  --upsert                     update the bound resource, or create one (default)
  --create-only                only create; refused when a resource already matches
  --update-only                only update; refused when no resource matches
  -y, --yes                    allow creating a new resource (without it a create is refused)
  --force                      send even though the file has errors
  --overwrite                  update even though the resource changed in PingOne since it was read
  --recreate                   when "provider" or a Twilio "sid" changed (PingOne cannot update them):
                               delete the resource and create a new one

${ENVIRONMENT_HELP}

${VARIABLE_HELP}
${SECRET_ALLOWANCE_HELP}

Exit status: 0 created or updated; 1 PingOne refused or failed the request (its details are printed
with file:line:col of each target), or the file has errors, or nothing could be sent; 2 usage or
configuration error (no ${CLIENT_SECRET_VARIABLE}, unknown environment, bad URL, missing placeholders,
a create without --yes, production without --production-ok); 3 a request was sent but its outcome
could not be determined (for a create: whether it created a resource; look in PingOne before
sending again).
`;

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Create or update the phone delivery settings of a file in a PingOne environment.',
  help: HELP,
  run: runSend,
};

const OPTIONS = {
  ...ENVIRONMENT_OPTIONS,
  ...VARIABLE_OPTIONS,
  ...SECRET_ALLOWANCE_OPTIONS,
  upsert: { type: 'boolean' },
  'create-only': { type: 'boolean' },
  'update-only': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  recreate: { type: 'boolean' },
} as const;

interface Refusal {
  code: number;
  message: string;
}

/** `SendUi` answered by flags; a "no" records why, for the message and the exit status. */
class FlagUi implements SendUi {
  refusal?: Refusal;
  constructor(
    private readonly flags: { yes: boolean; overwrite: boolean; productionOk: boolean; recreate: boolean },
    private readonly file: string,
  ) {}

  private refuse(code: number, message: string): false {
    this.refusal ??= { code, message };
    return false;
  }

  async confirmCreate(env: ResolvedEnvironment, body: Record<string, unknown>): Promise<boolean> {
    if (this.flags.yes) return true;
    const what = `${String(body.provider)}${typeof body.name === 'string' ? ` "${body.name}"` : ''}`;
    return this.refuse(
      EXIT_USAGE,
      `no resource in "${env.name}" is bound to ${this.file} or matches its provider and name: creating a new ${what} needs --yes. Nothing was sent.`,
    );
  }

  async choose(candidates: PhoneDeliverySettings[]): Promise<undefined> {
    this.refuse(
      EXIT_PROBLEMS,
      `${candidates.length} resources match ${this.file} (same provider and name): ${candidates.map((c) => `${c.id} (updated ${c.updatedAt ?? '?'})`).join(', ')}. ` +
        `Put the one to update as "id" in the document. Nothing was sent.`,
    );
    return undefined;
  }

  async confirmOverwrite(live: PhoneDeliverySettings, recordedUpdatedAt: string): Promise<boolean> {
    if (this.flags.overwrite) return true;
    return this.refuse(
      EXIT_PROBLEMS,
      `${describeResource(live)} changed in PingOne (updated ${live.updatedAt}) since it was read (${recordedUpdatedAt}). Nothing was sent: ` +
        `pull it to see the changes, or send again with --overwrite to replace them.`,
    );
  }

  async confirmProduction(env: ResolvedEnvironment, operation: Operation): Promise<boolean> {
    if (!env.production || this.flags.productionOk) return true;
    return this.refuse(
      EXIT_USAGE,
      `"${env.name}" is marked production: to ${operation} a resource there, add --production-ok. Nothing was sent.`,
    );
  }

  async confirmRecreate(live: PhoneDeliverySettings, field: string): Promise<boolean> {
    if (this.flags.recreate) return true;
    return this.refuse(
      EXIT_PROBLEMS,
      `PingOne cannot change "${field}" of ${describeResource(live)}. Nothing was sent: use --recreate to delete it and create a new one ` +
        `(its id changes, and the notification settings' fallback chain may still name the old one).`,
    );
  }
}

/** Each `details[]` entry with its target and where the target is in the file. */
export function reportPingOneError(out: Output, error: PingOneError, heading: string, file: string, text: string): void {
  const envelope = error.envelope;
  const status = error.status !== undefined ? ` (${error.status}${envelope ? ` ${envelope.code}` : ''})` : '';
  out.err(`${heading}${status}: ${envelope?.message ?? error.message}`);
  // Parsed once, and one line table, for all the details (a hundred of them on a large file).
  const locate = targetLocator(text);
  const position = lineColumns(text);
  for (const d of error.details) {
    const r = locate(d.target);
    const at = position(r.offset);
    const what = [d.code, d.message].filter((x) => x !== undefined && x !== '').join(': ');
    out.err(
      `  ${file}:${at.line}:${at.col} ${d.target ?? '(no target)'}: ${what}${d.target !== undefined && !r.matched ? ' (target not found in the file)' : ''}`,
    );
  }
  if (error.correlationId) out.err(`  correlation id: ${error.correlationId}`);
}

async function readInput(io: CliIo, file: string): Promise<string> {
  try {
    return await (file === '-' ? io.readStdin() : io.readFile(file));
  } catch (e) {
    throw new CommandFailure(EXIT_USAGE, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function runSend(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? `one FILE at a time (got ${positionals.length})` : 'no FILE given');
  const modes = (['upsert', 'create-only', 'update-only'] as const).filter((m) => values[m]);
  if (modes.length > 1) throw new UsageError(`--${modes.join(' and --')} exclude each other`);
  const mode = modes[0] ?? 'upsert';
  const file = positionals[0];
  const shown = file === '-' ? '<stdin>' : file;
  const out = new Output(io, 'send');

  const env = await environmentFromOptions(io, values, out);
  const remote = connect(io, env, values, out);
  const text = await readInput(io, file);
  const variables = await loadVariables(io, env, values.var ?? [], values['var-file'] ?? []);
  out.addSecrets(variables.secretValues);

  // The document's own errors first, as the editor asks about them before anything else.
  const prepared = prepareBody(text, variables.lookup, parseAllowances(values['allow-secret-in']));
  out.addSecrets(prepared.secretValues);
  // Before anything else, and --force does not override it: a secret goes only where its owner meant it to go.
  if (prepared.refused.length) {
    for (const r of prepared.refused) out.err(`${shown}: ${r}`);
    throw out.fail(EXIT_PROBLEMS, `a secret would go where no credential belongs; nothing was sent.`);
  }
  for (const line of describeFilledSecrets(prepared.filledSecrets, hostOf(env.apiBase) ?? env.apiBase)) out.err(`secret: ${line}.`);
  if (prepared.errors.length) {
    const listing = formatText([{ file: shown, diagnostics: prepared.errors }]).trimEnd();
    if (!prepared.body || !values.force) {
      out.err(listing);
      throw out.fail(
        EXIT_PROBLEMS,
        `${shown} has ${prepared.errors.length} error${prepared.errors.length > 1 ? 's' : ''}; nothing was sent${prepared.body ? ' (--force sends it anyway)' : ''}.`,
      );
    }
    out.err(listing);
    out.err(`warning: sending ${shown} despite ${prepared.errors.length} error${prepared.errors.length > 1 ? 's' : ''} (--force).`);
  }
  if (!prepared.body) throw out.fail(EXIT_PROBLEMS, `${shown} is not a JSON object; nothing was sent.`);
  if (prepared.missing.length) {
    const names = prepared.missing.map((m) => `{{${m}}}`).join(', ');
    throw out.fail(
      EXIT_USAGE,
      `no value for ${names}. Set ${prepared.missing.map((m) => `PINGONE_VAR_${m}`).join(', ')}, put ${prepared.missing.length > 1 ? 'them' : 'it'} in a --var-file, or give --var name=value for values that are not secret. Nothing was sent.`,
    );
  }
  if (prepared.filledErrors.length) {
    for (const e of prepared.filledErrors) out.err(`${shown}: ${e}`);
    if (!values.force) throw out.fail(EXIT_PROBLEMS, `the filled-in body has errors; nothing was sent (--force sends it anyway).`);
  }

  const ui = new FlagUi(
    {
      yes: values.yes === true,
      overwrite: values.overwrite === true,
      productionOk: values['production-ok'] === true,
      recreate: values.recreate === true,
    },
    shown,
  );
  const store = new MemoryBindingStore();
  const documentKey = file === '-' ? 'untitled:stdin' : pathToFileURL(io.resolvePath(file)).href;
  const secretValues = () => [...out.secrets];

  const outcome = await sendDocument({
    client: remote.client,
    env,
    store,
    documentKey,
    body: prepared.body,
    documentId: prepared.documentId,
    documentEnvironmentId: prepared.documentEnvironmentId,
    mode,
    ui,
    secretValues: secretValues(),
  });
  return report(remote, outcome, ui.refusal, shown, text);
}

async function report(remote: Remote, outcome: SendOutcome, refusal: Refusal | undefined, file: string, text: string): Promise<number> {
  const { env, out } = remote;
  switch (outcome.kind) {
    case 'created':
    case 'updated': {
      out.json(outcome.resource);
      out.err(
        `${outcome.kind === 'created' ? 'Created' : 'Updated'} ${describeResource(outcome.resource)} in "${env.name}" (${outcome.status}).`,
      );
      if (outcome.kind === 'created') await afterCreate(remote, outcome.resource);
      return EXIT_OK;
    }
    case 'rejected': {
      const e = outcome.error;
      reportPingOneError(out, e, failureHeadline(outcome.operation, env.name), file, text);
      if (e.envelope) out.json(e.envelope);
      return exitCodeOf(e);
    }
    case 'unknown': {
      out.err(outcome.message);
      if (!outcome.determined) return EXIT_UNKNOWN_OUTCOME;
      if (outcome.created) {
        out.json(outcome.created);
        await afterCreate(remote, outcome.created);
        return EXIT_OK;
      }
      return EXIT_PROBLEMS;
    }
    case 'cancelled':
      if (refusal) throw out.fail(refusal.code, refusal.message);
      throw out.fail(EXIT_PROBLEMS, outcome.message);
  }
}

/** What the extension offers after a create, said instead: numbers to select, and the fallback chain. */
async function afterCreate(remote: Remote, created: PhoneDeliverySettings): Promise<void> {
  const { client, env, out } = remote;
  const numbers = Array.isArray(created.numbers)
    ? (created.numbers as unknown[]).filter((n): n is Record<string, unknown> => typeof n === 'object' && n !== null)
    : [];
  if (numbers.length && !numbers.some((n) => n.selected === true)) {
    out.err(
      `PingOne found ${numbers.length} number${numbers.length > 1 ? 's' : ''} in the account (${numbers.map((n) => String(n.number)).join(', ')}); ` +
        `none is selected. Put "numbers" with "selected": true on the ones to send from in the file, and send it again.`,
    );
  }
  const settings = await client.getNotificationSettings({ secretValues: [...out.secrets] });
  if (settings.kind !== 'ok') return;
  const chain = settings.value.smsProvidersFallbackChain ?? [];
  out.err(
    chain.includes(created.id)
      ? `It is in the SMS/voice fallback chain of "${env.name}".`
      : `It is not in the SMS/voice fallback chain of "${env.name}" (now: ${chain.join(', ') || 'empty'}), so PingOne does not use it yet; add it to the notification settings' smsProvidersFallbackChain.`,
  );
}
