// The PingOne error envelope (docs error-codes page; `pingidentity/pingone-openapi-specifications`
// `com.pingidentity.ApiErrorResponse.yaml`) and the OAuth error shape (RFC 6749 §5.2), as the stand-in sends them.
// Codes are the documented ones; the human messages other than the INVALID_DATA one are our wording.

import { randomUUID } from 'node:crypto';

export interface ErrorDetail {
  code: string;
  /** GUESS: no source shows a phone-delivery 400 body; we use `requests[0].url` style paths. */
  target?: string;
  message: string;
  innerError?: Record<string, unknown>;
}

export interface ErrorEnvelope {
  id: string;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export interface HttpError {
  status: number;
  body: ErrorEnvelope;
  headers?: Record<string, string>;
}

/** Verbatim from the docs' error codes page (https://developer.pingidentity.com/pingone-api/platform/reference/error-codes.html). */
export const INVALID_DATA_MESSAGE = 'The request could not be completed. One or more validation errors were in the request.';

export function envelope(
  status: number,
  code: string,
  message: string,
  details?: ErrorDetail[],
  headers?: Record<string, string>,
): HttpError {
  const body: ErrorEnvelope = { id: randomUUID(), code, message };
  if (details && details.length > 0) body.details = details;
  return { status, body, headers };
}

export function invalidData(details: ErrorDetail[]): HttpError {
  return envelope(400, 'INVALID_DATA', INVALID_DATA_MESSAGE, details);
}

export function invalidRequest(message: string, status = 400): HttpError {
  return envelope(status, 'INVALID_REQUEST', message);
}

export function notFound(message = 'The requested resource was not found.'): HttpError {
  return envelope(404, 'NOT_FOUND', message);
}

export function accessFailed(detailMessage: string): HttpError {
  return envelope(401, 'ACCESS_FAILED', 'The request could not be completed. You do not have access to this resource.', [
    { code: 'INVALID_TOKEN', message: detailMessage },
  ]);
}

export function rateLimited(retryAfterSeconds: number): HttpError {
  return envelope(
    429,
    'REQUEST_LIMITED',
    'The request could not be completed. Too many requests were made.',
    [{ code: 'LIMIT_EXCEEDED', message: 'Rate limit exceeded.', innerError: { retryAfter: retryAfterSeconds } }],
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function unexpectedError(status: number): HttpError {
  return envelope(status, 'UNEXPECTED_ERROR', 'An unexpected error occurred.');
}

export interface OAuthError {
  status: number;
  body: { error: string; error_description: string };
  headers?: Record<string, string>;
}

export function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): OAuthError {
  return { status, body: { error, error_description: description }, headers };
}
