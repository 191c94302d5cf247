/**
 * What `send`, `pull` and `delete` share: the environment options, the environment entry they
 * resolve to (the extension's `resolveEnvironment`), the client secret from `PINGONE_CLIENT_SECRET`,
 * a `PingOneClient` over undici's fetch, `--verbose` request logging, and output that never holds
 * a secret.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isObject } from '../model/json';
import { PingOneClient } from '../pingone/api';
import type { PingOneError } from '../pingone/errors';
import type { FetchFunction } from '../pingone/http';
import { formatRequestLogEntry, silentLogger, type PingOneLogger } from '../pingone/log';
import { redactJson, redactString } from '../pingone/redact';
import type { PhoneDeliverySettings } from '../pingone/types';
import { PINGONE_REGIONS } from '../pingone/endpoints';
import { resolveEnvironment, secretLookingVariables, type ResolvedEnvironment } from '../workflow/environments';
import { CommandFailure, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CliIo } from './command';
import { cliFetch } from './proxy';

export const CLIENT_SECRET_VARIABLE = 'PINGONE_CLIENT_SECRET';

/** Environment variables that name the hosts of a `--config` entry, as the flags do. */
export const URL_VARIABLES = { api: 'PINGONE_API_URL', auth: 'PINGONE_AUTH_URL', region: 'PINGONE_REGION' } as const;

/** Options of every command that talks to PingOne. */
export const ENVIRONMENT_OPTIONS = {
  env: { type: 'string' },
  config: { type: 'string' },
  region: { type: 'string' },
  'api-url': { type: 'string' },
  'auth-url': { type: 'string' },
  'environment-id': { type: 'string' },
  'client-id': { type: 'string' },
  'token-environment-id': { type: 'string' },
  'token-auth': { type: 'string' },
  timeout: { type: 'string' },
  'max-retry-after': { type: 'string' },
  'production-ok': { type: 'boolean' },
  'trust-config-urls': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The placeholder sources: for every subcommand that fills a document (send, replace, plan, delete). */
export const VARIABLE_OPTIONS = {
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
} as const;

/** Only where a filled body is written to PingOne (send, replace): elsewhere the allowance would do nothing. */
export const SECRET_ALLOWANCE_OPTIONS = {
  'allow-secret-in': { type: 'string', multiple: true },
} as const;

export const ENVIRONMENT_HELP = `Environment (either from a settings file, or from flags):
  --env NAME                   the entry named NAME in --config (default: the file's
                               "pingone.activeEnvironment", or its only entry)
  --config FILE                a JSON-with-comments file holding "pingone.environments" (flat key, as
                               in .vscode/settings.json, or nested { "pingone": { "environments": … } });
                               its "region" is used, but its own "apiUrl"/"authUrl" only when
                               confirmed: --api-url/--auth-url/--region (or ${URL_VARIABLES.api}/
                               ${URL_VARIABLES.auth}/${URL_VARIABLES.region}) name the hosts instead, or
  --trust-config-urls          send the client secret and tokens to the URLs the --config file names
  --region NA|CA|EU|AP|AU|SG   the PingOne region (sets the API and auth base URLs)
  --api-url URL                API base, with or without /v1 (overrides --region)
  --auth-url URL               auth base; the token endpoint is {auth-url}/{token environment id}/as/token
  --environment-id ID          the environment to work on
  --client-id ID               client id of the worker app
  --token-environment-id ID    the environment the worker app lives in (default: --environment-id)
  --token-auth client_secret_basic|client_secret_post   (default client_secret_basic)
  The client secret is read from the environment variable ${CLIENT_SECRET_VARIABLE} only.
  --production-ok              allow changes to an environment marked "production": true

Requests:
  --timeout SECONDS            per request (default 30)
  --max-retry-after SECONDS    longest Retry-After wait after a 429 (default 60)
  -v, --verbose                log every request on stderr (method, URL, status, duration, correlation id)
  -h, --help                   show this help`;

export const VARIABLE_HELP = `Placeholders ({{name}}), most specific first:
  --var name=value             a value that is not secret (repeatable)
  --var-file FILE              secret values: a JSON object, or NAME=VALUE lines (repeatable)
  PINGONE_VAR_<name>           secret values from environment variables ('.' and '-' may be '_')
  the "variables" of the --config entry (not secret)`;

export const SECRET_ALLOWANCE_HELP = `  A secret value fills only a field that holds a credential (a write-only field, a credential-named
  header, the value of a credential-named url/body parameter); anywhere else the send is refused,
  --force or not, unless you allow that one variable in that one field:
  --allow-secret-in NAME=PATH  fill the secret {{NAME}} at PATH, e.g. requests[0].url (repeatable)`;

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** `parseArgs`, with its errors as usage errors, and a clear word for a secret given as a flag. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  const secretFlag = args.find((a) => /^--(client-?secret|secret)(=|$)/i.test(a));
  if (secretFlag) {
    throw new UsageError(
      `there is no ${secretFlag.split('=')[0]} option: the client secret is read only from the environment variable ${CLIENT_SECRET_VARIABLE} (a flag would show in the process list and the shell history)`,
    );
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Output that never carries a secret: every line passes the value rule, JSON the field rules too. */
export class Output {
  readonly secrets = new Set<string>();
  constructor(
    readonly io: CliIo,
    readonly command: string,
  ) {}

  addSecrets(values: Iterable<string | undefined>): void {
    for (const v of values) if (v) this.secrets.add(v);
  }

  clean(text: string): string {
    return redactString(text, [...this.secrets]);
  }

  /** One message line on stderr. */
  err(line: string): void {
    this.io.stderr(this.clean(line) + '\n');
  }

  /** A JSON value on stdout, redacted by field and by value. */
  json(value: unknown): void {
    this.io.stdout(this.jsonText(value));
  }

  /** Redacted string by string (not the text as a whole: a short secret value must not break the JSON). */
  jsonText(value: unknown): string {
    return JSON.stringify(redactJson(value, { secretValues: [...this.secrets] }), null, 2) + '\n';
  }

  fail(code: number, message: string): CommandFailure {
    return new CommandFailure(code, this.clean(message));
  }
}

export function lineCol(text: string, offset: number): { line: number; col: number } {
  return lineColumns(text)(offset);
}

/** `lineCol` for many offsets of one text: the line table is built once. */
export function lineColumns(text: string): (offset: number) => { line: number; col: number } {
  const doc = TextDocument.create('x', 'json', 1, text);
  return (offset) => {
    const p = doc.positionAt(offset);
    return { line: p.line + 1, col: p.character + 1 };
  };
}

export interface ConfigFile {
  environments: unknown[];
  active?: string;
}

export async function readConfig(io: CliIo, file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    throw new CommandFailure(
      EXIT_USAGE,
      `cannot read the config file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const errors: ParseError[] = [];
  const root = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    const at = lineCol(text, e.offset);
    throw new CommandFailure(EXIT_USAGE, `${file}:${at.line}:${at.col}: not valid JSON with comments (${printParseErrorCode(e.error)})`);
  }
  const obj = isObject(root) ? root : {};
  const nested = isObject(obj.pingone) ? obj.pingone : {};
  const environments = obj['pingone.environments'] ?? nested.environments;
  if (!Array.isArray(environments)) throw new CommandFailure(EXIT_USAGE, `${file} has no "pingone.environments" list`);
  const active = obj['pingone.activeEnvironment'] ?? nested.activeEnvironment;
  return { environments, active: typeof active === 'string' && active.trim() ? active.trim() : undefined };
}

const FLAG_WORDS: [RegExp, string][] = [
  [/^Environment "command line": /, ''],
  [/"region"/g, '--region'],
  [/"apiUrl"|\bapiUrl\b/g, '--api-url'],
  [/"authUrl"|\bauthUrl\b/g, '--auth-url'],
  [/"tokenEnvironmentId"/g, '--token-environment-id'],
  [/"environmentId"/g, '--environment-id'],
  [/"clientId"/g, '--client-id'],
  [
    /"tokenAuthMethod" must be CLIENT_SECRET_BASIC or CLIENT_SECRET_POST/g,
    '--token-auth must be client_secret_basic or client_secret_post',
  ],
];

const FLAG_NAMES = ['region', 'api-url', 'auth-url', 'environment-id', 'client-id', 'token-environment-id', 'token-auth'] as const;
/** The flags that name hosts: with `--config`, they say where the entry's requests go. */
const URL_FLAGS: readonly string[] = ['region', 'api-url', 'auth-url'];

const isRegionBase = (base: string, which: 'apiBase' | 'authBase'): boolean =>
  Object.values(PINGONE_REGIONS).some((r) => r[which] === base);

/**
 * A `--config` entry's URLs, where the command line (flags, environment variables) names none: the
 * client secret goes to the auth URL and the tokens to the API URL, so a file alone (which a pull
 * request can change) never decides them. PingOne's own region hosts need no confirmation.
 */
function withCommandLineUrls(
  entry: Record<string, unknown>,
  str: (k: string) => string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { entry: Record<string, unknown>; named: { api: boolean; auth: boolean } } {
  const pick = (flag: string, variable: string): string | undefined => str(flag) ?? (env[variable]?.trim() || undefined);
  const region = pick('region', URL_VARIABLES.region);
  const apiUrl = pick('api-url', URL_VARIABLES.api);
  const authUrl = pick('auth-url', URL_VARIABLES.auth);
  const out = { ...entry };
  if (region !== undefined) {
    out.region = region.toUpperCase();
    delete out.apiUrl;
    delete out.authUrl;
  }
  if (apiUrl !== undefined) out.apiUrl = apiUrl;
  if (authUrl !== undefined) out.authUrl = authUrl;
  return { entry: out, named: { api: region !== undefined || apiUrl !== undefined, auth: region !== undefined || authUrl !== undefined } };
}

/** The environment entry: `--env`/`--config`, or the flags. Problems are configuration errors (exit 2). */
export async function environmentFromOptions(io: CliIo, values: Values, out: Output): Promise<ResolvedEnvironment> {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const flags = FLAG_NAMES.filter((f) => str(f) !== undefined);
  const name = str('env');
  const config = str('config');
  const identityFlags = flags.filter((f) => !URL_FLAGS.includes(f));
  if ((name !== undefined || config !== undefined) && identityFlags.length) {
    throw new UsageError(`give either --env/--config or the environment flags (--${identityFlags.join(', --')}), not both`);
  }
  if (values['trust-config-urls'] === true && config === undefined) throw new UsageError('--trust-config-urls goes with --config FILE');
  let named = { api: true, auth: true };
  if (name !== undefined && config === undefined) throw new UsageError('--env needs --config FILE (e.g. .vscode/settings.json)');

  let raw: unknown;
  if (config !== undefined) {
    const { environments, active } = await readConfig(io, config);
    const names = environments
      .map((e) => (e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined))
      .filter((n): n is string => typeof n === 'string');
    const wanted = name ?? active ?? (environments.length === 1 ? names[0] : undefined);
    if (wanted === undefined) {
      throw new CommandFailure(
        EXIT_USAGE,
        `${config} has ${environments.length} environments and no "pingone.activeEnvironment": choose one with --env NAME (${names.join(', ') || 'none'})`,
      );
    }
    raw = environments.find(
      (e) =>
        e &&
        typeof e === 'object' &&
        typeof (e as { name?: unknown }).name === 'string' &&
        (e as { name: string }).name.trim() === wanted.trim(),
    );
    if (!raw) throw new CommandFailure(EXIT_USAGE, `no environment named "${wanted}" in ${config} (it has: ${names.join(', ') || 'none'})`);
    ({ entry: raw, named } = withCommandLineUrls(raw as Record<string, unknown>, str, io.env ?? {}));
  } else {
    if (!flags.length) {
      throw new UsageError(
        'no environment: give --env NAME --config FILE, or --region (or --api-url and --auth-url) with --environment-id and --client-id',
      );
    }
    const tokenAuth = str('token-auth');
    const method = tokenAuth === undefined ? undefined : tokenAuth.toUpperCase();
    if (method !== undefined && method !== 'CLIENT_SECRET_BASIC' && method !== 'CLIENT_SECRET_POST') {
      throw new UsageError(`--token-auth must be client_secret_basic or client_secret_post (got '${tokenAuth}')`);
    }
    const environmentId = str('environment-id');
    raw = {
      name: 'command line',
      region: str('region')?.toUpperCase(),
      apiUrl: str('api-url'),
      authUrl: str('auth-url'),
      environmentId,
      tokenEnvironmentId: str('token-environment-id'),
      clientId: str('client-id'),
      tokenAuthMethod: method,
    };
  }
  const { env, problems } = resolveEnvironment(raw);
  if (!env || problems.length) {
    const words = config === undefined ? problems.map((p) => FLAG_WORDS.reduce((s, [re, w]) => s.replace(re, w), p)) : problems;
    throw new CommandFailure(EXIT_USAGE, words.length === 1 ? words[0] : `the environment cannot be used:\n  ${words.join('\n  ')}`);
  }
  if (config !== undefined && values['trust-config-urls'] !== true) {
    const unconfirmed = [
      !named.auth && !isRegionBase(env.authBase, 'authBase') ? `"authUrl" ${env.authBase} (where the client secret goes)` : undefined,
      !named.api && !isRegionBase(env.apiBase, 'apiBase') ? `"apiUrl" ${env.apiBase} (where the tokens go)` : undefined,
    ].filter((u): u is string => u !== undefined);
    if (unconfirmed.length) {
      throw new CommandFailure(
        EXIT_USAGE,
        `the entry "${env.name}" of ${config} sets ${unconfirmed.join(' and ')}: a config file alone does not decide where secrets go. ` +
          `Name the host on the command line (${[!named.auth ? `--auth-url or ${URL_VARIABLES.auth}` : '', !named.api ? `--api-url or ${URL_VARIABLES.api}` : '', `--region or ${URL_VARIABLES.region}`].filter(Boolean).join(', ')}), ` +
          `or add --trust-config-urls to use the file's URLs. Nothing was sent.`,
      );
    }
  }
  const result = config === undefined ? { ...env, name: `environment ${env.environmentId}` } : env;
  const suspicious = secretLookingVariables(result);
  if (suspicious.length) {
    out.err(
      `warning: the "variables" ${suspicious.map((s) => `"${s}"`).join(', ')} of "${result.name}" look like secrets; settings files must not hold secrets (use PINGONE_VAR_<name> or --var-file).`,
    );
  }
  return result;
}

function seconds(values: Values, name: string, min: number): number | undefined {
  const v = values[name];
  if (typeof v !== 'string') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || v.trim() === '')
    throw new UsageError(`--${name} takes a number of seconds${min > 0 ? ' above 0' : ''} (got '${v}')`);
  return n;
}

export interface Remote {
  env: ResolvedEnvironment;
  client: PingOneClient;
  out: Output;
}

/**
 * The client for the resolved environment. The secret comes from `PINGONE_CLIENT_SECRET` only; the
 * access tokens the token endpoint hands out are added to the redacted values as they arrive.
 */
export function connect(io: CliIo, env: ResolvedEnvironment, values: Values, out: Output): Remote {
  const timeout = seconds(values, 'timeout', Number.MIN_VALUE);
  const maxRetryAfter = seconds(values, 'max-retry-after', 0);
  const clientSecret = io.env?.[CLIENT_SECRET_VARIABLE];
  if (!clientSecret) {
    throw new CommandFailure(
      EXIT_USAGE,
      `set the environment variable ${CLIENT_SECRET_VARIABLE} to the client secret of the worker app ${env.clientId} (it is never taken from a flag or a file)`,
    );
  }
  out.addSecrets([clientSecret]);
  const base: FetchFunction = io.fetch ?? cliFetch(io.env ?? {});
  const fetch: FetchFunction = async (input, init) => {
    const response = await base(input, init);
    if (String(input) === env.tokenUrl && response.ok) {
      try {
        const body = (await response.clone().json()) as { access_token?: unknown };
        if (typeof body.access_token === 'string') out.addSecrets([body.access_token]);
      } catch {
        // Not JSON: the token cache reports it.
      }
    }
    return response;
  };
  const logger: PingOneLogger = values.verbose === true ? { request: (e) => out.err(formatRequestLogEntry(e)) } : silentLogger;
  const client = new PingOneClient({
    fetch,
    apiBase: env.apiBase,
    environmentId: env.environmentId,
    credentials: {
      authBase: env.authBase,
      tokenEnvironmentId: env.tokenEnvironmentId,
      clientId: env.clientId,
      clientSecret,
      authMethod: env.authMethod,
    },
    logger,
    timeoutMs: timeout !== undefined ? timeout * 1000 : io.pingone?.timeoutMs,
    maxRetryAfterSeconds: maxRetryAfter ?? io.pingone?.maxRetryAfterSeconds,
    retryBaseDelayMs: io.pingone?.retryBaseDelayMs,
  });
  return { env, client, out };
}

/** Exit status of a failed request: configuration problems are 2, the rest (PingOne said no, or could not be reached) 1. */
export function exitCodeOf(error: PingOneError): number {
  if (error.kind === 'config') return EXIT_USAGE;
  if (error.kind === 'token' && (error.status === 400 || error.status === 401)) return EXIT_USAGE;
  return EXIT_PROBLEMS;
}

/** `provider "name" (id)` */
export function describeResource(r: Pick<PhoneDeliverySettings, 'id' | 'provider'> & Record<string, unknown>): string {
  const label =
    typeof r.name === 'string'
      ? r.name
      : typeof r.sid === 'string'
        ? r.sid
        : typeof r.verifyServiceId === 'string'
          ? r.verifyServiceId
          : undefined;
  return `${r.provider}${label !== undefined ? ` "${label}"` : ''} (${r.id})`;
}
