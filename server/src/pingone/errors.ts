// Typed results and errors of the HTTP layer.
// Callers branch on `kind`; a POST whose outcome cannot be known is neither a success nor an
// error (`unknown-outcome`), because the right reaction (compare the list) differs from both.

import { isObject } from '../model/json';

/**
 * One entry of `details[]` in the PingOne error envelope (`pingidentity/pingone-openapi-specifications`,
 * `components/schemas/com.pingidentity.ErrorDetail.yaml`).
 */
export interface PingOneErrorDetail {
  code?: string;
  target?: string;
  message?: string;
  innerError?: Record<string, unknown>;
}

/**
 * The PingOne error envelope (docs https://developer.pingidentity.com/pingone-api/platform/reference/error-codes.html;
 * `pingidentity/pingone-openapi-specifications`, `components/schemas/com.pingidentity.ApiErrorResponse.yaml`): `id` is
 * always present on real responses.
 */
export interface PingOneErrorEnvelope {
  id?: string;
  code: string;
  message?: string;
  details?: PingOneErrorDetail[];
}

export type PingOneErrorKind =
  /** PingOne answered with an error status (envelope parsed when present). */
  | 'api'
  /** The token endpoint refused or failed (OAuth error such as `invalid_client`). */
  | 'token'
  /** No response: connection refused, DNS, reset (for methods where the outcome does not matter). */
  | 'network'
  | 'timeout'
  | 'cancelled'
  /** A response whose body is not the JSON we expected (HTML error page, truncated JSON...). */
  | 'malformed-response'
  /** Refused before sending: bad base URL, empty id... */
  | 'config';

export class PingOneError extends Error {
  readonly kind: PingOneErrorKind;
  readonly status?: number;
  /** Top-level envelope `code` (`INVALID_DATA`...) or the OAuth `error` (`invalid_client`...). */
  readonly code?: string;
  readonly details: PingOneErrorDetail[];
  readonly envelope?: PingOneErrorEnvelope;
  readonly correlationId?: string;
  readonly method?: string;
  /** URL without query (see log.ts). */
  readonly url?: string;
  readonly attempts: number;
  /** `Retry-After` seconds of the last 429, when retries ran out. */
  readonly retryAfterSeconds?: number;
  /**
   * A PUT or DELETE attempt of this call may have reached PingOne without an answer coming back
   * (timeout, connection lost), so the failure does not prove that nothing changed.
   */
  maybeProcessed = false;

  constructor(
    kind: PingOneErrorKind,
    message: string,
    extra: {
      status?: number;
      code?: string;
      details?: PingOneErrorDetail[];
      envelope?: PingOneErrorEnvelope;
      correlationId?: string;
      method?: string;
      url?: string;
      attempts?: number;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'PingOneError';
    this.kind = kind;
    this.status = extra.status;
    this.code = extra.code;
    this.details = extra.details ?? extra.envelope?.details ?? [];
    this.envelope = extra.envelope;
    this.correlationId = extra.correlationId;
    this.method = extra.method;
    this.url = extra.url;
    this.attempts = extra.attempts ?? 1;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export interface PingOneOk<T> {
  kind: 'ok';
  status: number;
  value: T;
  correlationId: string;
  attempts: number;
}

export interface PingOneFailure {
  kind: 'error';
  error: PingOneError;
}

/**
 * A POST was (or may have been) sent but no answer tells whether it was processed:
 * timeout, connection lost after sending, cancelled while in flight, 504 from a gateway.
 * The caller resolves it (e.g. by comparing the list before and after).
 */
export interface PingOneUnknownOutcome {
  kind: 'unknown-outcome';
  reason: 'timeout' | 'connection-lost' | 'cancelled' | 'gateway-timeout';
  message: string;
  method: string;
  url: string;
  correlationId: string;
  attempts: number;
}

export type PingOneResult<T> = PingOneOk<T> | PingOneFailure | PingOneUnknownOutcome;

/** What a call that did not succeed tells the user: the error's message, or why the outcome is unknown. */
export function errorText(r: PingOneFailure | PingOneUnknownOutcome): string {
  return r.kind === 'error' ? r.error.message : r.message;
}

/** Reads an envelope out of a parsed JSON body; undefined when the body is not one. */
export function parseErrorEnvelope(body: unknown): PingOneErrorEnvelope | undefined {
  if (!isObject(body)) return undefined;
  const b = body;
  if (typeof b.code !== 'string') return undefined;
  const details = Array.isArray(b.details)
    ? b.details.filter(isObject).map((d) => ({
        code: typeof d.code === 'string' ? d.code : undefined,
        target: typeof d.target === 'string' ? d.target : undefined,
        message: typeof d.message === 'string' ? d.message : undefined,
        innerError: isObject(d.innerError) ? d.innerError : undefined,
      }))
    : undefined;
  return {
    id: typeof b.id === 'string' ? b.id : undefined,
    code: b.code,
    message: typeof b.message === 'string' ? b.message : undefined,
    details,
  };
}

/** A one-line summary of an envelope, details with their targets: `INVALID_DATA: ... (requests[0].url: ...)`. */
export function describeEnvelope(env: PingOneErrorEnvelope): string {
  const details = (env.details ?? [])
    .map((d) => [d.target, d.code, d.message].filter((x) => x !== undefined && x !== '').join(': '))
    .filter((s) => s !== '');
  const head = `${env.code}${env.message ? `: ${env.message}` : ''}`;
  return details.length > 0 ? `${head} (${details.join('; ')})` : head;
}
