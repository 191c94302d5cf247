/**
 * Send a document to one environment: bind it to a resource, then update (PUT, after the stale
 * check) or create (POST, after a confirmation), and make sure the person always knows whether a
 * provider was created. Shared by the extension and the CLI; all questions go through `SendUi`.
 */
import type { PingOneClient } from '../pingone/api';
import type { PingOneError, PingOneResult } from '../pingone/errors';
import type { PhoneDeliverySettings } from '../pingone/types';
import { bindingFromList, bindingWithoutList, matchesKey, naturalKey, type Binding, type BindingStore } from './binding';
import type { ResolvedEnvironment } from './environments';

export type Operation = 'create' | 'update' | 'delete';
/** What failed: an operation, or the list or read a send makes first. */
export type Step = Operation | 'list' | 'read';

/** The first line of a failure report: "could not list …" for the list, "PingOne refused the …" for the rest. */
export function failureHeadline(step: Step, envName: string): string {
  if (step === 'list') return `Could not list the phone delivery settings of "${envName}", so nothing was sent`;
  if (step === 'read') return `Could not read the bound resource in "${envName}", so nothing was sent`;
  return `PingOne refused the ${step} in "${envName}"`;
}

/** The questions a send may ask; the extension answers with dialogs, the CLI with its flags. */
export interface SendUi {
  /** No resource is bound: create a new one? */
  confirmCreate(env: ResolvedEnvironment, body: Record<string, unknown>): Promise<boolean>;
  /** Several resources match: which one (or undefined to cancel, 'new' to create)? */
  choose(candidates: PhoneDeliverySettings[]): Promise<PhoneDeliverySettings | 'new' | undefined>;
  /** The live resource changed since this document last saw it: overwrite? */
  confirmOverwrite(live: PhoneDeliverySettings, recordedUpdatedAt: string): Promise<boolean>;
  /** A production environment (or every environment, by setting): go ahead with this operation? */
  confirmProduction(env: ResolvedEnvironment, operation: Operation): Promise<boolean>;
  /** `provider` or a Twilio `sid` changed: PingOne cannot update that. Delete and create instead? */
  confirmRecreate(live: PhoneDeliverySettings, field: string): Promise<boolean>;
}

export interface SendRequest {
  client: PingOneClient;
  env: ResolvedEnvironment;
  store: BindingStore;
  documentKey: string;
  body: Record<string, unknown>;
  documentId?: string;
  documentEnvironmentId?: string;
  mode?: 'upsert' | 'create-only' | 'update-only';
  ui: SendUi;
  signal?: AbortSignal;
  secretValues?: string[];
}

export type SendOutcome =
  | { kind: 'created'; resource: PhoneDeliverySettings; status: number; correlationId: string }
  | { kind: 'updated'; resource: PhoneDeliverySettings; status: number; correlationId: string }
  | { kind: 'rejected'; error: PingOneError; operation: Step }
  /** A POST whose answer was lost: `created` says what the list comparison found, if anything could be found. */
  | { kind: 'unknown'; determined: boolean; created?: PhoneDeliverySettings; message: string; operation?: Operation }
  | { kind: 'cancelled'; message: string };

const IMMUTABLE_SID_PROVIDERS = new Set(['CUSTOM_TWILIO', 'CUSTOM_TWILIO_VERIFY', 'CUSTOM_TWILIO_MESSAGING_SERVICE']);

function fail(error: PingOneError, operation: Step): SendOutcome {
  return { kind: 'rejected', error, operation };
}

export async function sendDocument(req: SendRequest): Promise<SendOutcome> {
  const { client, env, store, ui, body } = req;
  const opts = { signal: req.signal, secretValues: req.secretValues };
  const mode = req.mode ?? 'upsert';
  let list: PhoneDeliverySettings[] | undefined;
  const getList = async (): Promise<PingOneResult<PhoneDeliverySettings[]>> => {
    const r = await client.list(opts);
    if (r.kind === 'ok') list = r.value;
    return r;
  };

  if (mode === 'create-only') return createOnly(req, opts);
  let binding: Binding | undefined = bindingWithoutList(store, { ...req, targetKey: env.targetKey, environmentId: env.environmentId });
  if (!binding) {
    const r = await getList();
    if (r.kind !== 'ok') return r.kind === 'error' ? fail(r.error, 'list') : { kind: 'cancelled', message: r.message };
    binding = bindingFromList(list!, body);
  }
  if (binding.kind === 'ambiguous') {
    const choice = await ui.choose(binding.candidates);
    if (!choice) return { kind: 'cancelled', message: 'Nothing was sent: no resource was chosen.' };
    binding =
      choice === 'new' ? { kind: 'unbound' } : { kind: 'bound', id: choice.id, source: 'match', recordedUpdatedAt: choice.updatedAt };
  }

  if (binding.kind === 'bound') {
    const live = await client.read(binding.id, opts);
    if (live.kind === 'error' && live.error.status === 404) {
      // The bound resource is gone (deleted in the console?): forget the binding, fall back to create.
      await store.delete(req.documentKey, env.targetKey);
      if (mode === 'update-only')
        return {
          kind: 'cancelled',
          message: `Nothing was sent: resource ${binding.id} no longer exists in ${env.name}, and only updates were allowed.`,
        };
      binding = { kind: 'unbound' };
    } else if (live.kind === 'error') {
      // Includes an answer about another resource than the one asked for: never a PUT to that one.
      return fail(live.error, 'read');
    } else if (live.kind === 'unknown-outcome') {
      return { kind: 'cancelled', message: `Nothing was sent: ${live.message}` };
    } else {
      return update(req, live.value, binding.recordedUpdatedAt, opts);
    }
  }

  if (mode === 'update-only')
    return {
      kind: 'cancelled',
      message: `Nothing was sent: no resource in ${env.name} matches this document, and only updates were allowed.`,
    };
  return create(req, list, opts);
}

/** Only creates: refused when the document already is a resource there (by id or by provider + name). */
async function createOnly(req: SendRequest, opts: { signal?: AbortSignal; secretValues?: string[] }): Promise<SendOutcome> {
  const { client, env, store, body } = req;
  const l = await client.list(opts);
  if (l.kind === 'error') return fail(l.error, 'list');
  if (l.kind === 'unknown-outcome') return { kind: 'cancelled', message: `Nothing was sent: ${l.message}` };
  const list = l.value;
  const own = bindingWithoutList(store, { ...req, targetKey: env.targetKey, environmentId: env.environmentId });
  const byId = own?.kind === 'bound' ? list.find((r) => r.id === own.id) : undefined;
  const byKey = bindingFromList(list, body);
  const existing =
    byId ?? (byKey.kind === 'bound' ? list.find((r) => r.id === byKey.id) : byKey.kind === 'ambiguous' ? byKey.candidates[0] : undefined);
  if (existing) {
    return {
      kind: 'cancelled',
      message: `Nothing was sent: ${existing.provider}${existing.name ? ` "${String(existing.name)}"` : ''} (${existing.id}) already exists in ${env.name}, and only creates were allowed.`,
    };
  }
  return create(req, list, opts);
}

async function update(
  req: SendRequest,
  live: PhoneDeliverySettings,
  recordedUpdatedAt: string | undefined,
  opts: { signal?: AbortSignal; secretValues?: string[] },
): Promise<SendOutcome> {
  const { client, env, ui, body, store } = req;
  const immutable =
    live.provider !== body.provider
      ? 'provider'
      : IMMUTABLE_SID_PROVIDERS.has(live.provider) && typeof body.sid === 'string' && live.sid !== undefined && live.sid !== body.sid
        ? 'sid'
        : undefined;
  if (immutable) {
    if (!(await ui.confirmRecreate(live, immutable)))
      return { kind: 'cancelled', message: `Nothing was sent: "${immutable}" cannot be changed on an existing resource.` };
    if (!(await ui.confirmProduction(env, 'delete'))) return { kind: 'cancelled', message: 'Nothing was sent.' };
    const del = await client.delete(live.id, opts);
    if (del.kind === 'error') return fail(del.error, 'delete');
    if (del.kind === 'unknown-outcome') return { kind: 'cancelled', message: del.message };
    await store.delete(req.documentKey, env.targetKey);
    return create(req, undefined, opts, true);
  }
  if (recordedUpdatedAt && live.updatedAt && live.updatedAt !== recordedUpdatedAt) {
    if (!(await ui.confirmOverwrite(live, recordedUpdatedAt)))
      return { kind: 'cancelled', message: 'Nothing was sent: the resource changed in PingOne since this document last saw it.' };
  }
  if (!(await ui.confirmProduction(env, 'update'))) return { kind: 'cancelled', message: 'Nothing was sent.' };
  // The id goes into the PUT body too: the Terraform provider does so since PingOne answered an update
  // without it with UNIQUENESS_VIOLATION (terraform-provider-pingone 98e064e2), and the docs' update
  // request models list it.
  const r = await client.update(live.id, { ...body, id: live.id }, opts);
  if (r.kind === 'error' && answeredOk(r.error)) {
    // PingOne answered 2xx, so the update was applied; only its answer is unusable: read it back.
    const back = await client.read(live.id, opts);
    if (back.kind === 'ok') {
      await store.set(req.documentKey, env.targetKey, { id: back.value.id, updatedAt: back.value.updatedAt });
      return { kind: 'updated', resource: back.value, status: r.error.status!, correlationId: back.correlationId };
    }
    return {
      kind: 'unknown',
      operation: 'update',
      determined: false,
      message: `PingOne applied the update of ${live.id} in ${env.name} (it answered ${r.error.status}), but neither its answer nor a read of the resource could be used. Compare with PingOne before editing further.`,
    };
  }
  if (r.kind === 'error' && r.error.maybeProcessed) {
    // A PUT attempt got no answer: the update may have been applied, so this is no plain failure.
    return {
      kind: 'unknown',
      operation: 'update',
      determined: false,
      message: `${r.error.message} Sending the document again is safe: an update replaces the whole resource.`,
    };
  }
  if (r.kind === 'error') return fail(r.error, 'update');
  if (r.kind === 'unknown-outcome') return { kind: 'unknown', operation: 'update', determined: false, message: r.message };
  await store.set(req.documentKey, env.targetKey, { id: r.value.id, updatedAt: r.value.updatedAt });
  return { kind: 'updated', resource: r.value, status: r.status, correlationId: r.correlationId };
}

async function create(
  req: SendRequest,
  knownList: PhoneDeliverySettings[] | undefined,
  opts: { signal?: AbortSignal; secretValues?: string[] },
  confirmed = false,
): Promise<SendOutcome> {
  const { client, env, ui, body, store } = req;
  if (!confirmed && !(await ui.confirmCreate(env, body))) return { kind: 'cancelled', message: 'Nothing was sent.' };
  if (!confirmed && !(await ui.confirmProduction(env, 'create'))) return { kind: 'cancelled', message: 'Nothing was sent.' };
  // The list before the POST is what tells, if its answer is lost, whether it created something.
  let before = knownList;
  if (!before) {
    const l = await client.list(opts);
    if (l.kind === 'error') return fail(l.error, 'list');
    if (l.kind === 'unknown-outcome') return { kind: 'cancelled', message: `Nothing was sent: ${l.message}` };
    before = l.value;
  }
  const r = await client.create(body, opts);
  if (r.kind === 'error' && answeredOk(r.error)) {
    // PingOne answered 2xx, so it created the provider; only its answer (and so its id) is unusable.
    return resolveUnknownCreate(req, before, `PingOne answered ${r.error.status} but its body could not be used`, false);
  }
  if (r.kind === 'error') return fail(r.error, 'create');
  if (r.kind === 'ok') {
    await store.set(req.documentKey, env.targetKey, { id: r.value.id, updatedAt: r.value.updatedAt });
    return { kind: 'created', resource: r.value, status: r.status, correlationId: r.correlationId };
  }
  // A lost connection means PingOne stopped working on the request, so an unchanged list proves
  // nothing was created. After a timeout (or a cancel, or a 504) it may still be processing it.
  return resolveUnknownCreate(req, before, r.message, r.reason === 'connection-lost');
}

/** A 2xx answer whose body could not be read or was not the expected resource: the operation was done. */
function answeredOk(error: PingOneError): boolean {
  return error.kind === 'malformed-response' && error.status !== undefined && error.status >= 200 && error.status < 300;
}

/**
 * The POST's answer was lost: compare the list before and after to say whether it created a provider.
 * `absenceIsProof`: whether "no new provider in the list" proves that none was created (false when
 * PingOne may still be processing the request).
 */
async function resolveUnknownCreate(
  req: SendRequest,
  before: PhoneDeliverySettings[],
  reason: string,
  absenceIsProof: boolean,
): Promise<SendOutcome> {
  const { client, env, body, store } = req;
  const known = new Set(before.map((r) => r.id));
  const after = await client.list({ secretValues: req.secretValues });
  if (after.kind !== 'ok') {
    return {
      kind: 'unknown',
      operation: 'create',
      determined: false,
      message: `The create request's answer was lost (${reason}), and the list of ${env.name} could not be read to check. Look in PingOne before sending again: a provider may have been created.`,
    };
  }
  const key = naturalKey(body);
  const fresh = after.value.filter((r) => !known.has(r.id) && r.provider === body.provider && (!key || matchesKey(r, key)));
  if (fresh.length === 1) {
    await store.set(req.documentKey, env.targetKey, { id: fresh[0].id, updatedAt: fresh[0].updatedAt });
    return {
      kind: 'unknown',
      operation: 'create',
      determined: true,
      created: fresh[0],
      message: `The create request's answer was lost (${reason}), but PingOne did create the provider: ${fresh[0].id}. The document is now bound to it; sending again updates it.`,
    };
  }
  if (fresh.length === 0 && !absenceIsProof) {
    return {
      kind: 'unknown',
      operation: 'create',
      determined: false,
      message: `The create request's answer was lost (${reason}). No new provider is in the list of ${env.name} yet, but PingOne may still be processing it: look in PingOne before sending again.`,
    };
  }
  if (fresh.length === 0)
    return {
      kind: 'unknown',
      operation: 'create',
      determined: true,
      message: `The create request's answer was lost (${reason}). The list of ${env.name} shows that no provider was created; it is safe to send again.`,
    };
  return {
    kind: 'unknown',
    operation: 'create',
    determined: false,
    message: `The create request's answer was lost (${reason}), and ${fresh.length} new matching providers appeared in ${env.name} meanwhile. Look in PingOne before sending again.`,
  };
}
