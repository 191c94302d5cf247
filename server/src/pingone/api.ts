// PingOneClient: the phone delivery settings operations (the PingOne docs pages under
// https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings/; SDK `management/generate/pingone-management.yml`) and the notification settings
// resource for one environment, over an injected `fetch`.
// Every call returns a PingOneResult instead of throwing, so that callers must handle the
// three outcomes (ok / error / unknown-outcome) explicitly.

import { randomUUID } from 'node:crypto';
import { isObject } from '../model/json';
import { normalizeApiBase, notificationPoliciesUrl, notificationSettingsUrl, phoneDeliverySettingsUrl, PingOneUrlError } from './endpoints';
import { describeEnvelope, parseErrorEnvelope, PingOneError, PingOneResult, PingOneUnknownOutcome } from './errors';
import { AttemptOutcome, bodyExcerpt, FetchFunction, looksLikeHtml, parseRetryAfter, sendAttempt, sleep } from './http';
import { PingOneLogger, safeUrlForLog, silentLogger } from './log';
import { redactBodyParameters, Redactor } from './redact';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableMethod, rateLimitDelayMs, RetryPolicy } from './retry';
import { ClientCredentials, TokenCache } from './tokens';
import { CallOptions, DeleteOutcome, NotificationPolicy, NotificationSettings, PhoneDeliverySettings } from './types';

export interface PingOneClientOptions {
  fetch: FetchFunction;
  /** With or without `/v1` (normalised). https only, except loopback. */
  apiBase: string;
  /** The target environment. */
  environmentId: string;
  credentials: ClientCredentials;
  /** Share one cache between clients so that N sends cost one token request. */
  tokens?: TokenCache;
  logger?: PingOneLogger;
  /** Per attempt, default 30 s. */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  /** Cap for `Retry-After`, default 60 s. */
  maxRetryAfterSeconds?: number;
}

/** Turns a parsed 2xx body into the typed value, or says why it is not what was expected. */
type BodyParser<T> = (body: unknown, status: number) => { value: T } | { problem: string };

interface Operation<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Human wording for messages: "create phone delivery settings". */
  what: string;
  body?: unknown;
  parse: BodyParser<T>;
  /** For DELETE: a 404 after a retried attempt means an earlier attempt succeeded. */
  notFoundAfterRetry?: () => T;
}

const MAX_LIST_PAGES = 20;
/** PingOne keeps at most ten per environment; a list far longer is not PingOne's. */
export const MAX_LIST_ITEMS = 10_000;
/** Phone delivery settings nest a few levels; a body nested deeper than this is refused, not walked. */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` nests deeper than `max` (iterative: a hostile body cannot overflow the stack here). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

const parseResource: BodyParser<PhoneDeliverySettings> = (body) =>
  isObject(body) && typeof body.id === 'string' && body.id !== '' && typeof body.provider === 'string'
    ? { value: body as PhoneDeliverySettings }
    : { problem: 'the body is not a phone delivery settings resource (no id/provider)' };

/** The resource asked for by id: an answer about another resource is no answer (never acted on). */
const resourceWithId =
  (id: string): BodyParser<PhoneDeliverySettings> =>
  (body, status) => {
    const parsed = parseResource(body, status);
    if ('value' in parsed && parsed.value.id !== id)
      return { problem: `the body is another resource (id ${JSON.stringify(parsed.value.id).slice(0, 80)}, not ${id})` };
    return parsed;
  };

const parseNotificationSettings: BodyParser<NotificationSettings> = (body) => {
  if (!isObject(body)) return { problem: 'the body is not a JSON object' };
  const chain = body.smsProvidersFallbackChain;
  if (chain !== undefined && !(Array.isArray(chain) && chain.every((c) => typeof c === 'string')))
    return { problem: 'its smsProvidersFallbackChain is not a list of ids' };
  return { value: body as NotificationSettings };
};

const parsePolicy: BodyParser<NotificationPolicy> = (body) =>
  isObject(body) && typeof body.id === 'string' && typeof body.name === 'string'
    ? { value: body as NotificationPolicy }
    : { problem: 'the body is not a notification policy (no id/name)' };

const parsePolicyList: BodyParser<NotificationPolicy[]> = (body) => {
  const embedded = isObject(body) && isObject(body._embedded) ? body._embedded.notificationsPolicies : undefined;
  if (!Array.isArray(embedded)) return { problem: 'the body has no _embedded.notificationsPolicies list' };
  if (!embedded.every((p) => isObject(p) && typeof p.id === 'string')) return { problem: 'a listed notification policy has no id' };
  return { value: embedded as NotificationPolicy[] };
};

interface ListPage {
  items: PhoneDeliverySettings[];
  next?: string;
}

const parseListPage: BodyParser<ListPage> = (body) => {
  const embedded = isObject(body) && isObject(body._embedded) ? body._embedded.phoneDeliverySettings : undefined;
  if (!isObject(body) || !Array.isArray(embedded)) return { problem: 'the body has no _embedded.phoneDeliverySettings list' };
  if (embedded.length > MAX_LIST_ITEMS) return { problem: `the list has ${embedded.length} entries (more than ${MAX_LIST_ITEMS})` };
  const bad = embedded.findIndex((e) => !('value' in parseResource(e, 200)));
  if (bad >= 0) return { problem: `entry ${bad} of the list is not a phone delivery settings resource (no id/provider)` };
  const next = isObject(body._links) && isObject(body._links.next) ? body._links.next.href : undefined;
  return { value: { items: embedded as PhoneDeliverySettings[], next: typeof next === 'string' ? next : undefined } };
};

export class PingOneClient {
  readonly apiBase: string;
  readonly environmentId: string;
  readonly tokens: TokenCache;
  private readonly fetchFn: FetchFunction;
  private readonly credentials: ClientCredentials;
  private readonly logger: PingOneLogger;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;

  constructor(options: PingOneClientOptions) {
    this.apiBase = normalizeApiBase(options.apiBase);
    this.environmentId = options.environmentId;
    this.fetchFn = options.fetch;
    this.credentials = options.credentials;
    this.logger = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.policy = {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? DEFAULT_RETRY_POLICY.maxRetryAfterSeconds,
    };
    this.tokens =
      options.tokens ??
      new TokenCache({
        fetch: options.fetch,
        logger: this.logger,
        timeoutMs: this.timeoutMs,
        retryBaseDelayMs: this.policy.baseDelayMs,
        maxRetryAfterSeconds: this.policy.maxRetryAfterSeconds,
      });
  }

  /** The secrets this client holds (its client secret, the tokens it was given): outputs redact them by value. */
  knownSecrets(): string[] {
    return [this.credentials.clientSecret, ...this.tokens.issuedTokens()];
  }

  /** GET the collection; follows `_links.next` within the API base (a token never leaves it). */
  async list(options: CallOptions = {}): Promise<PingOneResult<PhoneDeliverySettings[]>> {
    const items: PhoneDeliverySettings[] = [];
    let url = this.url(() => phoneDeliverySettingsUrl(this.apiBase, this.environmentId));
    let attempts = 0;
    for (let page = 1; ; page++) {
      if (url instanceof PingOneError) return { kind: 'error', error: url };
      const result = await this.call<ListPage>({ method: 'GET', url, what: 'list phone delivery settings', parse: parseListPage }, options);
      if (result.kind !== 'ok') return result;
      attempts += result.attempts;
      // One by one: spreading a huge page into push() overflows the call stack.
      for (const item of result.value.items) items.push(item);
      if (items.length > MAX_LIST_ITEMS) {
        const error = new PingOneError(
          'malformed-response',
          `list phone delivery settings: the list has more than ${MAX_LIST_ITEMS} entries.`,
        );
        return { kind: 'error', error };
      }
      const next = result.value.next;
      if (next === undefined || page >= MAX_LIST_PAGES) {
        return { kind: 'ok', status: result.status, value: items, correlationId: result.correlationId, attempts };
      }
      url = next.startsWith(`${this.apiBase}/`)
        ? next
        : new PingOneError(
            'malformed-response',
            `The list's next page (${safeUrlForLog(next)}) is outside the API base ${this.apiBase}; not followed.`,
          );
    }
  }

  read(id: string, options: CallOptions = {}): Promise<PingOneResult<PhoneDeliverySettings>> {
    return this.run(
      () => phoneDeliverySettingsUrl(this.apiBase, this.environmentId, id),
      (url) => ({
        method: 'GET',
        url,
        what: `read phone delivery settings ${id}`,
        parse: resourceWithId(id),
      }),
      options,
    );
  }

  /** POST: never retried after 5xx/network errors; may answer `unknown-outcome`. */
  create(body: unknown, options: CallOptions = {}): Promise<PingOneResult<PhoneDeliverySettings>> {
    return this.run(
      () => phoneDeliverySettingsUrl(this.apiBase, this.environmentId),
      (url) => ({
        method: 'POST',
        url,
        what: 'create phone delivery settings',
        body,
        parse: parseResource,
      }),
      options,
    );
  }

  /** PUT: full replacement (docs `update-phone-delivery-settings.html`; no PATCH is documented). */
  update(id: string, body: unknown, options: CallOptions = {}): Promise<PingOneResult<PhoneDeliverySettings>> {
    return this.run(
      () => phoneDeliverySettingsUrl(this.apiBase, this.environmentId, id),
      (url) => ({
        method: 'PUT',
        url,
        what: `update phone delivery settings ${id}`,
        body,
        parse: resourceWithId(id),
      }),
      options,
    );
  }

  delete(id: string, options: CallOptions = {}): Promise<PingOneResult<DeleteOutcome>> {
    return this.run<DeleteOutcome>(
      () => phoneDeliverySettingsUrl(this.apiBase, this.environmentId, id),
      (url) => ({
        method: 'DELETE',
        url,
        what: `delete phone delivery settings ${id}`,
        parse: () => ({ value: { alreadyDeleted: false } }),
        notFoundAfterRetry: () => ({ alreadyDeleted: true }),
      }),
      options,
    );
  }

  getNotificationSettings(options: CallOptions = {}): Promise<PingOneResult<NotificationSettings>> {
    return this.run(
      () => notificationSettingsUrl(this.apiBase, this.environmentId),
      (url) => ({
        method: 'GET',
        url,
        what: 'read notification settings',
        parse: parseNotificationSettings,
      }),
      options,
    );
  }

  updateNotificationSettings(body: NotificationSettings, options: CallOptions = {}): Promise<PingOneResult<NotificationSettings>> {
    return this.run(
      () => notificationSettingsUrl(this.apiBase, this.environmentId),
      (url) => ({
        method: 'PUT',
        url,
        what: 'update notification settings',
        body,
        parse: parseNotificationSettings,
      }),
      options,
    );
  }

  /** GET every notification policy of the environment (one page: an environment has a handful). */
  listNotificationPolicies(options: CallOptions = {}): Promise<PingOneResult<NotificationPolicy[]>> {
    return this.run(
      () => notificationPoliciesUrl(this.apiBase, this.environmentId),
      (url) => ({ method: 'GET', url, what: 'list notification policies', parse: parsePolicyList }),
      options,
    );
  }

  readNotificationPolicy(id: string, options: CallOptions = {}): Promise<PingOneResult<NotificationPolicy>> {
    return this.run(
      () => notificationPoliciesUrl(this.apiBase, this.environmentId, id),
      (url) => ({ method: 'GET', url, what: `read notification policy ${id}`, parse: parsePolicy }),
      options,
    );
  }

  /** PUT: full replacement of the policy. */
  updateNotificationPolicy(id: string, body: unknown, options: CallOptions = {}): Promise<PingOneResult<NotificationPolicy>> {
    return this.run(
      () => notificationPoliciesUrl(this.apiBase, this.environmentId, id),
      (url) => ({ method: 'PUT', url, what: `update notification policy ${id}`, body, parse: parsePolicy }),
      options,
    );
  }

  /** Builds the URL (a bad id becomes a `config` error instead of a throw), then calls. */
  private async run<T>(makeUrl: () => string, makeOp: (url: string) => Operation<T>, options: CallOptions): Promise<PingOneResult<T>> {
    const url = this.url(makeUrl);
    if (url instanceof PingOneError) return { kind: 'error', error: url };
    return this.call(makeOp(url), options);
  }

  private url(make: () => string): string | PingOneError {
    try {
      return make();
    } catch (err) {
      if (err instanceof PingOneUrlError) return new PingOneError('config', err.message);
      throw err;
    }
  }

  private async call<T>(op: Operation<T>, options: CallOptions): Promise<PingOneResult<T>> {
    const correlationId = options.correlationId ?? randomUUID();
    const logUrl = safeUrlForLog(op.url);
    const payload = op.body === undefined ? undefined : JSON.stringify(op.body);
    let retries = 0;
    let refreshedAfter401 = false;
    let lastToken: string | undefined;
    // An attempt of a PUT/DELETE got no answer but may have been processed: a later failure must not
    // read as "nothing happened".
    let maybeProcessed = false;
    const doubt = (error: PingOneError): PingOneError => {
      if (!maybeProcessed || error.maybeProcessed) return error;
      // A copy: a token error may be shared with other callers of the token cache.
      const e = error;
      const copy = new PingOneError(e.kind, `${e.message} PingOne may or may not have done it: an attempt got no answer.`, {
        status: e.status,
        code: e.code,
        details: e.details,
        envelope: e.envelope,
        correlationId: e.correlationId,
        method: e.method,
        url: e.url,
        attempts: e.attempts,
        retryAfterSeconds: e.retryAfterSeconds,
      });
      copy.maybeProcessed = true;
      return copy;
    };
    // One redaction for everything this call reports: the client secret, every token, the caller's values.
    let redactor: Redactor | undefined;
    let redactorToken: string | undefined;
    const clean = (s: string): string => {
      if (!redactor || redactorToken !== lastToken) {
        redactor = new Redactor([...this.knownSecrets(), ...(lastToken ? [lastToken] : []), ...(options.secretValues ?? [])]);
        redactorToken = lastToken;
      }
      return redactor.text(s);
    };

    for (let attempt = 1; ; attempt++) {
      const extra = { method: op.method, url: logUrl, correlationId, attempts: attempt };
      const fail = (error: PingOneError): PingOneResult<T> => ({ kind: 'error', error: doubt(error) });

      try {
        lastToken = await this.tokens.getToken(this.credentials, { signal: options.signal });
      } catch (err) {
        if (err instanceof PingOneError) return fail(err);
        throw err;
      }

      const headers: Record<string, string> = {
        authorization: `Bearer ${lastToken}`,
        accept: 'application/json',
        'x-ping-external-transaction-id': correlationId,
      };
      if (payload !== undefined) headers['content-type'] = 'application/json';

      const out: AttemptOutcome = await sendAttempt({
        fetch: this.fetchFn,
        method: op.method,
        url: op.url,
        headers,
        body: payload,
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        signal: options.signal,
        correlationId,
        attempt,
        logger: this.logger,
        redact: clean,
      });

      const wait = async (ms: number): Promise<boolean> => {
        try {
          await sleep(ms, options.signal);
          return true;
        } catch {
          return false;
        }
      };
      const cancelled = (): PingOneResult<T> => fail(new PingOneError('cancelled', `${op.what} was cancelled.`, extra));

      if (out.type === 'no-response') {
        if (op.method === 'POST' && out.maybeSent) return this.unknownOutcome(op, out.reason, clean(out.detail), correlationId, attempt);
        if (op.method !== 'GET' && out.maybeSent) maybeProcessed = true;
        if (out.reason === 'cancelled') return cancelled();
        if (isRetryableMethod(op.method) && retries < this.policy.maxRetries) {
          retries++;
          if (!(await wait(backoffDelayMs(retries, this.policy)))) return cancelled();
          continue;
        }
        const kind = out.reason === 'timeout' ? 'timeout' : 'network';
        const notSent = op.method === 'POST' ? ' (the request was not sent)' : '';
        return fail(new PingOneError(kind, `Could not ${op.what}: ${clean(out.detail)}${notSent}.`, extra));
      }

      const { status } = out;
      if (status === 401 && !refreshedAfter401) {
        // The token may have expired or been revoked early: one more try with a fresh one.
        refreshedAfter401 = true;
        this.tokens.invalidate(this.credentials, lastToken);
        continue;
      }
      if (status === 429 && retries < this.policy.maxRetries) {
        retries++;
        const delay = rateLimitDelayMs(parseRetryAfter(out.headers.get('retry-after')), retries, this.policy);
        if (!(await wait(delay))) return cancelled();
        continue;
      }
      if (status >= 500 && isRetryableMethod(op.method) && retries < this.policy.maxRetries) {
        retries++;
        if (!(await wait(backoffDelayMs(retries, this.policy)))) return cancelled();
        continue;
      }
      if (status === 504 && op.method === 'POST') {
        return this.unknownOutcome(op, 'gateway-timeout', 'the gateway timed out (504)', correlationId, attempt);
      }
      if (status === 404 && op.notFoundAfterRetry && retries > 0) {
        return { kind: 'ok', status, value: op.notFoundAfterRetry(), correlationId, attempts: attempt };
      }

      const result = this.interpret(op, out, { ...extra, retryAfter: parseRetryAfter(out.headers.get('retry-after')) }, clean);
      return result.kind === 'error' ? fail(result.error) : result;
    }
  }

  /** Status + body → ok, or an error whose message is short, single-line and free of secrets. */
  private interpret<T>(
    op: Operation<T>,
    out: Extract<AttemptOutcome, { type: 'response' }>,
    extra: { method: string; url: string; correlationId: string; attempts: number; retryAfter?: number },
    clean: (s: string) => string,
  ): PingOneResult<T> {
    const { status } = out;
    const base = { method: extra.method, url: extra.url, correlationId: extra.correlationId, attempts: extra.attempts, status };
    const ok = status >= 200 && status < 300;
    const createdNote = ok && op.method === 'POST' ? ' The resource was probably created; list the environment to find it.' : '';
    // A body excerpt may hold echoed gateway credentials (`"x-api-key":"..."`): redact by name and by value.
    const excerpt = (text: string): string => clean(bodyExcerpt(redactBodyParameters(text)));

    if (out.bodyError !== undefined || out.bodyTooLarge) {
      const why = out.bodyTooLarge ? 'the body is too large to read' : `the body could not be read (${clean(out.bodyError ?? '')})`;
      return {
        kind: 'error',
        error: new PingOneError('malformed-response', `${op.what}: PingOne answered ${status} but ${why}.${createdNote}`, base),
      };
    }

    let body: unknown;
    if (out.text.trim() !== '') {
      try {
        body = JSON.parse(out.text);
      } catch {
        const message = looksLikeHtml(out.headers, out.text)
          ? `${op.what}: PingOne answered ${status} with an HTML page instead of JSON ("${clean(bodyExcerpt(out.text))}").${createdNote}`
          : `${op.what}: PingOne answered ${status} but the body is not valid JSON (it starts with "${excerpt(out.text)}").${createdNote}`;
        return { kind: 'error', error: new PingOneError('malformed-response', message, base) };
      }
    }

    if (nestedDeeperThan(body, MAX_BODY_DEPTH)) {
      return {
        kind: 'error',
        error: new PingOneError(
          'malformed-response',
          `${op.what}: PingOne answered ${status} with JSON nested deeper than ${MAX_BODY_DEPTH} levels; not read.${createdNote}`,
          base,
        ),
      };
    }

    if (ok) {
      const parsed = op.parse(body, status);
      if ('value' in parsed)
        return { kind: 'ok', status, value: parsed.value, correlationId: extra.correlationId, attempts: extra.attempts };
      return {
        kind: 'error',
        error: new PingOneError('malformed-response', `${op.what}: PingOne answered ${status} but ${parsed.problem}.${createdNote}`, base),
      };
    }

    const envelope = parseErrorEnvelope(body);
    if (envelope) {
      const cleaned = {
        ...envelope,
        message: envelope.message !== undefined ? clean(envelope.message) : undefined,
        details: envelope.details?.map((d) => ({ ...d, message: d.message !== undefined ? clean(d.message) : undefined })),
      };
      const hint = status === 401 ? ' (a fresh token was refused too: check the worker app and its roles)' : '';
      return {
        kind: 'error',
        error: new PingOneError('api', `Could not ${op.what}: ${status} ${describeEnvelope(cleaned)}${hint}`, {
          ...base,
          code: cleaned.code,
          envelope: cleaned,
          retryAfterSeconds: extra.retryAfter,
        }),
      };
    }
    const what = body === undefined ? 'an empty body' : `"${excerpt(out.text)}"`;
    return {
      kind: 'error',
      error: new PingOneError('api', `Could not ${op.what}: ${status} with ${what} (not a PingOne error envelope).`, {
        ...base,
        retryAfterSeconds: extra.retryAfter,
      }),
    };
  }

  private unknownOutcome<T>(
    op: Operation<T>,
    reason: 'timeout' | 'network' | 'cancelled' | 'gateway-timeout',
    detail: string,
    correlationId: string,
    attempts: number,
  ): PingOneUnknownOutcome {
    const r: PingOneUnknownOutcome['reason'] = reason === 'network' ? 'connection-lost' : reason;
    return {
      kind: 'unknown-outcome',
      reason: r,
      // `detail` is redacted by the caller (with the token too).
      message: `The request to ${op.what} was sent, but no answer came back (${detail}); it may or may not have been processed.`,
      method: op.method,
      url: safeUrlForLog(op.url),
      correlationId,
      attempts,
    };
  }
}
