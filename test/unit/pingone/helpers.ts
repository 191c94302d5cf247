// Shared set-up for the PingOne HTTP-layer tests: a fresh stand-in on loopback per test and a
// client wired to it through undici's fetch (what the CLI and tests use; the extension passes
// VS Code's global fetch instead).

import { fetch as undiciFetch } from 'undici';
import { PingOneClient, PingOneClientOptions } from '../../../server/src/pingone/api';
import { PingOneResult } from '../../../server/src/pingone/errors';
import { FetchFunction } from '../../../server/src/pingone/http';
import { MemoryLogger } from '../../../server/src/pingone/log';
import { ClientCredentials } from '../../../server/src/pingone/tokens';
import { PingOneLocal, PingOneLocalOptions, startPingOneLocal } from '../../pingone-local/server';

/** undici's fetch has its own (wider) types; at run time it is the same function shape. */
export const fetch = undiciFetch as unknown as FetchFunction;

export interface Harness {
  local: PingOneLocal;
  client: PingOneClient;
  logger: MemoryLogger;
  credentials: ClientCredentials;
}

/** Retry delays kept tiny so the suite stays fast; no test asserts on wall-clock time. */
export const FAST: Partial<PingOneClientOptions> = { retryBaseDelayMs: 5, maxRetryAfterSeconds: 0.02, timeoutMs: 5_000 };

export async function withHarness(
  fn: (h: Harness) => Promise<void>,
  options: { local?: PingOneLocalOptions; client?: Partial<PingOneClientOptions>; credentials?: Partial<ClientCredentials> } = {},
): Promise<void> {
  const local = await startPingOneLocal(options.local);
  try {
    const logger = new MemoryLogger();
    const credentials: ClientCredentials = {
      authBase: local.authBase,
      tokenEnvironmentId: local.environmentId,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      ...options.credentials,
    };
    const client = new PingOneClient({
      fetch,
      apiBase: local.apiBase,
      environmentId: local.environmentId,
      credentials,
      logger,
      ...FAST,
      ...options.client,
    });
    await fn({ local, client, logger, credentials });
  } finally {
    await local.close();
  }
}

/** Narrows a result to ok, failing the test with the error message otherwise. */
export function expectOk<T>(r: PingOneResult<T>): T {
  if (r.kind === 'ok') return r.value;
  throw new Error(`expected ok, got ${r.kind}: ${r.kind === 'error' ? r.error.message : r.message}`);
}

export function customProvider(name = 'Gateway'): Record<string, unknown> {
  return {
    provider: 'CUSTOM_PROVIDER',
    name,
    authentication: { method: 'BEARER', authToken: 'gateway-bearer-token-123' },
    requests: [
      {
        deliveryMethod: 'SMS',
        method: 'POST',
        url: 'https://sms.example.com/send',
        body: '{"to":"${to}","text":"${message}"}',
        headers: { 'content-type': 'application/json', 'x-api-key': 'gateway-api-key-456' },
      },
    ],
  };
}

/** Raw JSON call to the stand-in (for tests of the stand-in itself). */
export async function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function bearer(local: PingOneLocal): Promise<string> {
  const r = await raw(`${local.authBase}/${local.environmentId}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: local.clientId,
      client_secret: local.clientSecret,
    }).toString(),
  });
  return (r.json as { access_token: string }).access_token;
}
