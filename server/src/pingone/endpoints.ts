// PingOne base URLs and the paths of the resources this extension touches.
// The region table follows the Go SDK (`patrickcping/pingone-go-sdk-v2`, `pingone/model/region.go`); everything else
// derives from it.
// No `vscode` import: this folder is shared by the extension, the CLI and the tests.

export type PingOneRegion = 'NA' | 'CA' | 'EU' | 'AP' | 'AU' | 'SG';

export interface PingOneEndpoints {
  /** API base including the `/v1` path segment, no trailing slash. */
  apiBase: string;
  /** Auth base (token endpoint is `{authBase}/{envId}/as/token`), no trailing slash. */
  authBase: string;
}

export const PINGONE_REGIONS: Readonly<Record<PingOneRegion, Readonly<PingOneEndpoints & { label: string }>>> = {
  NA: { label: 'North America (excluding Canada)', apiBase: 'https://api.pingone.com/v1', authBase: 'https://auth.pingone.com' },
  CA: { label: 'Canada', apiBase: 'https://api.pingone.ca/v1', authBase: 'https://auth.pingone.ca' },
  EU: { label: 'European Union', apiBase: 'https://api.pingone.eu/v1', authBase: 'https://auth.pingone.eu' },
  AP: { label: 'Asia-Pacific', apiBase: 'https://api.pingone.asia/v1', authBase: 'https://auth.pingone.asia' },
  AU: { label: 'Australia', apiBase: 'https://api.pingone.com.au/v1', authBase: 'https://auth.pingone.com.au' },
  SG: { label: 'Singapore', apiBase: 'https://api.pingone.sg/v1', authBase: 'https://auth.pingone.sg' },
};

export function isPingOneRegion(value: unknown): value is PingOneRegion {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PINGONE_REGIONS, value);
}

export function regionEndpoints(region: PingOneRegion): PingOneEndpoints {
  const r = PINGONE_REGIONS[region];
  return { apiBase: r.apiBase, authBase: r.authBase };
}

/** Thrown for a base URL we refuse to talk to (bad syntax, plain http to a non-loopback host, credentials in it...). */
export class PingOneUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PingOneUrlError';
  }
}

/**
 * Loopback hosts are the only place plain http is allowed (the local stand-in, a developer's proxy).
 * `URL.hostname` keeps the brackets of IPv6 literals, hence `[::1]`.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '[::1]' || h === '::1') return true;
  // IPv4-mapped IPv6 form of 127.x (WHATWG URL normalises it to hex, e.g. [::ffff:7f00:1]).
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h)) return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && Number(m[1]) === 127 && m.slice(2).every((o) => Number(o) <= 255);
}

/** Parses a base URL and enforces "https, or http on loopback only"; refuses credentials, query and fragment. */
export function parseAllowedBaseUrl(raw: string, what = 'URL'): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new PingOneUrlError(`${what} is not a valid absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PingOneUrlError(`${what} must use https (got ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new PingOneUrlError(`${what} must use https; plain http is only allowed for loopback hosts (127.0.0.0/8, localhost, ::1).`);
  }
  // A user:password in a base URL would be sent and logged with every request.
  if (url.username !== '' || url.password !== '') {
    throw new PingOneUrlError(`${what} must not contain a user name or password.`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new PingOneUrlError(`${what} must not contain a query or fragment.`);
  }
  return url;
}

function withoutTrailingSlashes(url: URL): string {
  // A loop, not /\/+$/: that regex tries every slash of a long run of them as a start (quadratic).
  let end = url.pathname.length;
  while (end > 0 && url.pathname[end - 1] === '/') end--;
  return `${url.origin}${url.pathname.slice(0, end)}`;
}

/**
 * API base with `/v1` exactly once at the end: the docs write `{{apiPath}}` both with and without it.
 * `https://api.pingone.eu` → `https://api.pingone.eu/v1`; `https://api.pingone.eu/v1/` → `https://api.pingone.eu/v1`.
 */
export function normalizeApiBase(raw: string): string {
  const base = withoutTrailingSlashes(parseAllowedBaseUrl(raw, 'API base URL'));
  return /\/v1$/i.test(base) ? base.replace(/\/v1$/i, '/v1') : `${base}/v1`;
}

/** Auth base without trailing slash (custom domains allowed; the token path is appended by `tokenEndpointUrl`). */
export function normalizeAuthBase(raw: string): string {
  return withoutTrailingSlashes(parseAllowedBaseUrl(raw, 'Auth base URL'));
}

/**
 * One path segment: percent-encoded, so that `/`, `?` and `#` stay inside it, and never `.` or `..`,
 * which URL parsing resolves (an id of `..` would address the parent collection).
 */
function segment(value: string, what: string): string {
  if (value.trim() === '') throw new PingOneUrlError(`${what} must not be empty.`);
  if (value.trim() === '.' || value.trim() === '..') throw new PingOneUrlError(`${what} must not be "${value.trim()}".`);
  return encodeURIComponent(value);
}

/**
 * `{authBase}/{tokenEnvironmentId}/as/token` (`pingidentity/pingone-go-client`, `oauth2/endpoints/endpoints.go`): the
 * environment is the one the worker app lives in.
 */
export function tokenEndpointUrl(authBase: string, tokenEnvironmentId: string): string {
  return `${normalizeAuthBase(authBase)}/${segment(tokenEnvironmentId, 'Token environment id')}/as/token`;
}

export function notificationSettingsUrl(apiBase: string, environmentId: string): string {
  return `${normalizeApiBase(apiBase)}/environments/${segment(environmentId, 'Environment id')}/notificationsSettings`;
}

export function phoneDeliverySettingsUrl(apiBase: string, environmentId: string, id?: string): string {
  const collection = `${notificationSettingsUrl(apiBase, environmentId)}/phoneDeliverySettings`;
  return id === undefined ? collection : `${collection}/${segment(id, 'Phone delivery settings id')}`;
}

/** `…/environments/{envId}/notificationsPolicies[/{id}]`: the notification policies (SMS/voice quotas, provider order). */
export function notificationPoliciesUrl(apiBase: string, environmentId: string, id?: string): string {
  const collection = `${normalizeApiBase(apiBase)}/environments/${segment(environmentId, 'Environment id')}/notificationsPolicies`;
  return id === undefined ? collection : `${collection}/${segment(id, 'Notification policy id')}`;
}
