/**
 * Environment entries (`pingone.environments` in settings, `--config` in the CLI): normalised into
 * what a send needs, with the keys under which their secrets are stored. No `vscode` here.
 */
import {
  isPingOneRegion,
  normalizeApiBase,
  normalizeAuthBase,
  PINGONE_REGIONS,
  tokenEndpointUrl,
  type PingOneRegion,
} from '../pingone/endpoints';
import type { TokenAuthMethod } from '../pingone/tokens';
import { CREDENTIAL_NAME } from '../model/phoneDeliverySettings';

/** One entry as written in settings. */
export interface EnvironmentSetting {
  name: string;
  region?: PingOneRegion;
  /** API base (custom domain, the local stand-in), with or without `/v1`. Overrides the region. */
  apiUrl?: string;
  /** Auth base; the token endpoint is `{authUrl}/{tokenEnvironmentId}/as/token`. Overrides the region. */
  authUrl?: string;
  environmentId: string;
  /** The environment the worker app lives in; defaults to `environmentId`. */
  tokenEnvironmentId?: string;
  clientId: string;
  tokenAuthMethod?: 'CLIENT_SECRET_BASIC' | 'CLIENT_SECRET_POST';
  production?: boolean;
  /** Plain (non-secret) values for `{{placeholders}}`. */
  variables?: Record<string, string>;
}

export interface ResolvedEnvironment {
  name: string;
  apiBase: string;
  authBase: string;
  tokenUrl: string;
  environmentId: string;
  tokenEnvironmentId: string;
  clientId: string;
  authMethod: TokenAuthMethod;
  production: boolean;
  variables: Record<string, string>;
  /** SecretStorage key of the client secret: what it is for, not the entry's name. */
  clientSecretKey: string;
  /** Identity of this entry's target, for bindings and secret variables. */
  targetKey: string;
}

const UUIDISH = /^[A-Za-z0-9][A-Za-z0-9-]{2,}$/;

export function resolveEnvironment(raw: unknown): { env?: ResolvedEnvironment; problems: string[] } {
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object') return { problems: ['An environment entry must be an object.'] };
  const s = raw as Partial<EnvironmentSetting>;
  const name = typeof s.name === 'string' && s.name.trim() ? s.name.trim() : undefined;
  if (!name) problems.push('An environment entry has no "name".');
  const label = name ? `Environment "${name}"` : 'The environment';
  let apiBase: string | undefined;
  let authBase: string | undefined;
  if (s.region !== undefined && !isPingOneRegion(s.region))
    problems.push(`${label}: "region" must be one of ${Object.keys(PINGONE_REGIONS).join(', ')}.`);
  const region = isPingOneRegion(s.region) ? PINGONE_REGIONS[s.region] : undefined;
  try {
    apiBase = s.apiUrl ? normalizeApiBase(s.apiUrl) : region?.apiBase;
  } catch (e) {
    problems.push(`${label}: apiUrl: ${(e as Error).message}`);
  }
  try {
    authBase = s.authUrl ? normalizeAuthBase(s.authUrl) : region?.authBase;
  } catch (e) {
    problems.push(`${label}: authUrl: ${(e as Error).message}`);
  }
  if (!apiBase && !problems.some((p) => p.includes('apiUrl'))) problems.push(`${label}: set "region" or "apiUrl".`);
  if (!authBase && !problems.some((p) => p.includes('authUrl'))) problems.push(`${label}: set "region" or "authUrl".`);
  if (typeof s.environmentId !== 'string' || !UUIDISH.test(s.environmentId))
    problems.push(`${label}: "environmentId" is missing or not an id.`);
  if (s.tokenEnvironmentId !== undefined && (typeof s.tokenEnvironmentId !== 'string' || !UUIDISH.test(s.tokenEnvironmentId)))
    problems.push(`${label}: "tokenEnvironmentId" is not an id.`);
  if (typeof s.clientId !== 'string' || !s.clientId.trim()) problems.push(`${label}: "clientId" is missing.`);
  if (s.tokenAuthMethod !== undefined && s.tokenAuthMethod !== 'CLIENT_SECRET_BASIC' && s.tokenAuthMethod !== 'CLIENT_SECRET_POST') {
    problems.push(`${label}: "tokenAuthMethod" must be CLIENT_SECRET_BASIC or CLIENT_SECRET_POST.`);
  }
  const variables: Record<string, string> = {};
  if (s.variables !== undefined) {
    if (!s.variables || typeof s.variables !== 'object') problems.push(`${label}: "variables" must be an object of strings.`);
    else for (const [k, v] of Object.entries(s.variables)) if (typeof v === 'string') variables[k] = v;
  }
  if (problems.length || !name || !apiBase || !authBase) return { problems };
  const environmentId = s.environmentId!;
  const tokenEnvironmentId = s.tokenEnvironmentId ?? environmentId;
  const clientId = s.clientId!.trim();
  return {
    problems,
    env: {
      name,
      apiBase,
      authBase,
      tokenUrl: tokenEndpointUrl(authBase, tokenEnvironmentId),
      environmentId,
      tokenEnvironmentId,
      clientId,
      authMethod: s.tokenAuthMethod === 'CLIENT_SECRET_POST' ? 'client_secret_post' : 'client_secret_basic',
      production: s.production === true,
      variables,
      clientSecretKey: clientSecretKey(authBase, tokenEnvironmentId, clientId),
      targetKey: JSON.stringify([apiBase, environmentId]),
    },
  };
}

/** The client secret is stored for a token endpoint and a client, never for an entry's name. */
export function clientSecretKey(authBase: string, tokenEnvironmentId: string, clientId: string): string {
  return `pingone.clientSecret:${JSON.stringify([authBase, tokenEnvironmentId, clientId])}`;
}

/** A secret variable is stored for the API base and environment its value is sent to. */
export function secretVariableKey(env: Pick<ResolvedEnvironment, 'targetKey'>, name: string): string {
  return `pingone.secretVariable:${env.targetKey}:${name}`;
}

/**
 * Settings must never hold a secret. A plain variable whose name looks like a credential, or whose
 * value looks like one (long, random), gets a warning.
 */
export function secretLookingVariables(env: Pick<ResolvedEnvironment, 'variables'>): string[] {
  return Object.entries(env.variables)
    .filter(([k, v]) => CREDENTIAL_NAME.test(k) || looksRandom(v))
    .map(([k]) => k);
}

function looksRandom(v: string): boolean {
  if (v.length < 24 || /\s/.test(v) || /^https?:\/\//i.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  return classes >= 3;
}

// --- Where an entry comes from ------------------------------------------------------------------------

/** User settings are the person's own; workspace (and folder) settings come with the folder that is open. */
export type EnvironmentScope = 'user' | 'workspace';

export interface EnvironmentChoice {
  env: ResolvedEnvironment;
  /** Where the entry is written: a workspace entry needs the person's approval of every field that says where secrets and writes go. */
  scope: EnvironmentScope;
}

/** `pingone.environments` by scope, as `inspect()` returns it. */
export interface ScopedEnvironmentEntries {
  user?: unknown;
  workspace?: unknown;
  workspaceFolder?: unknown;
}

/**
 * Every usable entry, with its scope. A workspace can only add entries, never weaken the person's:
 *  - the user's entries come first; a workspace entry with the name of a user entry is ignored (with a
 *    warning), so a name the person knows always means the person's own entry and secret;
 *  - a workspace entry for an environment that a user entry marks `production` is `production` too;
 *  - in an untrusted workspace, workspace entries are ignored altogether.
 * `warnings` are worth showing to the person (once); `problems` (a superset) go to the log.
 */
export function environmentChoices(
  entries: ScopedEnvironmentEntries,
  opts: { trusted: boolean },
): { choices: EnvironmentChoice[]; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const choices: EnvironmentChoice[] = [];
  const resolved = (list: unknown): ResolvedEnvironment[] =>
    (Array.isArray(list) ? list : []).flatMap((raw) => {
      const r = resolveEnvironment(raw);
      problems.push(...r.problems);
      return r.env ? [r.env] : [];
    });
  const user = resolved(entries.user);
  for (const env of user) if (!choices.some((c) => c.env.name === env.name)) choices.push({ env, scope: 'user' });
  if (!opts.trusted) return { choices, problems, warnings };
  const productionIds = new Set(user.filter((u) => u.production).map((u) => u.environmentId));
  for (const env of [...resolved(entries.workspaceFolder), ...resolved(entries.workspace)]) {
    const taken = choices.find((c) => c.env.name === env.name);
    if (taken?.scope === 'user') {
      const w = `The PingOne environment "${env.name}" of the workspace settings is ignored: your user settings define "${env.name}", and a workspace cannot replace your entries. Rename the workspace's entry to use it.`;
      if (!warnings.includes(w)) warnings.push(w);
      continue;
    }
    if (taken) continue;
    choices.push({ env: productionIds.has(env.environmentId) ? { ...env, production: true } : env, scope: 'workspace' });
  }
  problems.push(...warnings);
  return { choices, problems, warnings };
}

/**
 * What the person approves of a workspace entry: every field that changes where the client secret,
 * the tokens, the filled-in secret variables and the writes go, or whether a write is confirmed. Any
 * change gives another key, so a changed entry is asked about again.
 */
export function approvalKey(env: ResolvedEnvironment): string {
  const variables = Object.entries(env.variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    'environment/2',
    env.name,
    env.tokenUrl,
    env.authBase,
    env.tokenEnvironmentId,
    env.clientId,
    env.authMethod,
    env.apiBase,
    env.environmentId,
    env.production,
    variables,
  ]);
}

/** The name inside an `approvalKey` (to tell a changed entry from a new one). */
export function approvalKeyName(key: string): string | undefined {
  try {
    const v = JSON.parse(key) as unknown;
    return Array.isArray(v) && v[0] === 'environment/2' && typeof v[1] === 'string' ? v[1] : undefined;
  } catch {
    return undefined;
  }
}

/** The approval dialog's detail: every field of `approvalKey`, in words. */
export function approvalDetail(env: ResolvedEnvironment): string {
  const variables = Object.entries(env.variables);
  return [
    `Token endpoint: ${env.tokenUrl}`,
    `Client id: ${env.clientId} (${env.authMethod === 'client_secret_post' ? 'CLIENT_SECRET_POST' : 'CLIENT_SECRET_BASIC'})`,
    `API: ${env.apiBase}`,
    `Environment id: ${env.environmentId}`,
    `Production: ${env.production ? 'yes (every create, update and delete is confirmed)' : 'no'}`,
    `Variables: ${variables.length ? variables.map(([k, v]) => `${k} = ${v}`).join(', ') : 'none'}`,
    '',
    'The client secret you set for this token endpoint and client will be sent to the token endpoint, and tokens, documents and their secret variables to the API.',
  ].join('\n');
}
