/**
 * "This file against each environment": the status of one document in every configured environment
 * (in sync, differs, not created, unknown), computed from what was last read of each environment.
 * One refresh reads, per environment and one after the other, its list of phone delivery settings,
 * its notification settings and its notification policies (`readEnvironmentSnapshot`); the caller
 * caches that, and every edit recomputes the statuses from the cache (`documentStatus`, pure: no
 * request). The comparison and the binding are the plan's (`planDocument`): the Compare's
 * normalisation, each environment's own plain variables, its own binding of this document.
 */
import type { PingOneClient } from '../pingone/api';
import { errorText } from '../pingone/errors';
import { redactString } from '../pingone/redact';
import type { CallOptions, PhoneDeliverySettings } from '../pingone/types';
import type { BindingStore } from './binding';
import type { ResolvedEnvironment } from './environments';
import { planDocument } from './plan';
import type { EnvironmentUsage } from './usage';

/** Where the providers of an environment are used, as read with its list (or why it could not be, or that it was not). */
export type UsageReading =
  | { kind: 'ok'; usage: EnvironmentUsage }
  | { kind: 'failed'; message: string }
  /** Only the list was read (Send to Environment's check before writing). */
  | { kind: 'not-read' };

/** What the cache holds for one environment. */
export type EnvironmentReading =
  /** Never read in this session. */
  | { kind: 'not-checked' }
  /** Being read for the first time. */
  | { kind: 'checking' }
  /** No client secret stored for its worker app: nothing is sent. */
  | { kind: 'no-secret' }
  /** A workspace entry the person has not allowed (yet): nothing is sent. */
  | { kind: 'not-allowed' }
  /** Its list could not be read; `message` is free of secrets. */
  | { kind: 'failed'; message: string; at: number }
  | { kind: 'read'; list: PhoneDeliverySettings[]; usage: UsageReading; at: number };

/** Why an environment's status is not known. */
export type UnknownCause = 'not-checked' | 'checking' | 'no-secret' | 'not-allowed' | 'failed';

export type DocumentStatus =
  | { kind: 'in-sync'; id: string; resource: PhoneDeliverySettings }
  | {
      kind: 'differs';
      id: string;
      resource: PhoneDeliverySettings;
      /** Field paths that differ (never values). */
      changedFields: string[];
      immutable?: 'provider' | 'sid';
      hiddenDifference?: boolean;
    }
  | { kind: 'not-created' }
  /** Several resources have the document's provider and name: a send asks which one. */
  | { kind: 'ambiguous'; ids: string[] }
  /** The document itself cannot be planned (not an object, errors): the same in every environment. */
  | { kind: 'invalid'; message: string }
  | { kind: 'unknown'; cause: UnknownCause; message?: string };

export interface DocumentInput {
  text: string;
  /** Binding key of the document (its URI). */
  documentKey: string;
  /** Its name in messages. */
  label: string;
}

/**
 * The status of a document in one environment, from the environment's cached reading: no request.
 * `secretValues` are redacted from any message.
 */
export function documentStatus(
  doc: DocumentInput,
  env: ResolvedEnvironment,
  reading: EnvironmentReading,
  store: BindingStore,
  secretValues: readonly string[] = [],
): DocumentStatus {
  if (reading.kind === 'failed') return { kind: 'unknown', cause: 'failed', message: redactString(reading.message, secretValues) };
  if (reading.kind !== 'read') return { kind: 'unknown', cause: reading.kind };
  const plan = planDocument({ ...doc, env, list: reading.list, store, secretValues });
  switch (plan.kind) {
    case 'no-change':
      return { kind: 'in-sync', id: plan.id, resource: plan.resource };
    case 'update':
      return {
        kind: 'differs',
        id: plan.id,
        resource: plan.resource,
        changedFields: plan.changedFields,
        ...(plan.immutable ? { immutable: plan.immutable } : {}),
        ...(plan.hiddenDifference ? { hiddenDifference: true } : {}),
      };
    case 'create':
      return { kind: 'not-created' };
    case 'error':
      return plan.candidates
        ? { kind: 'ambiguous', ids: plan.candidates.map((c) => c.id) }
        : { kind: 'invalid', message: redactString(plan.message, secretValues) };
  }
}

/** The one refresh of an environment: its list, then (one after the other) its notification settings and policies. */
export async function readEnvironmentSnapshot(
  client: PingOneClient,
  options: CallOptions = {},
): Promise<{ kind: 'read'; list: PhoneDeliverySettings[]; usage: UsageReading } | { kind: 'failed'; message: string }> {
  const redact = (s: string) => redactString(s, options.secretValues ?? []);
  const list = await client.list(options);
  if (list.kind !== 'ok') return { kind: 'failed', message: redact(errorText(list)) };
  // Sequential, not in parallel: one environment's requests never compete for its rate limit.
  const settings = await client.getNotificationSettings(options);
  if (settings.kind !== 'ok') return { kind: 'read', list: list.value, usage: { kind: 'failed', message: redact(errorText(settings)) } };
  const policies = await client.listNotificationPolicies(options);
  if (policies.kind !== 'ok') return { kind: 'read', list: list.value, usage: { kind: 'failed', message: redact(errorText(policies)) } };
  return { kind: 'read', list: list.value, usage: { kind: 'ok', usage: { settings: settings.value, policies: policies.value } } };
}

/** Whether an automatic refresh is due: `minutes` 0 (or less) never; else when the last read is at least that old. */
export function refreshDue(lastReadAt: number | undefined, now: number, minutes: number): boolean {
  if (!(minutes > 0) || lastReadAt === undefined) return false;
  return now - lastReadAt >= minutes * 60_000;
}
