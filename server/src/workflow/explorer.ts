/**
 * What the extension's PingOne explorer shows for one environment, and the reorders it offers,
 * without VS Code: `readExplorerData` makes the three requests of a refresh (the list of phone
 * delivery settings, the notification settings, the notification policies), `explorerModel` turns
 * them into the labels of the tree (every string shown passes the one redaction), and the chain
 * helpers compute and describe a new order of the SMS/voice fallback chain.
 */
import type { PingOneClient } from '../pingone/api';
import { errorText } from '../pingone/errors';
import { Redactor } from '../pingone/redact';
import type { CallOptions, PhoneDeliverySettings } from '../pingone/types';
import { readEnvironmentList } from './plan';
import { describeReference, readUsage, usageByProvider, type EnvironmentUsage, type ProviderReference } from './usage';

/** The literal PingOne accepts in the chain for its own Twilio account (not a phone delivery settings id). */
export const PINGONE_TWILIO = 'PINGONE_TWILIO';

export type ExplorerData =
  | { kind: 'ok'; list: PhoneDeliverySettings[]; usage: EnvironmentUsage }
  /** The list was read but not where its entries are used: the providers are shown, their use is unknown. */
  | { kind: 'usage-unreadable'; list: PhoneDeliverySettings[]; message: string }
  | { kind: 'error'; message: string };

/** One refresh of one environment: three requests, in parallel. */
export async function readExplorerData(client: PingOneClient, options: CallOptions = {}): Promise<ExplorerData> {
  const [list, usage] = await Promise.all([readEnvironmentList(client, options), readUsage(client, options)]);
  if (list.kind !== 'ok') return { kind: 'error', message: errorText(list) };
  if (usage.kind !== 'ok') return { kind: 'usage-unreadable', list: list.value, message: errorText(usage) };
  return { kind: 'ok', list: list.value, usage: usage.value };
}

/** The first 8 characters of an id: enough to tell the providers of an environment apart in a dialog. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** What a person calls a provider: its name, else its account SID or Verify service, else its id. */
export function providerName(resource: PhoneDeliverySettings): string {
  for (const field of ['name', 'verifyServiceId', 'sid']) {
    const v = Object.hasOwn(resource, field) ? resource[field] : undefined;
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return resource.id;
}

/** SMS / VOICE, from the requests of a custom provider, the capabilities of the numbers or the channels. */
export function deliveryMethods(resource: PhoneDeliverySettings): string[] {
  const found = new Set<string>();
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  for (const r of list(resource.requests))
    if (r && typeof r === 'object' && typeof (r as Record<string, unknown>).deliveryMethod === 'string')
      found.add(String((r as Record<string, unknown>).deliveryMethod).toUpperCase());
  for (const n of [...list(resource.numbers), ...list(resource.channels)])
    if (n && typeof n === 'object')
      for (const c of list((n as Record<string, unknown>).capabilities)) if (typeof c === 'string') found.add(c.toUpperCase());
  return ['SMS', 'VOICE'].filter((m) => found.has(m)).concat([...found].filter((m) => m !== 'SMS' && m !== 'VOICE').sort());
}

export interface UsedByItem {
  label: string;
  description: string;
  tooltip: string;
  reference: ProviderReference;
}

export interface ExplorerProvider {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  /** Undefined when where it is used could not be read. */
  usedBy?: UsedByItem[];
  resource: PhoneDeliverySettings;
}

export interface ChainEntry {
  id: string;
  /** 0-based. */
  position: number;
  label: string;
  description: string;
  tooltip: string;
  /** A phone delivery settings resource of the list (not PINGONE_TWILIO, not an id that is gone). */
  known: boolean;
}

export interface ExplorerModel {
  providers: ExplorerProvider[];
  /** Undefined when the notification settings could not be read (`usageError` says why). */
  chain?: ChainEntry[];
  usageError?: string;
}

function usedByItem(ref: ProviderReference, chainLength: number, r: Redactor): UsedByItem {
  if (ref.kind === 'chain')
    return {
      label: 'Fallback chain',
      description: `position ${ref.position + 1} of ${chainLength}`,
      tooltip: describeReference(ref),
      reference: ref,
    };
  const scope = [
    `condition ${ref.condition + 1}`,
    ref.deliveryMethods?.length ? ref.deliveryMethods.join('+') : undefined,
    ref.countries ? ref.countries.join(', ') : 'other countries',
    `position ${ref.position + 1}`,
  ].filter(Boolean);
  return {
    label: r.text(`Policy "${ref.policyName}"`),
    description: r.text(scope.join(' · ')),
    tooltip: r.text(describeReference(ref)),
    reference: ref,
  };
}

/** A label for a chain entry that is not a provider of the list. */
function chainLabel(id: string, byId: ReadonlyMap<string, PhoneDeliverySettings>): { label: string; known: boolean } {
  const resource = byId.get(id);
  if (resource) return { label: providerName(resource), known: true };
  if (id === PINGONE_TWILIO) return { label: "PingOne's own Twilio account", known: false };
  return { label: 'Unknown provider (not in this environment)', known: false };
}

/**
 * The tree of one environment from its list and usage. `secretValues` (the client secret, tokens,
 * secret variables) are redacted from every string shown, whatever field PingOne puts them in.
 */
export function explorerModel(
  list: readonly PhoneDeliverySettings[],
  usage: EnvironmentUsage | undefined,
  secretValues: readonly string[] = [],
  usageError?: string,
): ExplorerModel {
  const r = new Redactor(secretValues);
  const byId = new Map(list.map((p) => [p.id, p]));
  const chainIds = usage ? (usage.settings.smsProvidersFallbackChain ?? []) : undefined;
  const refs = usage ? usageByProvider(usage) : undefined;
  const providers = list.map((resource): ExplorerProvider => {
    const methods = deliveryMethods(resource);
    const usedBy = refs ? (refs.get(resource.id) ?? []).map((ref) => usedByItem(ref, chainIds!.length, r)) : undefined;
    const where =
      usedBy === undefined
        ? `unknown (${usageError ?? 'not read'})`
        : usedBy.length
          ? usedBy.map((u) => u.tooltip).join('; ')
          : 'nothing: it is not in the fallback chain or any notification policy, so PingOne does not send through it';
    return {
      id: resource.id,
      label: r.text(providerName(resource)),
      description: r.text([resource.provider, methods.join(', ')].filter(Boolean).join(' · ')),
      tooltip: r.text(
        [
          `Id: ${resource.id}`,
          `Provider: ${resource.provider}`,
          `Delivery: ${methods.join(', ') || 'not stated'}`,
          `Used by: ${where}`,
        ].join('\n'),
      ),
      usedBy,
      resource,
    };
  });
  const chain = chainIds?.map((id, position): ChainEntry => {
    const { label, known } = chainLabel(id, byId);
    return {
      id,
      position,
      label: r.text(label),
      description: r.text(`#${position + 1} · ${id === PINGONE_TWILIO ? id : shortId(id)}`),
      tooltip: r.text(`Position ${position + 1} of ${chainIds.length} of the SMS/voice fallback chain\nId: ${id}`),
      known,
    };
  });
  return { providers, ...(chain ? { chain } : {}), ...(usageError ? { usageError: r.text(usageError) } : {}) };
}

// --- Reordering the chain ------------------------------------------------------------------------------

/** The chain with the entry at `from` moved to `to` (both 0-based); undefined when either is out of range or they are equal. */
export function movedInChain(chain: readonly string[], from: number, to: number): string[] | undefined {
  if (from === to || from < 0 || to < 0 || from >= chain.length || to >= chain.length) return undefined;
  const out = [...chain];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved);
  return out;
}

/**
 * The chain after a drop of the entry at `from` on the entry at `onto`: it takes that entry's place
 * (dragged down, it goes after it; dragged up, before it), as Move Up / Move Down would step by
 * step. Dropped on the chain itself (`onto` undefined), it goes last. Undefined when nothing changes.
 */
export function droppedInChain(chain: readonly string[], from: number, onto: number | undefined): string[] | undefined {
  return movedInChain(chain, from, onto ?? chain.length - 1);
}

/** The confirmation of a reorder: the old and the new order, one line per entry (name and short id). */
export function describeReorder(
  before: readonly string[],
  after: readonly string[],
  list: readonly PhoneDeliverySettings[],
  secretValues: readonly string[] = [],
): string {
  const byId = new Map(list.map((p) => [p.id, p]));
  const r = new Redactor(secretValues);
  const lines = (ids: readonly string[]): string[] =>
    ids.length
      ? ids.map((id, i) => `  ${i + 1}. ${chainLabel(id, byId).label} (${id === PINGONE_TWILIO ? id : shortId(id)})`)
      : ['  (empty)'];
  return r.text(['Now:', ...lines(before), '', 'New:', ...lines(after)].join('\n'));
}

/** The chain in one line, for the message after a reorder: `Gateway A (1a2b3c4d), PingOne's own Twilio account (PINGONE_TWILIO)`. */
export function chainInOneLine(
  chain: readonly string[],
  list: readonly PhoneDeliverySettings[],
  secretValues: readonly string[] = [],
): string {
  const byId = new Map(list.map((p) => [p.id, p]));
  const text = chain.map((id) => `${chainLabel(id, byId).label} (${id === PINGONE_TWILIO ? id : shortId(id)})`).join(', ');
  return new Redactor(secretValues).text(text || '(empty)');
}
