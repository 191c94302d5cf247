/**
 * "Every environment at a glance": what a send of each document would do in each environment,
 * without writing anything. Per environment one list of its phone delivery settings
 * (`readEnvironmentList`, one request) serves every document; `planDocument` is pure, so the extension
 * can recompute a status (explorer, CodeLens) from a cached list on every keystroke.
 *
 * The comparison is the Compare's (`compare.ts`): both sides normalised (defaults filled, read-only,
 * binding and write-only fields dropped, keys sorted); the document's plain variables are filled in
 * for the environment; where the document still holds a `{{placeholder}}` (a secret), the live value
 * is shown as that placeholder when it fits. The binding is the send's (`binding.ts`): recorded →
 * document id → provider + name. The diff shown is a unified diff of the normalised JSON, redacted.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { PingOneClient } from '../pingone/api';
import { errorText, type PingOneResult } from '../pingone/errors';
import { redactJson, redactString } from '../pingone/redact';
import type { CallOptions, PhoneDeliverySettings } from '../pingone/types';
import { isObject } from '../model/json';
import { fillPlaceholders } from '../model/placeholders';
import { bindingFromList, bindingWithoutList, documentBinding, type BindingStore } from './binding';
import { normalizeForCompare } from './compare';
import type { ResolvedEnvironment } from './environments';
import { checkText } from './prepare';

export interface PlanInput {
  /** The document's text (JSON with comments). */
  text: string;
  /** Binding key of the document (a file URI). */
  documentKey: string;
  /** Its name in the diff header (a path). */
  label: string;
  env: ResolvedEnvironment;
  /** The environment's phone delivery settings, as listed. */
  list: readonly PhoneDeliverySettings[];
  store: BindingStore;
  /** Plain (non-secret) values for placeholders beyond the environment's own `variables`. */
  plainVariables?: Readonly<Record<string, string>>;
  /** Values redacted wherever they occur in the diff. */
  secretValues?: readonly string[];
}

export type PlanStatus =
  | { kind: 'no-change'; id: string; resource: PhoneDeliverySettings }
  | { kind: 'create'; diff: string }
  | {
      kind: 'update';
      id: string;
      resource: PhoneDeliverySettings;
      diff: string;
      /** `provider` or a Twilio `sid` differs: PingOne cannot update it (send --recreate, or replace). */
      immutable?: 'provider' | 'sid';
      /** The difference is only in values shown redacted. */
      hiddenDifference?: boolean;
      /** Where the sides differ (`name`, `requests[0].url`): field paths, never values. */
      changedFields: string[];
    }
  | {
      kind: 'error';
      message: string;
      /** Set when several resources match the document: a send asks which one it is. */
      candidates?: PhoneDeliverySettings[];
    };

const IMMUTABLE_SID_PROVIDERS = new Set(['CUSTOM_TWILIO', 'CUSTOM_TWILIO_VERIFY', 'CUSTOM_TWILIO_MESSAGING_SERVICE']);
const PLACEHOLDER = /\{\{\s*[\w.-]+\s*\}\}/;
const PLACEHOLDERS = /\{\{\s*[\w.-]+\s*\}\}/g;

function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((c) => mapStrings(c, f));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, mapStrings(c, f)]));
  return v;
}

/**
 * Whether `text` is `pieces` joined by any texts (each placeholder stands for any text). Each inner
 * piece is taken at its leftmost place after the one before (the leftmost fit is the one that leaves
 * the most room): no regex built from the document, and no backtracking however many placeholders.
 */
function fitsTemplate(pieces: readonly string[], text: string): boolean {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (pieces.length === 1) return text === first;
  if (!text.startsWith(first) || first.length + last.length > text.length || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const at = text.indexOf(pieces[i], pos);
    if (at < 0 || at + pieces[i].length > end) return false;
    pos = at + pieces[i].length;
  }
  return true;
}

/**
 * The live side as the document would see it: where the document keeps a `{{placeholder}}` (a
 * secret, not filled for a plan), the live value is replaced by the document's text when it fits the
 * text around the placeholder (a whole placeholder always fits, as in the Compare), else by a note.
 */
export function maskLiveWithTemplates(doc: unknown, live: unknown): unknown {
  if (typeof doc === 'string' && typeof live === 'string' && PLACEHOLDER.test(doc)) {
    return fitsTemplate(doc.split(PLACEHOLDERS), live) ? doc : `(differs from ${doc}; not shown)`;
  }
  if (Array.isArray(doc) && Array.isArray(live)) return live.map((l, i) => maskLiveWithTemplates(doc[i], l));
  if (isObject(doc) && isObject(live))
    return Object.fromEntries(Object.entries(live).map(([k, v]) => [k, maskLiveWithTemplates(doc[k], v)]));
  return live;
}

function pathTo(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;
}

/** The paths (field names and indexes, never values) where two JSON values differ; one pass over both. */
export function changedPaths(a: unknown, b: unknown, base = '', out: string[] = []): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) out.push(pathTo(base, i));
      else changedPaths(a[i], b[i], pathTo(base, i), out);
    }
  } else if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!Object.hasOwn(a, k) || !Object.hasOwn(b, k)) out.push(pathTo(base, k));
      else changedPaths(a[k], b[k], pathTo(base, k), out);
    }
  } else if (a !== b) out.push(base || '(the whole document)');
  return out;
}

function diffOf(oldName: string, newName: string, before: string, after: string): string {
  return createTwoFilesPatch(oldName, newName, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

/** What a send of this document would do in this environment, from the environment's list. */
export function planDocument(input: PlanInput): PlanStatus {
  const { env, list, store } = input;
  const secrets = [...(input.secretValues ?? [])];
  const { errors, value } = checkText(input.text);
  if (!isObject(value)) return { kind: 'error', message: `${input.label} is not a JSON object.` };
  if (errors.length) {
    const first = errors[0];
    return {
      kind: 'error',
      message: `${input.label} has ${errors.length} error${errors.length > 1 ? 's' : ''} (line ${first.range.start.line + 1}: ${first.message}); a send would refuse it.`,
    };
  }
  const own = (o: Record<string, string> | undefined, k: string): string | undefined => (o && Object.hasOwn(o, k) ? o[k] : undefined);
  const plain = (name: string): string | undefined => own(input.plainVariables, name) ?? own(env.variables, name);
  const filled = mapStrings(value, (s) => fillPlaceholders(s, plain).value) as Record<string, unknown>;
  const { documentId, documentEnvironmentId } = documentBinding(value);

  const bindingInput = { documentKey: input.documentKey, targetKey: env.targetKey, environmentId: env.environmentId, body: filled };
  const binding = bindingWithoutList(store, { ...bindingInput, documentId, documentEnvironmentId }) ?? bindingFromList([...list], filled);
  if (binding.kind === 'ambiguous') {
    return {
      kind: 'error',
      message: `${binding.candidates.length} resources in "${env.name}" match ${input.label} (same provider and name): ${binding.candidates.map((c) => c.id).join(', ')}; put the one it is as "id" in the document.`,
      candidates: binding.candidates,
    };
  }
  const docSide = normalizeForCompare(filled);
  const shownDoc = normalizeForCompare(redactJson(filled, { secretValues: secrets }));
  const live = binding.kind === 'bound' ? list.find((r) => r.id === binding.id) : undefined;
  if (!live) return { kind: 'create', diff: redactString(diffOf('/dev/null', input.label, '', shownDoc), secrets) };

  const masked = maskLiveWithTemplates(filled, live) as Record<string, unknown>;
  const liveSide = normalizeForCompare(masked);
  if (liveSide === docSide) return { kind: 'no-change', id: live.id, resource: live };
  const shownLive = normalizeForCompare(redactJson(masked, { secretValues: secrets }));
  const diff = redactString(diffOf(`PingOne ${env.name} ${live.id}`, input.label, shownLive, shownDoc), secrets);
  const immutable =
    live.provider !== filled.provider
      ? 'provider'
      : IMMUTABLE_SID_PROVIDERS.has(live.provider) && typeof filled.sid === 'string' && live.sid !== undefined && live.sid !== filled.sid
        ? 'sid'
        : undefined;
  return {
    kind: 'update',
    id: live.id,
    resource: live,
    diff,
    changedFields: changedPaths(JSON.parse(liveSide), JSON.parse(docSide)),
    ...(immutable ? { immutable } : {}),
    ...(shownLive === shownDoc ? { hiddenDifference: true } : {}),
  };
}

/** The one request per environment a plan needs. */
export function readEnvironmentList(client: PingOneClient, options: CallOptions = {}): Promise<PingOneResult<PhoneDeliverySettings[]>> {
  return client.list(options);
}

export interface PlanDocumentInput {
  text: string;
  documentKey: string;
  label: string;
}

export interface EnvironmentPlan {
  env: ResolvedEnvironment;
  /** Set when the list could not be read: every document is then unknown. */
  error?: string;
  documents: { label: string; status: PlanStatus }[];
}

/** Lists the environment once and plans every document against it. */
export async function planEnvironment(
  client: PingOneClient,
  env: ResolvedEnvironment,
  documents: readonly PlanDocumentInput[],
  store: BindingStore,
  options: CallOptions & { plainVariables?: Readonly<Record<string, string>> } = {},
): Promise<EnvironmentPlan> {
  const list = await readEnvironmentList(client, options);
  if (list.kind !== 'ok') {
    const message = errorText(list);
    return { env, error: message, documents: documents.map((d) => ({ label: d.label, status: { kind: 'error', message } })) };
  }
  return {
    env,
    documents: documents.map((d) => ({
      label: d.label,
      status: planDocument({
        ...d,
        env,
        list: list.value,
        store,
        plainVariables: options.plainVariables,
        secretValues: options.secretValues,
      }),
    })),
  };
}

/** 0 nothing would change, 2 something would, 1 anything could not be planned (as `terraform plan -detailed-exitcode`). */
export function planExitCode(plans: readonly EnvironmentPlan[]): 0 | 1 | 2 {
  const statuses = plans.flatMap((p) => p.documents.map((d) => d.status.kind));
  if (plans.some((p) => p.error) || statuses.includes('error')) return 1;
  return statuses.some((s) => s === 'create' || s === 'update') ? 2 : 0;
}
