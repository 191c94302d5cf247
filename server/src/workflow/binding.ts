/**
 * Which resource a document is, per environment (issue "Send to PingOne", "Which resource a
 * document is"): the id recorded after an earlier send or pull; else an `id` in the document,
 * unless its `environment.id` names another environment; else a unique match in the environment's
 * list on `provider` + `name` (or `sid` / `verifyServiceId` where the provider has no name).
 */
import type { PhoneDeliverySettings } from '../pingone/types';
import { isObject } from '../model/json';

export interface BindingRecord {
  id: string;
  /** `updatedAt` of the resource when this document last saw it (pull or send): the stale-PUT guard. */
  updatedAt?: string;
}

/** Where bindings are kept: the extension's workspace state, or memory in the CLI. */
export interface BindingStore {
  get(documentKey: string, targetKey: string): BindingRecord | undefined;
  /** Records the binding, and `updatedAt` as the last version of the resource this person saw. */
  set(documentKey: string, targetKey: string, record: BindingRecord): Promise<void> | void;
  delete(documentKey: string, targetKey: string): Promise<void> | void;
  /** The `updatedAt` last seen for a resource (any document), for documents bound by their own `id`. */
  lastSeen(targetKey: string, id: string): string | undefined;
  /** The documents with a recorded binding to resource `id` of the target (the explorer's "Compare with Bound File"). */
  boundDocuments(targetKey: string, id: string): string[];
}

export class MemoryBindingStore implements BindingStore {
  private readonly map = new Map<string, BindingRecord>();
  private readonly seen = new Map<string, string>();
  get(d: string, t: string): BindingRecord | undefined {
    return this.map.get(JSON.stringify([d, t]));
  }
  set(d: string, t: string, r: BindingRecord): void {
    this.map.set(JSON.stringify([d, t]), r);
    if (r.updatedAt) this.seen.set(JSON.stringify([t, r.id]), r.updatedAt);
  }
  lastSeen(t: string, id: string): string | undefined {
    return this.seen.get(JSON.stringify([t, id]));
  }
  delete(d: string, t: string): void {
    this.map.delete(JSON.stringify([d, t]));
  }
  boundDocuments(t: string, id: string): string[] {
    return documentsBoundTo(this.map, t, id);
  }
}

/** The document keys of `records` (keyed `JSON.stringify([documentKey, targetKey])`) bound to `id` in `targetKey`. */
export function documentsBoundTo(records: Iterable<[string, BindingRecord]>, targetKey: string, id: string): string[] {
  const out: string[] = [];
  for (const [key, record] of records) {
    if (record?.id !== id) continue;
    try {
      const [documentKey, target] = JSON.parse(key) as unknown[];
      if (target === targetKey && typeof documentKey === 'string') out.push(documentKey);
    } catch {
      // A key written by another version: not a binding this one can read.
    }
  }
  return out;
}

export type Binding =
  | { kind: 'bound'; id: string; source: 'recorded' | 'document' | 'match'; recordedUpdatedAt?: string }
  | { kind: 'unbound' }
  | { kind: 'ambiguous'; candidates: PhoneDeliverySettings[] };

/** The natural key of a body: provider plus name, or the account SID / Verify service where there is no name. */
export function naturalKey(body: Record<string, unknown>): Record<string, string> | undefined {
  const provider = Object.hasOwn(body, 'provider') ? body.provider : undefined;
  if (typeof provider !== 'string') return undefined;
  for (const field of ['name', 'verifyServiceId', 'sid']) {
    const v = Object.hasOwn(body, field) ? body[field] : undefined;
    if (typeof v === 'string' && v !== '') return { provider, [field]: v };
  }
  return undefined;
}

/**
 * A document's own `id` and `environment.id`: own members only, so a `__proto__` key (which
 * `JSON`-with-comments parsers turn into the object's prototype) never binds it to another id.
 */
export function documentBinding(value: unknown): { documentId?: string; documentEnvironmentId?: string } {
  if (!isObject(value)) return {};
  const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
  const id = own(value, 'id');
  const env = own(value, 'environment');
  const envId = isObject(env) ? own(env, 'id') : undefined;
  return { documentId: typeof id === 'string' ? id : undefined, documentEnvironmentId: typeof envId === 'string' ? envId : undefined };
}

export function matchesKey(resource: PhoneDeliverySettings, key: Record<string, string>): boolean {
  return Object.entries(key).every(([k, v]) => resource[k] === v);
}

export interface BindingInput {
  documentKey: string;
  targetKey: string;
  environmentId: string;
  body: Record<string, unknown>;
  documentId?: string;
  documentEnvironmentId?: string;
}

/**
 * Binding without the list first (cheap cases); `undefined` when the list is needed.
 */
export function bindingWithoutList(store: BindingStore, input: BindingInput): Binding | undefined {
  const recorded = store.get(input.documentKey, input.targetKey);
  if (recorded) return { kind: 'bound', id: recorded.id, source: 'recorded', recordedUpdatedAt: recorded.updatedAt };
  if (input.documentId && (!input.documentEnvironmentId || input.documentEnvironmentId === input.environmentId)) {
    return {
      kind: 'bound',
      id: input.documentId,
      source: 'document',
      recordedUpdatedAt: store.lastSeen(input.targetKey, input.documentId),
    };
  }
  return undefined;
}

export function bindingFromList(list: PhoneDeliverySettings[], body: Record<string, unknown>): Binding {
  const key = naturalKey(body);
  if (!key) return { kind: 'unbound' };
  const matches = list.filter((r) => matchesKey(r, key));
  if (matches.length === 1) return { kind: 'bound', id: matches[0].id, source: 'match', recordedUpdatedAt: matches[0].updatedAt };
  if (matches.length > 1) return { kind: 'ambiguous', candidates: matches };
  return { kind: 'unbound' };
}
