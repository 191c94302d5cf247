/** Notification policies in the stand-in for tests: created with a real POST, as an administrator would. */
import type { PingOneLocal } from '../../pingone-local/server';
import { bearer, raw } from './helpers';

/** A policy whose SMS/voice provider order is `chains`: one condition per entry, the last without countries. */
export function policyBody(name: string, chains: string[][], countries: string[][] = []): Record<string, unknown> {
  return {
    name,
    quotas: [{ type: 'USER', deliveryMethods: ['SMS', 'Voice'], total: 30 }],
    countryLimit: { type: 'NONE' },
    providerConfiguration: {
      conditions: chains.map((ids, i) => ({
        deliveryMethods: ['SMS', 'VOICE'],
        ...(i < chains.length - 1 ? { countries: countries[i] ?? ['US'] } : {}),
        fallbackChain: ids.map((id) => ({ id })),
      })),
    },
  };
}

export async function createPolicy(
  local: PingOneLocal,
  environmentId: string,
  body: Record<string, unknown>,
): Promise<{ id: string; name: string }> {
  const token = await bearer(local);
  const r = await raw(`${local.apiBase}/environments/${environmentId}/notificationsPolicies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`policy not created: ${r.status} ${r.text}`);
  return r.json as { id: string; name: string };
}

/** The chains of every policy, by name: `{ name: [[ids of condition 0], [ids of condition 1]] }`. */
export function policyChains(local: PingOneLocal, environmentId: string): Record<string, string[][]> {
  return Object.fromEntries(
    local.state.notificationPolicies(environmentId).map((p) => {
      const conditions = ((p.providerConfiguration as { conditions?: { fallbackChain: { id: string }[] }[] } | undefined)?.conditions ??
        []) as { fallbackChain: { id: string }[] }[];
      return [p.name as string, conditions.map((c) => c.fallbackChain.map((e) => e.id))];
    }),
  );
}
