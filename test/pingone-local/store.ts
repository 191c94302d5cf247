// In-memory state of the stand-in, per environment, and the read-only view tests get of it.
// The request log holds no header, body, token or secret: only what a test asserts on.

import { randomUUID } from 'node:crypto';
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
  /** Notification policies (policies.ts), by id, in creation order. */
  policies: Map<string, StoredPolicy>;
}

/** A notification policy as last written, with the fields PingOne sets. */
export interface StoredPolicy {
  id: string;
  environmentId: string;
  createdAt: string;
  updatedAt: string;
  body: Json;
}

/**
 * GUESS: a new environment has one policy, the default, with no quota and no provider
 * configuration (PingOne creates a default policy; its name and content here are ours).
 */
export function defaultPolicies(environmentId: string, now: string): Map<string, StoredPolicy> {
  const id = randomUUID();
  const body = { name: 'Default Notification Policy', default: true, quotas: [], countryLimit: { type: 'NONE' } };
  return new Map([[id, { id, environmentId, createdAt: now, updatedAt: now, body }]]);
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
      this.environments.set(id, {
        resources: new Map(),
        notificationSettings: defaultNotificationSettings(),
        policies: defaultPolicies(id, this.stamp()),
      });
  }

  reset(): void {
    for (const [id, env] of this.environments) {
      env.resources.clear();
      env.notificationSettings = defaultNotificationSettings();
      env.policies = defaultPolicies(id, this.stamp());
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
  /** Notification policies as the API would answer them (without `_links`); default: first environment. */
  notificationPolicies(environmentId?: string): Json[];
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
    notificationPolicies: (id) =>
      [...(env(id)?.policies.values() ?? [])].map(
        (p) =>
          JSON.parse(
            JSON.stringify({ id: p.id, environment: { id: p.environmentId }, ...p.body, createdAt: p.createdAt, updatedAt: p.updatedAt }),
          ) as Json,
      ),
  };
}
