// The PingOne HTTP layer: no `vscode`, no `server/` imports; the caller injects `fetch` and a logger.
export * from './endpoints';
export * from './errors';
export * from './log';
export * from './redact';
export * from './retry';
export * from './tokens';
export * from './types';
export { PingOneClient, PingOneClientOptions } from './api';
export { FetchFunction, parseRetryAfter } from './http';
