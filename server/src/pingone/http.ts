// One HTTP attempt over the injected `fetch`: timeout, cancellation, a bounded body read, one log
// entry. Retries, tokens and result typing live in api.ts / tokens.ts; this file only reports
// what happened, including whether a request that got no answer may have reached the server.

import { PingOneLogger, safeUrlForLog } from './log';

export type FetchFunction = typeof globalThis.fetch;

export interface AttemptRequest {
  fetch: FetchFunction;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The caller's cancellation (progress notification "Cancel"). */
  signal?: AbortSignal;
  correlationId: string;
  attempt: number;
  logger: PingOneLogger;
  /** Bodies larger than this are not read to the end (error pages can be huge). */
  maxBodyBytes?: number;
  /**
   * Applied to what the network layer says before it reaches the log or a message: undici quotes an
   * invalid header value in its error, and that value is the token or the Basic credentials.
   */
  redact?: (text: string) => string;
}

export type AttemptOutcome =
  | {
      type: 'response';
      status: number;
      headers: Headers;
      text: string;
      /** The body was cut at `maxBodyBytes`. */
      bodyTooLarge: boolean;
      /** Reading the body failed after the status arrived (connection lost mid-body). */
      bodyError?: string;
    }
  | {
      type: 'no-response';
      reason: 'timeout' | 'cancelled' | 'network';
      /** False only when we know the request never reached the server (refused, DNS, TLS). */
      maybeSent: boolean;
      detail: string;
    };

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Error codes that mean "no byte of the request reached a server", so even a POST is safe to report as not done. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** Walks `cause` chains and AggregateErrors (happy eyeballs) for the first system error code. */
function findErrorCode(err: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof err !== 'object' || err === null) return undefined;
  const e = err as ErrorLike;
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = findErrorCode(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return findErrorCode(e.cause, depth + 1);
}

/** Redacted before it is cut: a cut could leave part of a secret that no longer matches whole. */
function describeNetworkError(err: unknown, clean: (s: string) => string): string {
  const code = findErrorCode(err);
  const e = err as ErrorLike;
  const cause = (e?.cause as ErrorLike | undefined)?.message;
  const text = [code, cause ?? e?.message].filter((x) => typeof x === 'string' && x !== '').join(': ');
  return clean(text || 'network error').slice(0, 200);
}

/** Reads at most `max` bytes; a bigger body is cut (and its stream cancelled) rather than buffered whole. */
async function readBounded(response: Response, max: number): Promise<{ text: string; tooLarge: boolean }> {
  if (response.body === null) return { text: '', tooLarge: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      chunks.push(value.subarray(0, max - size));
      tooLarge = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)), tooLarge };
}

export async function sendAttempt(req: AttemptRequest): Promise<AttemptOutcome> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const started = performance.now();
  const log = (status: number | undefined, outcome?: string): void => {
    req.logger.request({
      method: req.method,
      url: safeUrlForLog(req.url),
      status,
      durationMs: performance.now() - started,
      correlationId: req.correlationId,
      attempt: req.attempt,
      outcome,
    });
  };
  const whyAborted = (): 'cancelled' | 'timeout' => (req.signal?.aborted ? 'cancelled' : 'timeout');
  const clean = req.redact ?? ((s: string) => s);

  if (req.signal?.aborted) {
    log(undefined, 'cancelled before sending');
    return { type: 'no-response', reason: 'cancelled', maybeSent: false, detail: 'cancelled before sending' };
  }

  let response: Response;
  try {
    response = await req.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      redirect: 'manual', // a redirect must never carry the bearer token to another host
    });
  } catch (err) {
    if (signal.aborted) {
      const reason = whyAborted();
      log(undefined, reason);
      return {
        type: 'no-response',
        reason,
        maybeSent: true,
        detail: reason === 'timeout' ? `no answer within ${req.timeoutMs} ms` : 'cancelled',
      };
    }
    const code = findErrorCode(err);
    const detail = describeNetworkError(err, clean);
    log(undefined, `network error: ${detail}`);
    return { type: 'no-response', reason: 'network', maybeSent: !(code !== undefined && NOT_SENT_CODES.has(code)), detail };
  }

  try {
    const { text, tooLarge } = await readBounded(response, req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    log(response.status);
    return { type: 'response', status: response.status, headers: response.headers, text, bodyTooLarge: tooLarge };
  } catch (err) {
    const detail = signal.aborted ? whyAborted() : describeNetworkError(err, clean);
    log(response.status, `body not read: ${detail}`);
    return { type: 'response', status: response.status, headers: response.headers, text: '', bodyTooLarge: false, bodyError: detail };
  }
}

/**
 * The content of the first `<title …>…</title>` of an HTML page, found by a scan in linear time:
 * /<title[^>]*>([\s\S]*?)<\/title>/i reads to the end of the page again from every `<title` that
 * is not closed (420 KB of them took seconds).
 */
export function htmlTitle(text: string): string | undefined {
  const open = /<title/i.exec(text);
  if (!open) return undefined;
  const gt = text.indexOf('>', open.index + 6);
  if (gt < 0) return undefined;
  const closeTag = /<\/title>/gi;
  closeTag.lastIndex = gt + 1;
  const close = closeTag.exec(text);
  return close ? text.slice(gt + 1, close.index) : undefined;
}

/** A short, single-line, bounded excerpt of a body for error messages; for HTML, the page title. */
export function bodyExcerpt(text: string, max = 120): string {
  const title = htmlTitle(text);
  const source = title !== undefined ? title : text;
  // Only the start is shown: white space is collapsed in a bounded prefix, not in a 4 MB body.
  const flat = source
    .slice(0, max * 8 + 1024)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function looksLikeHtml(headers: Headers, text: string): boolean {
  return /text\/html/i.test(headers.get('content-type') ?? '') || /^\s*<(!doctype|html|head|body)/i.test(text);
}

/**
 * `Retry-After` as seconds: delta-seconds or an HTTP date (`pingidentity/pingone-openapi-specifications`,
 * `components/headers/http.RetryAfter.yaml`, allows int or string).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** Resolves after `ms`, or rejects early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
