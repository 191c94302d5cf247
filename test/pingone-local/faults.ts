// Behaviour switches of the stand-in: count-limited faults per operation, latency, rejected fields.
// Set through `startPingOneLocal(options)` or, mid-run, through `POST /__control` (see control()).

export const OPERATIONS = [
  'token',
  'list',
  'create',
  'read',
  'update',
  'delete',
  'readNotificationSettings',
  'updateNotificationSettings',
  'listNotificationPolicies',
  'readNotificationPolicy',
  'createNotificationPolicy',
  'updateNotificationPolicy',
  'deleteNotificationPolicy',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export type FaultType =
  /** 429 REQUEST_LIMITED with `Retry-After: retryAfterSeconds` (default 1). Not processed. */
  | 'rate-limit'
  /** 500/502/503 (`status`, default 500) with an UNEXPECTED_ERROR envelope. Not processed. */
  | 'server-error'
  /** The connection is destroyed after the request is read, before it is processed. */
  | 'reset-before'
  /** The request IS processed (a create creates!), then the connection is destroyed without an answer. */
  | 'reset-after'
  /** Processed; the answer's status is kept but its body is not JSON (`{"id": ...` garbage). */
  | 'malformed-json'
  /** Processed; the answer's JSON is cut in half (Content-Length matches the cut body). */
  | 'truncated-json'
  /** Not processed; an HTML error page as from a proxy (`status`, default 502). */
  | 'html-error'
  /** The request waits `delayMs` (default 60 s) before processing, to provoke client timeouts; if the client is still connected then, it is processed. */
  | 'hang'
  /**
   * Processed; the answer's status is kept but its JSON body is padded to `sizeBytes` (default 6 MB),
   * so that a client reading it whole would parse it fine: clients must cap what they read.
   * (A 204 cannot carry a body, so a DELETE's answer is unaffected.)
   */
  | 'huge';

export interface FaultSpec {
  type: FaultType;
  /** Which operation(s) it hits; default every operation. */
  op?: Operation | Operation[] | '*';
  /** How many matching requests it hits ("next N"); default 1. */
  count?: number;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Body size of a 'huge' answer, default 6 MB. */
  sizeBytes?: number;
}

export interface RejectFieldSpec {
  /** Target path as it will appear in `details[].target`, e.g. `requests[0].url`. */
  target: string;
  /** Operations it applies to; default create and update. */
  op?: Operation | Operation[];
  /** Reject even when the body has no value at `target` (default: only when present). */
  always?: boolean;
  code?: string;
  message?: string;
}

export interface ControlCommand {
  /** Appended to the pending faults. */
  faults?: FaultSpec[];
  clearFaults?: boolean;
  /** Replaces the rejected fields (empty array or null clears them). */
  rejectFields?: (string | RejectFieldSpec)[] | null;
  /** Replaces the latency: ms for every operation, or per operation. */
  latencyMs?: number | Partial<Record<Operation | '*', number>> | null;
  /** Every token issued so far expires now (the next API call answers 401). */
  expireTokens?: boolean;
  tokenLifetimeSeconds?: number;
  /** Adds environments (ids) that the API accepts. */
  addEnvironments?: string[];
  /** Drops all resources, notification settings and logs (clients and environments stay). */
  reset?: boolean;
}

interface PendingFault extends FaultSpec {
  remaining: number;
}

function opsOf(op: Operation | Operation[] | '*' | undefined): Operation[] | '*' {
  if (op === undefined || op === '*') return '*';
  return Array.isArray(op) ? op : [op];
}

export class FaultPlan {
  private pending: PendingFault[] = [];
  private rejected: RejectFieldSpec[] = [];
  private latency: Partial<Record<Operation | '*', number>> = {};

  addFaults(faults: FaultSpec[]): void {
    for (const f of faults) this.pending.push({ ...f, remaining: Math.max(1, f.count ?? 1) });
  }

  clearFaults(): void {
    this.pending = [];
  }

  /** The first pending fault for this operation, consumed (count decremented). */
  take(op: Operation): FaultSpec | undefined {
    const i = this.pending.findIndex((f) => {
      const ops = opsOf(f.op);
      return ops === '*' || ops.includes(op);
    });
    if (i < 0) return undefined;
    const f = this.pending[i];
    f.remaining--;
    if (f.remaining <= 0) this.pending.splice(i, 1);
    return f;
  }

  pendingFaults(): FaultSpec[] {
    return this.pending.map((f) => ({
      type: f.type,
      op: f.op,
      count: f.remaining,
      status: f.status,
      retryAfterSeconds: f.retryAfterSeconds,
    }));
  }

  setRejectFields(fields: (string | RejectFieldSpec)[] | null): void {
    this.rejected = (fields ?? []).map((f) => (typeof f === 'string' ? { target: f } : f));
  }

  rejectFieldsFor(op: Operation): RejectFieldSpec[] {
    return this.rejected.filter((r) => {
      const ops = r.op === undefined ? ['create', 'update'] : Array.isArray(r.op) ? r.op : [r.op];
      return ops.includes(op);
    });
  }

  setLatency(latency: number | Partial<Record<Operation | '*', number>> | null): void {
    this.latency = latency === null ? {} : typeof latency === 'number' ? { '*': latency } : { ...latency };
  }

  latencyFor(op: Operation): number {
    return this.latency[op] ?? this.latency['*'] ?? 0;
  }
}
