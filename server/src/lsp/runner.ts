/**
 * Guards for request handlers: a handler that throws is logged and answered with a neutral value,
 * and a cancelled request is answered with `RequestCancelled`, so no input can take the server down.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type ConnectionStrategy, type ResponseMessage } from 'vscode-languageserver';

/** Where guarded handlers report failures (`connection.console` in the server). */
export interface ErrorLog {
  error(message: string): void;
}

export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) return `${message}: ${err.message}\n${err.stack ?? ''}`;
  if (typeof err === 'string') return `${message}: ${err}`;
  if (err !== undefined && err !== null) {
    try {
      return `${message}: ${JSON.stringify(err)}`;
    } catch {
      return `${message}: ${String(err)}`;
    }
  }
  return message;
}

/** `never` data: assignable to the error type of every request. */
function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * For the connection: a request that is cancelled while it still waits in the queue is answered
 * `RequestCancelled` at once, without running its handler (the default runs it anyway).
 */
export const cancelUndispatched: ConnectionStrategy = {
  cancelUndispatched: (message): ResponseMessage => ({
    jsonrpc: '2.0',
    id: 'id' in message && (typeof message.id === 'number' || typeof message.id === 'string') ? message.id : null,
    error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' },
  }),
};

/**
 * Runs `func` on a later turn of the event loop (so that a `$/cancelRequest` that is already queued
 * is seen first), unless the request is cancelled by then.
 */
export function runSafe<T>(
  log: ErrorLog,
  func: () => T,
  errorVal: T,
  errorMessage: string,
  token: CancellationToken,
): Promise<T | ResponseError<never>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) return resolve(cancelled());
      try {
        const result = func();
        resolve(token.isCancellationRequested ? cancelled() : result);
      } catch (e) {
        log.error(formatError(errorMessage, e));
        resolve(errorVal);
      }
    });
  });
}

export function runSafeAsync<T>(
  log: ErrorLog,
  func: () => Promise<T>,
  errorVal: T,
  errorMessage: string,
  token: CancellationToken,
): Promise<T | ResponseError<never>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) return resolve(cancelled());
      let pending: Promise<T>;
      try {
        pending = func();
      } catch (e) {
        log.error(formatError(errorMessage, e));
        return resolve(errorVal);
      }
      pending.then(
        (result) => resolve(token.isCancellationRequested ? cancelled() : result),
        (e) => {
          log.error(formatError(errorMessage, e));
          resolve(errorVal);
        },
      );
    });
  });
}

/** For notifications: nothing to answer, but a failure is still logged rather than thrown. */
export function runSafeNotification(log: ErrorLog, func: () => void, errorMessage: string): void {
  try {
    func();
  } catch (e) {
    log.error(formatError(errorMessage, e));
  }
}
