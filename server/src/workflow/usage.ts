/**
 * Where a phone delivery settings resource (a "provider") is used in an environment: the
 * notification settings' `smsProvidersFallbackChain`, and the ordered `fallbackChain` of each
 * condition of each notification policy's `providerConfiguration`. Reading it costs two requests
 * (`readUsage`); everything else here is pure, so that a caller (the CLI, the extension's explorer)
 * reads it once per environment, caches it, and asks as many questions as it likes.
 *
 * The edits that remove or rewire a reference (`referenceEdits`) and the reorder of one chain
 * (`chainEdit`, `policyChainEdit`) are plain PUT bodies; `applyReferenceEdits` sends them in order and
 * stops at the first failure, saying which were done.
 */
import type { PingOneClient } from '../pingone/api';
import { errorText, type PingOneResult } from '../pingone/errors';
import type { CallOptions, NotificationPolicy, NotificationSettings, PolicyCondition } from '../pingone/types';

export interface EnvironmentUsage {
  settings: NotificationSettings;
  policies: NotificationPolicy[];
}

export type ProviderReference =
  /** `smsProvidersFallbackChain[position]` of the notification settings (0-based). */
  | { kind: 'chain'; position: number }
  /** `providerConfiguration.conditions[condition].fallbackChain[position]` of a policy (0-based). */
  | {
      kind: 'policy';
      policyId: string;
      policyName: string;
      condition: number;
      deliveryMethods?: string[];
      countries?: string[];
      position: number;
    };

/** The two reads, in parallel: the notification settings and the notification policies. */
export async function readUsage(client: PingOneClient, options: CallOptions = {}): Promise<PingOneResult<EnvironmentUsage>> {
  const [settings, policies] = await Promise.all([client.getNotificationSettings(options), client.listNotificationPolicies(options)]);
  if (settings.kind !== 'ok') return settings;
  if (policies.kind !== 'ok') return policies;
  return {
    kind: 'ok',
    status: policies.status,
    value: { settings: settings.value, policies: policies.value },
    correlationId: policies.correlationId,
    attempts: settings.attempts + policies.attempts,
  };
}

function conditionsOf(policy: NotificationPolicy): PolicyCondition[] {
  const c = policy.providerConfiguration?.conditions;
  return Array.isArray(c) ? c : [];
}

function chainIds(condition: PolicyCondition): string[] {
  return Array.isArray(condition.fallbackChain) ? condition.fallbackChain.map((e) => (e && typeof e.id === 'string' ? e.id : '')) : [];
}

/** Every reference to every id, in order: chain first, then the policies as listed. */
export function usageByProvider(usage: EnvironmentUsage): Map<string, ProviderReference[]> {
  const out = new Map<string, ProviderReference[]>();
  const add = (id: string, ref: ProviderReference): void => {
    if (!out.has(id)) out.set(id, []);
    out.get(id)!.push(ref);
  };
  (usage.settings.smsProvidersFallbackChain ?? []).forEach((id, position) => add(id, { kind: 'chain', position }));
  for (const policy of usage.policies) {
    conditionsOf(policy).forEach((c, condition) =>
      chainIds(c).forEach((id, position) =>
        add(id, {
          kind: 'policy',
          policyId: policy.id,
          policyName: policy.name,
          condition,
          ...(Array.isArray(c.deliveryMethods) ? { deliveryMethods: c.deliveryMethods } : {}),
          ...(Array.isArray(c.countries) ? { countries: c.countries } : {}),
          position,
        }),
      ),
    );
  }
  return out;
}

export function referencesTo(usage: EnvironmentUsage, providerId: string): ProviderReference[] {
  return usageByProvider(usage).get(providerId) ?? [];
}

/** One line, 1-based positions: `position 2 of the SMS/voice fallback chain`. */
export function describeReference(ref: ProviderReference): string {
  if (ref.kind === 'chain') return `position ${ref.position + 1} of the SMS/voice fallback chain (notification settings)`;
  const scope = [ref.deliveryMethods?.join('+'), ref.countries ? ref.countries.join(', ') : 'other countries'].filter(Boolean).join(', ');
  return `position ${ref.position + 1} of condition ${ref.condition + 1} (${scope}) of notification policy "${ref.policyName}" (${ref.policyId})`;
}

/** One PUT that changes references: the notification settings, or one policy. */
export type ReferenceEdit =
  | { target: 'chain'; body: NotificationSettings; references: ProviderReference[] }
  | { target: 'policy'; policyId: string; policyName: string; body: Record<string, unknown>; references: ProviderReference[] };

const READ_ONLY = ['_links', 'id', 'environment', 'createdAt', 'updatedAt'];

function writable<T extends Record<string, unknown>>(resource: T): T {
  return Object.fromEntries(Object.entries(resource).filter(([k]) => !READ_ONLY.includes(k))) as T;
}

/** `from` replaced by `to` (or dropped when `to` is undefined), keeping each id once, at its first place. */
function rewired(ids: string[], from: string, to: string | undefined): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const next = id === from ? to : id;
    if (next !== undefined && !out.includes(next)) out.push(next);
  }
  return out;
}

/** The PUT of the notification settings with this chain (a reorder, say). */
export function chainEdit(usage: EnvironmentUsage, chain: string[], references: ProviderReference[] = []): ReferenceEdit {
  return { target: 'chain', body: { ...writable(usage.settings), smsProvidersFallbackChain: chain }, references };
}

/** The PUT of a policy whose condition `condition` has this provider order (a reorder, say). */
export function policyChainEdit(
  policy: NotificationPolicy,
  condition: number,
  ids: string[],
  references: ProviderReference[] = [],
): ReferenceEdit {
  const conditions = conditionsOf(policy).map((c, i) => (i === condition ? { ...c, fallbackChain: ids.map((id) => ({ id })) } : c));
  const body = { ...writable(policy), providerConfiguration: { ...policy.providerConfiguration, conditions } };
  return { target: 'policy', policyId: policy.id, policyName: policy.name, body, references };
}

/**
 * The PUTs that take `from` out of every chain and policy (`to` undefined), or put `to` in its
 * place: the notification settings first, then each policy that references it, in list order.
 */
export function referenceEdits(usage: EnvironmentUsage, from: string, to?: string): ReferenceEdit[] {
  const refs = referencesTo(usage, from);
  const edits: ReferenceEdit[] = [];
  const chainRefs = refs.filter((r) => r.kind === 'chain');
  if (chainRefs.length) edits.push(chainEdit(usage, rewired(usage.settings.smsProvidersFallbackChain ?? [], from, to), chainRefs));
  for (const policy of usage.policies) {
    const policyRefs = refs.filter((r) => r.kind === 'policy' && r.policyId === policy.id);
    if (!policyRefs.length) continue;
    const conditions = conditionsOf(policy).map((c) =>
      chainIds(c).includes(from) ? { ...c, fallbackChain: rewired(chainIds(c), from, to).map((id) => ({ id })) } : c,
    );
    const body = { ...writable(policy), providerConfiguration: { ...policy.providerConfiguration, conditions } };
    edits.push({ target: 'policy', policyId: policy.id, policyName: policy.name, body, references: policyRefs });
  }
  return edits;
}

export function describeEdit(edit: ReferenceEdit): string {
  return edit.target === 'chain'
    ? 'the SMS/voice fallback chain (notification settings)'
    : `notification policy "${edit.policyName}" (${edit.policyId})`;
}

export interface EditStep {
  edit: ReferenceEdit;
  outcome: 'done' | 'failed' | 'not-run';
  /** For `failed`: PingOne's answer, free of secrets. */
  message?: string;
  /** For `failed`: an attempt got no answer, so the PUT may have been applied. */
  maybeApplied?: boolean;
}

export interface EditReport {
  ok: boolean;
  steps: EditStep[];
  /** The usage after the PUTs that were done (from their answers): a caller's cache stays right. */
  usage: EnvironmentUsage;
}

/** Sends the edits in order; stops at the first one that fails (the rest are `not-run`). */
export async function applyReferenceEdits(
  client: PingOneClient,
  usage: EnvironmentUsage,
  edits: ReferenceEdit[],
  options: CallOptions = {},
): Promise<EditReport> {
  const steps: EditStep[] = edits.map((edit) => ({ edit, outcome: 'not-run' }));
  let current: EnvironmentUsage = { settings: usage.settings, policies: [...usage.policies] };
  for (const step of steps) {
    const { edit } = step;
    const r =
      edit.target === 'chain'
        ? await client.updateNotificationSettings(edit.body, options)
        : await client.updateNotificationPolicy(edit.policyId, edit.body, options);
    if (r.kind !== 'ok') {
      step.outcome = 'failed';
      step.message = errorText(r);
      step.maybeApplied = r.kind === 'unknown-outcome' || r.error.maybeProcessed === true;
      return { ok: false, steps, usage: current };
    }
    step.outcome = 'done';
    current =
      edit.target === 'chain'
        ? { ...current, settings: r.value as NotificationSettings }
        : { ...current, policies: current.policies.map((p) => (p.id === edit.policyId ? (r.value as NotificationPolicy) : p)) };
  }
  return { ok: true, steps, usage: current };
}
