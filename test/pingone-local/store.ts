// In-memory state of the stand-in, per environment, and the read-only view tests get of it.
// The request log holds no header, body, token or secret: only what a test asserts on.

import { FaultType, Operation } from './faults';
import { present, StoredResource } from './providers';

type Json = Record<string, unknown>;

export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  /** Path without query string. */
  path: string;
  op?: Operation;
  environmentId?: string;
  /** Resource id for read/update/delete. */
  resourceId?: string;
  /** Worker client id that made the call (token requests and authenticated API calls). */
  clientId?: string;
  /** `X-Ping-External-Transaction-ID` as received. */
  correlationId?: string;
  status?: number;
  /** Fault that hit this request, if any. */
  fault?: FaultType;
  /** `answered`, or `reset` when the connection was destroyed without an answer. */
  outcome: 'answered' | 'reset';
}

export interface EnvironmentState {
  resources: Map<string, StoredResource>;
  notificationSettings: Json;
}

export function defaultNotificationSettings(): Json {
  return { smsProvidersFallbackChain: ['PINGONE_TWILIO'] };
}

export class Store {
  readonly environments = new Map<string, EnvironmentState>();
  readonly log: LoggedRequest[] = [];
  tokenRequests = 0;
  tokensIssued = 0;
  private seq = 0;
  private lastStamp = 0;

  constructor(environmentIds: string[]) {
    for (const id of environmentIds) this.addEnvironment(id);
  }

  addEnvironment(id: string): void {
    if (!this.environments.has(id))
      this.environments.set(id, { resources: new Map(), notificationSettings: defaultNotificationSettings() });
  }

  reset(): void {
    for (const env of this.environments.values()) {
      env.resources.clear();
      env.notificationSettings = defaultNotificationSettings();
    }
    this.log.length = 0;
    this.tokenRequests = 0;
    this.tokensIssued = 0;
  }

  /** Strictly increasing ISO timestamps, so that `updatedAt` visibly advances on every PUT. */
  stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  record(entry: Omit<LoggedRequest, 'seq' | 'time'>): LoggedRequest {
    const full: LoggedRequest = { seq: ++this.seq, time: new Date().toISOString(), ...entry };
    this.log.push(full);
    return full;
  }
}

/** What tests see as `handle.state`. */
export interface PingOneLocalState {
  readonly environmentIds: string[];
  /** Token requests received (successful or not). */
  readonly tokenRequests: number;
  readonly tokensIssued: number;
  /** Every API and token request, in order, without secrets. */
  readonly requests: readonly LoggedRequest[];
  /** Resources as the API would answer them (write-only fields omitted); default: first environment. */
  resources(environmentId?: string): Json[];
  /**
   * The stored body INCLUDING write-only secrets (what PingOne would keep), for asserting what
   * a client really sent (e.g. that placeholders were filled). Never printed by the stand-in.
   */
  storedBody(environmentId: string, id: string): Json | undefined;
  notificationSettings(environmentId?: string): Json;
}

export function stateView(store: Store, apiBase: () => string): PingOneLocalState {
  const env = (id?: string): EnvironmentState | undefined => store.environments.get(id ?? [...store.environments.keys()][0]);
  return {
    get environmentIds() {
      return [...store.environments.keys()];
    },
    get tokenRequests() {
      return store.tokenRequests;
    },
    get tokensIssued() {
      return store.tokensIssued;
    },
    get requests() {
      return store.log;
    },
    resources: (id) => [...(env(id)?.resources.values() ?? [])].map((r) => present(r, apiBase())),
    storedBody: (envId, id) => {
      const r = store.environments.get(envId)?.resources.get(id);
      return r ? (JSON.parse(JSON.stringify(r.body)) as Json) : undefined;
    },
    notificationSettings: (id) => JSON.parse(JSON.stringify(env(id)?.notificationSettings ?? {})) as Json,
  };
}
