/**
 * Shared set-up of the CLI's PingOne commands in tests: the dispatcher with an in-memory io (files,
 * environment variables, undici's fetch over real loopback HTTP) against a stand-in per test.
 */
import assert from 'node:assert/strict';
import { runCli } from '../../../server/src/cli/cli';
import type { CliIo } from '../../../server/src/cli/command';
import type { FetchFunction } from '../../../server/src/pingone/http';
import { startPingOneLocal, type PingOneLocal, type PingOneLocalOptions } from '../../pingone-local/server';
import { fetch } from '../pingone/helpers';

export { fetch };

export const GATEWAY_TOKEN = 'gw-bearer-token-7f3a9c21';
export const API_KEY = 'gw-api-key-51d0be44e9';

/** A CUSTOM_PROVIDER body with a write-only secret and a gateway API key header, both placeholders. */
export const BODY = {
  name: 'Gateway',
  provider: 'CUSTOM_PROVIDER',
  authentication: { method: 'BEARER', authToken: '{{gatewayAuthToken}}' },
  requests: [
    {
      deliveryMethod: 'SMS',
      url: 'https://sms.example.com/send',
      method: 'POST',
      body: 'to=${to}&message=${message}',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Api-Key': '{{apiKey}}' },
    },
  ],
};

export const BODY_TEXT = JSON.stringify(BODY, null, 2) + '\n';

export interface MemoryIo extends CliIo {
  out: string;
  err: string;
  files: Map<string, string>;
  /** Paths written by the command. */
  written: Set<string>;
}

export function memoryIo(
  options: { files?: Record<string, string>; env?: Record<string, string | undefined>; stdin?: string; fetch?: FetchFunction } = {},
): MemoryIo {
  const files = new Map(Object.entries(options.files ?? {}));
  const io: MemoryIo = {
    out: '',
    err: '',
    files,
    written: new Set(),
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    readFile: async (p) => {
      const text = files.get(p);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
      return text;
    },
    readStdin: async () => options.stdin ?? '',
    resolvePath: (p) => `/virtual/${p}`,
    env: options.env ?? {},
    writeFile: async (p, text, o) => {
      if (o?.exclusive && files.has(p)) throw Object.assign(new Error(`EEXIST: file already exists, open '${p}'`), { code: 'EEXIST' });
      files.set(p, text);
      io.written.add(p);
    },
    fileExists: async (p) => files.has(p),
    fetch: options.fetch ?? fetch,
    pingone: { retryBaseDelayMs: 1, maxRetryAfterSeconds: 0.01, timeoutMs: 5_000 },
  };
  return io;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function run(argv: string[], io: MemoryIo): Promise<Run> {
  const outBefore = io.out.length;
  const errBefore = io.err.length;
  const code = await runCli(argv, io);
  return { code, out: io.out.slice(outBefore), err: io.err.slice(errBefore) };
}

/** The flags of an environment entry for the stand-in. */
export function envFlags(local: PingOneLocal, environmentId = local.environmentId): string[] {
  return [
    '--api-url',
    local.apiBase,
    '--auth-url',
    local.authBase,
    '--environment-id',
    environmentId,
    '--token-environment-id',
    local.environmentId,
    '--client-id',
    local.clientId,
  ];
}

/** Secrets as CI would give them: the client secret and the write-only field from environment variables. */
export function secretEnv(local: PingOneLocal, extra: Record<string, string> = {}): Record<string, string> {
  return { PINGONE_CLIENT_SECRET: local.clientSecret, PINGONE_VAR_gatewayAuthToken: GATEWAY_TOKEN, ...extra };
}

/** The default files: the document and a var file with the API key. */
export function defaultFiles(extra: Record<string, string> = {}): Record<string, string> {
  return { 'gw.json': BODY_TEXT, 'secrets.env': `# gateway\napiKey=${API_KEY}\n`, ...extra };
}

export async function withLocal(fn: (local: PingOneLocal) => Promise<void>, options?: PingOneLocalOptions): Promise<void> {
  const local = await startPingOneLocal(options);
  try {
    await fn(local);
  } finally {
    await local.close();
  }
}

/** 1-based line and column of the first occurrence of `needle`. */
export function positionOf(text: string, needle: string): { line: number; col: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

export function apiRequests(local: PingOneLocal, op?: string): number {
  return local.state.requests.filter((r) => r.op !== 'token' && (op === undefined || r.op === op)).length;
}
