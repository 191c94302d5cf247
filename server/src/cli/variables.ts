/**
 * Values for `{{placeholders}}` in the CLI, most specific first:
 *   1. `--var name=value` (not secret: for URLs, names…);
 *   2. `--var-file FILE` (secret; a JSON object or NAME=VALUE lines; a later file wins);
 *   3. `PINGONE_VAR_<name>` environment variables (secret; `.` and `-` in the name may be written `_`);
 *   4. the environment entry's `variables` from `--config` (not secret).
 * Secret values are redacted from everything the CLI prints or writes. Problems with a var file
 * never quote its content.
 */
import type { ResolvedEnvironment } from '../workflow/environments';
import { isObject } from '../model/json';
import type { SecretAllowance, VariableLookup, VariableValue } from '../workflow/prepare';
import { CommandFailure, EXIT_USAGE, UsageError, type CliIo } from './command';

export const VAR_ENV_PREFIX = 'PINGONE_VAR_';

export interface Variables {
  lookup: VariableLookup;
  /** Every value from a secret source (var files, `PINGONE_VAR_*`), used or not. */
  secretValues: string[];
  /** name → value of the secret sources (for turning echoed credentials back into placeholders). */
  secretByName: Map<string, string>;
}

const NAME = /^[A-Za-z_][\w.-]*$/;

/** `--var name=value`. */
export function parseVarArgs(vars: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of vars) {
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq).trim();
    // The argument is not quoted back: it may be a secret given by mistake.
    if (eq < 0 || !NAME.test(name))
      throw new UsageError('--var takes name=value, name a placeholder name; secrets belong in PINGONE_VAR_<name> or a --var-file');
    out.set(name, v.slice(eq + 1));
  }
  return out;
}

/** `--allow-secret-in NAME=PATH`: the person's explicit allowance for one secret in one non-credential field. */
export function parseAllowances(args: readonly string[] = []): SecretAllowance[] {
  return args.map((a) => {
    const eq = a.indexOf('=');
    const variable = eq < 0 ? '' : a.slice(0, eq).trim();
    const path = eq < 0 ? '' : a.slice(eq + 1).trim();
    if (!NAME.test(variable) || !path)
      throw new UsageError('--allow-secret-in takes NAME=PATH, e.g. --allow-secret-in gatewayKey=requests[0].url');
    return { variable, path };
  });
}

/** A Map of a parsed JSON object's own members (never a name of Object.prototype). */
function ownEntries(value: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!value) return out;
  for (const k of Object.keys(value)) if (typeof value[k] === 'string') out.set(k, value[k] as string);
  return out;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/** A var file: a JSON object of strings, or `NAME=VALUE` lines (`#` comments, optional `export `, optional quotes). */
export function parseVarFile(text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      // JSON.parse's message may quote the text: never show it, the file holds secrets.
      throw new CommandFailure(EXIT_USAGE, `${file} is not a valid JSON object (nor NAME=VALUE lines).`);
    }
    if (!isObject(parsed)) throw new CommandFailure(EXIT_USAGE, `${file} must hold a JSON object of name → value.`);
    for (const [k, v] of Object.entries(parsed)) {
      if (!NAME.test(k)) throw new CommandFailure(EXIT_USAGE, `${file}: "${k}" is not a placeholder name.`);
      if (typeof v === 'string') out.set(k, v);
      else if (typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
      else throw new CommandFailure(EXIT_USAGE, `${file}: the value of "${k}" must be a string.`);
    }
    return out;
  }
  body.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*=(.*)$/.exec(t);
    if (!m) throw new CommandFailure(EXIT_USAGE, `${file} line ${i + 1} is not NAME=VALUE (nor is the file a JSON object).`);
    out.set(m[1], unquote(m[2]));
  });
  return out;
}

/** Own properties only: `{{toString}}` is not a member of every object. */
function own(record: Readonly<Record<string, string | undefined>> | undefined, key: string): string | undefined {
  if (!record || !Object.hasOwn(record, key)) return undefined;
  const v = record[key];
  return typeof v === 'string' ? v : undefined;
}

function fromEnvironment(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const exact = own(env, VAR_ENV_PREFIX + name);
  if (exact !== undefined) return exact;
  const underscored = name.replace(/[^A-Za-z0-9_]/g, '_');
  return underscored !== name ? own(env, VAR_ENV_PREFIX + underscored) : undefined;
}

export async function loadVariables(
  io: CliIo,
  env: ResolvedEnvironment | undefined,
  vars: readonly string[],
  varFiles: readonly string[],
): Promise<Variables> {
  const plain = parseVarArgs(vars);
  const fromFiles = new Map<string, string>();
  for (const file of varFiles) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      throw new CommandFailure(EXIT_USAGE, `cannot read the var file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
    }
    for (const [k, v] of parseVarFile(text, file)) fromFiles.set(k, v);
  }
  const processEnv = io.env ?? {};
  const secretByName = new Map<string, string>();
  for (const [k, v] of Object.entries(processEnv))
    if (k.startsWith(VAR_ENV_PREFIX) && v) secretByName.set(k.slice(VAR_ENV_PREFIX.length), v);
  for (const [k, v] of fromFiles) if (v) secretByName.set(k, v);

  const configVariables = ownEntries(env?.variables);
  const lookup = (name: string): VariableValue | undefined => {
    const p = plain.get(name);
    if (p !== undefined) return { value: p, secret: false };
    const f = fromFiles.get(name);
    if (f !== undefined) return { value: f, secret: true };
    const e = fromEnvironment(processEnv, name);
    if (e !== undefined) return { value: e, secret: true };
    const c = configVariables.get(name);
    if (c !== undefined) return { value: c, secret: false };
    return undefined;
  };
  return { lookup, secretValues: [...new Set(secretByName.values())], secretByName };
}
