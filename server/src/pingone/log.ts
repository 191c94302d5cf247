// The request log the caller provides (the extension: an output channel; the CLI: stderr; tests: an array).
// Entries are built here from non-secret parts only: no headers, no bodies, no tokens. URLs are
// passed through `safeUrlForLog` so that a query string can never carry a credential into the log.

export interface RequestLogEntry {
  method: string;
  /** Request URL without query string and without user info. */
  url: string;
  /** HTTP status, absent when no response arrived. */
  status?: number;
  durationMs: number;
  /** Value sent as `X-Ping-External-Transaction-ID` (token requests carry one too, for the log only). */
  correlationId: string;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
  /** What happened when no status is available: `timeout`, `network error: ECONNRESET`, `cancelled`... */
  outcome?: string;
}

export interface PingOneLogger {
  request(entry: RequestLogEntry): void;
}

export const silentLogger: PingOneLogger = { request: () => undefined };

/** One line per request, e.g. `PUT https://api.pingone.eu/v1/... → 200 (123 ms) [id 8d0e…] attempt 2`. */
export function formatRequestLogEntry(e: RequestLogEntry): string {
  const result = e.status !== undefined ? String(e.status) : (e.outcome ?? 'no response');
  const attempt = e.attempt > 1 ? ` attempt ${e.attempt}` : '';
  return `${e.method} ${e.url} → ${result} (${Math.round(e.durationMs)} ms) [${e.correlationId}]${attempt}`;
}

/** Drops query, fragment and user info: those are the only URL parts where a secret could hide. */
export function safeUrlForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Collects entries in memory; handy for tests and for a "show last requests" view. */
export class MemoryLogger implements PingOneLogger {
  readonly entries: RequestLogEntry[] = [];
  request(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }
  lines(): string[] {
    return this.entries.map(formatRequestLogEntry);
  }
}
