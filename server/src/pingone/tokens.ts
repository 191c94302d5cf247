// Client-credentials tokens for a PingOne worker app (`pingidentity/pingone-go-client`, `oauth2/token_auth_methods.go`),
// cached in memory only.
// The cache key is (auth base, token environment id, client id): the same triple the secret is
// stored under, so a secret is only ever sent to the token endpoint it belongs to. Neither the
// secret nor a token goes into a log line or an error message.

import { createHash, randomUUID } from 'node:crypto';
import { isObject } from '../model/json';
import { normalizeAuthBase, tokenEndpointUrl } from './endpoints';
import { PingOneError } from './errors';
import { bodyExcerpt, FetchFunction, looksLikeHtml, parseRetryAfter, sendAttempt, sleep } from './http';
import { PingOneLogger, safeUrlForLog, silentLogger } from './log';
import { Redactor } from './redact';

export type TokenAuthMethod = 'client_secret_basic' | 'client_secret_post';

export interface ClientCredentials {
  authBase: string;
  /** The environment the worker app lives in (may differ from the target environment). */
  tokenEnvironmentId: string;
  clientId: string;
  clientSecret: string;
  /** Default `client_secret_basic` (PingOne's default for worker apps). */
  authMethod?: TokenAuthMethod;
}

export interface TokenCacheOptions {
  fetch: FetchFunction;
  logger?: PingOneLogger;
  /** Per attempt, default 30 s. */
  timeoutMs?: number;
  /** A token is renewed this long before `expires_in` runs out (at most 10 % of its lifetime). Default 60 s. */
  refreshMarginSeconds?: number;
  /** Retries of the token request after 429, 5xx or network errors. Default 2. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  maxRetryAfterSeconds?: number;
  now?: () => number;
}

interface CacheEntry {
  accessToken: string;
  renewAt: number;
  /** Hash of the secret the token was obtained with: a changed secret must not reuse an old token. */
  secretHash: string;
}

export function tokenCacheKey(c: Pick<ClientCredentials, 'authBase' | 'tokenEnvironmentId' | 'clientId'>): string {
  return JSON.stringify([normalizeAuthBase(c.authBase), c.tokenEnvironmentId, c.clientId]);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before base64 (what Go's oauth2 AuthStyleInHeader does too). */
function basicAuthorization(clientId: string, clientSecret: string): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}`;
}

export class TokenCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly opts: Required<Omit<TokenCacheOptions, 'logger'>> & { logger: PingOneLogger };
  /** Number of token requests sent (each attempt counts); for tests and diagnostics. */
  requestCount = 0;

  constructor(options: TokenCacheOptions) {
    this.opts = {
      fetch: options.fetch,
      logger: options.logger ?? silentLogger,
      timeoutMs: options.timeoutMs ?? 30_000,
      refreshMarginSeconds: options.refreshMarginSeconds ?? 60,
      maxRetries: options.maxRetries ?? 2,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 60,
      now: options.now ?? Date.now,
    };
  }

  /** A valid access token, from the cache or from the token endpoint (concurrent callers share one request). */
  async getToken(creds: ClientCredentials, options: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<string> {
    const key = tokenCacheKey(creds);
    const secretHash = hashSecret(creds.clientSecret);
    const cached = this.entries.get(key);
    if (!options.forceRefresh && cached && cached.secretHash === secretHash && cached.renewAt > this.opts.now()) {
      return cached.accessToken;
    }
    const pending = this.inFlight.get(key);
    if (pending && !options.forceRefresh) return pending;
    const request = this.requestToken(creds, secretHash, options.signal).finally(() => {
      if (this.inFlight.get(key) === request) this.inFlight.delete(key);
    });
    this.inFlight.set(key, request);
    return request;
  }

  /** Forgets the token for these credentials; with `token`, only if it is still the cached one (a 401 on an old token must not drop a newer one). */
  invalidate(creds: Pick<ClientCredentials, 'authBase' | 'tokenEnvironmentId' | 'clientId'>, token?: string): void {
    const key = tokenCacheKey(creds);
    if (token === undefined || this.entries.get(key)?.accessToken === token) this.entries.delete(key);
  }

  /** The tokens this cache was given lately (for redaction by value: a token must not show even after it is dropped). */
  issuedTokens(): string[] {
    return [...this.issued];
  }

  private readonly issued = new Set<string>();

  private remember(token: string): void {
    this.issued.add(token);
    // The last few are enough: an older token no longer appears in anything this process prints.
    while (this.issued.size > 16) this.issued.delete(this.issued.values().next().value as string);
  }

  /** "Sign Out": forget every cached token. */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private async requestToken(creds: ClientCredentials, secretHash: string, signal?: AbortSignal): Promise<string> {
    const url = tokenEndpointUrl(creds.authBase, creds.tokenEnvironmentId);
    const method = creds.authMethod ?? 'client_secret_basic';
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (method === 'client_secret_post') {
      form.set('client_id', creds.clientId);
      form.set('client_secret', creds.clientSecret);
    } else {
      headers.authorization = basicAuthorization(creds.clientId, creds.clientSecret);
    }
    const correlationId = randomUUID();
    const logUrl = safeUrlForLog(url);
    // Anything the server or the network layer says is passed through this before it reaches a message or the log.
    const redactor = new Redactor([creds.clientSecret, ...(headers.authorization ? [headers.authorization.slice('Basic '.length)] : [])]);
    const clean = (s: string): string => redactor.text(s);
    const context = `Token request to ${logUrl} (client ${creds.clientId}, ${method})`;

    for (let attempt = 1; ; attempt++) {
      this.requestCount++;
      const out = await sendAttempt({
        fetch: this.opts.fetch,
        method: 'POST',
        url,
        headers,
        body: form.toString(),
        timeoutMs: this.opts.timeoutMs,
        signal,
        correlationId,
        attempt,
        logger: this.opts.logger,
        redact: clean,
      });
      const extra = { method: 'POST', url: logUrl, correlationId, attempts: attempt };
      const canRetry = attempt <= this.opts.maxRetries;

      if (out.type === 'no-response') {
        if (out.reason === 'cancelled') throw new PingOneError('cancelled', `${context} was cancelled.`, extra);
        if (canRetry) {
          await this.backoff(attempt, undefined, signal);
          continue;
        }
        const kind = out.reason === 'timeout' ? 'timeout' : 'network';
        throw new PingOneError(kind, `${context} failed: ${clean(out.detail)}.`, extra);
      }

      const { status } = out;
      if ((status === 429 || status >= 500) && canRetry) {
        await this.backoff(attempt, status === 429 ? parseRetryAfter(out.headers.get('retry-after')) : undefined, signal);
        continue;
      }

      let body: unknown;
      try {
        body = out.bodyError === undefined && !out.bodyTooLarge ? JSON.parse(out.text) : undefined;
      } catch {
        body = undefined;
      }
      const obj = isObject(body) ? body : undefined;

      if (status >= 200 && status < 300) {
        const accessToken = obj?.access_token;
        if (typeof accessToken !== 'string' || accessToken === '') {
          const why = out.bodyTooLarge
            ? 'is too large to read'
            : out.bodyError !== undefined
              ? `could not be read (${clean(out.bodyError)})`
              : body === undefined
                ? 'is not valid JSON'
                : 'holds no access_token';
          throw new PingOneError('malformed-response', `${context}: the answer (${status}) ${why}.`, { ...extra, status });
        }
        const expiresIn = typeof obj?.expires_in === 'number' && obj.expires_in > 0 ? obj.expires_in : 3600;
        const margin = Math.min(this.opts.refreshMarginSeconds, expiresIn * 0.1);
        this.remember(accessToken);
        this.entries.set(tokenCacheKey(creds), {
          accessToken,
          renewAt: this.opts.now() + (expiresIn - margin) * 1000,
          secretHash,
        });
        return accessToken;
      }

      if (obj && typeof obj.error === 'string') {
        const description =
          typeof obj.error_description === 'string' ? ` — ${clean(bodyExcerpt(obj.error_description, 200)).replace(/\.$/, '')}` : '';
        const hint =
          obj.error === 'invalid_client'
            ? ` Check the client id, the client secret, the token environment id (${creds.tokenEnvironmentId}) and the token auth method (${method}).`
            : '';
        throw new PingOneError('token', `${context} was refused: ${clean(obj.error)} (${status})${description}.${hint}`, {
          ...extra,
          status,
          code: obj.error,
        });
      }
      const what = looksLikeHtml(out.headers, out.text) ? 'an HTML page' : 'a body that is not an OAuth JSON answer';
      throw new PingOneError('malformed-response', `${context} failed with ${status} and ${what}: "${clean(bodyExcerpt(out.text))}".`, {
        ...extra,
        status,
      });
    }
  }

  private async backoff(attempt: number, retryAfterSeconds: number | undefined, signal?: AbortSignal): Promise<void> {
    const ms =
      retryAfterSeconds !== undefined
        ? Math.min(retryAfterSeconds, this.opts.maxRetryAfterSeconds) * 1000
        : this.opts.retryBaseDelayMs * 2 ** (attempt - 1);
    await sleep(ms, signal).catch(() => {
      throw new PingOneError('cancelled', 'Token request was cancelled.');
    });
  }
}
