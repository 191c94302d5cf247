// Shapes of what the API returns, kept loose on purpose: the language service owns the detailed
// model, the HTTP layer only needs the few fields it routes on.

export interface PhoneDeliverySettings {
  id: string;
  provider: string;
  name?: string;
  environment?: { id: string };
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

export interface NotificationSettings {
  /** phoneDeliverySettings ids plus the literal `PINGONE_TWILIO` (SDK `management/generate/pingone-management.yml`). */
  smsProvidersFallbackChain?: string[];
  [field: string]: unknown;
}

/** One entry of a policy condition's ordered provider chain. */
export interface PolicyFallbackEntry {
  id: string;
  [field: string]: unknown;
}

/** A condition of `providerConfiguration`: the provider order for some delivery methods and countries. */
export interface PolicyCondition {
  deliveryMethods?: string[];
  /** ISO 3166-1 alpha-2; absent on the last condition (every other country). */
  countries?: string[];
  fallbackChain?: PolicyFallbackEntry[];
  [field: string]: unknown;
}

/**
 * A notification policy (`/environments/{envId}/notificationsPolicies`), per the NotificationsPolicy
 * schema of PingOne's management OpenAPI: only the fields routed on are typed.
 */
export interface NotificationPolicy {
  id: string;
  name: string;
  default?: boolean;
  quotas?: unknown[];
  countryLimit?: Record<string, unknown>;
  cooldownConfiguration?: Record<string, unknown>;
  providerConfiguration?: { conditions?: PolicyCondition[]; [field: string]: unknown };
  environment?: { id: string };
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

export interface DeleteOutcome {
  /** True when a retried DELETE found 404: an earlier attempt deleted it, the answer got lost. */
  alreadyDeleted: boolean;
}

/** Options of one call (a "Send" from the UI, a CLI command). */
export interface CallOptions {
  /** Cancels the call (and any waiting between retries). */
  signal?: AbortSignal;
  /** Sent as `X-Ping-External-Transaction-ID` on every attempt of this call; generated when absent. */
  correlationId?: string;
  /** Secret values to keep out of error messages (values filled from secret storage, for example). */
  secretValues?: readonly string[];
  /** Per-attempt timeout, overriding the client's. */
  timeoutMs?: number;
}
