// When may a request be repeated, and after how long (issue 3, "Retries").
// Kept apart from api.ts so the policy can be read (and tested) on its own.

export interface RetryPolicy {
  /** Retries after 429 / 5xx / network errors (the one 401 token refresh is not counted). Default 3. */
  maxRetries: number;
  /** First backoff step for 5xx and network errors; doubles each retry, plus up to 50 % jitter. Default 500 ms. */
  baseDelayMs: number;
  /** A `Retry-After` longer than this is cut to it. Default 60 s. */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxRetryAfterSeconds: 60 };

/**
 * 5xx and network errors are retried only for methods that are safe to repeat. A POST is never
 * repeated blindly: it may have created the resource already (see `unknown-outcome`).
 */
export function isRetryableMethod(method: string): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE';
}

/** 429 means "not processed", so every method may be repeated after waiting. */
export function rateLimitDelayMs(retryAfterSeconds: number | undefined, retry: number, policy: RetryPolicy): number {
  if (retryAfterSeconds === undefined) return backoffDelayMs(retry, policy);
  return Math.min(retryAfterSeconds, policy.maxRetryAfterSeconds) * 1000;
}

/** Exponential backoff with jitter; `retry` is 1 for the first retry. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = policy.baseDelayMs * 2 ** Math.max(0, retry - 1);
  return Math.round(base * (1 + random() * 0.5));
}
