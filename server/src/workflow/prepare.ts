/**
 * From a document to the body that is sent: `{{placeholders}}` filled in, `$schema`, binding and
 * read-only fields stripped, and the filled body checked again by the same language service.
 * Problems name the variable, never its value.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPhoneDeliveryService, type Diagnostic } from '../service';
import { findNodeAtOffset, getNodePath, parseTree, type JSONPath } from 'jsonc-parser';
import { fillPlaceholders, findPlaceholders } from '../model/placeholders';
import { READ_ONLY_FIELDS } from '../model/phoneDeliverySettings';
import { isObject } from '../model/json';
import { pathText, placementsOf, secretDestinations } from '../model/secretPlacement';

export interface VariableValue {
  value: string;
  secret: boolean;
}

export type VariableLookup = (name: string) => VariableValue | undefined;

/** The person's explicit allowance to fill the secret `variable` at `path` (e.g. `requests[0].url`), where it is not a credential field. */
export interface SecretAllowance {
  variable: string;
  path: string;
}

/** A secret filled in: where, and the hosts it will reach (after PingOne, which stores it). */
export interface FilledSecret {
  variable: string;
  path: string;
  hosts: string[];
}

export interface PreparedBody {
  /** What is sent. Undefined when the document is not a JSON object. */
  body?: Record<string, unknown>;
  /** The document's own binding fields. */
  documentId?: string;
  documentEnvironmentId?: string;
  /** Placeholders with no value. */
  missing: string[];
  /** Values filled in from secret storage: redacted wherever anything is shown. */
  secretValues: string[];
  /** Error diagnostics of the document itself, and of the filled body (messages with values replaced by their `{{name}}`). */
  errors: Diagnostic[];
  filledErrors: string[];
  /**
   * Secrets refused because they would fill a field that holds no credential (a url's host, a
   * name…). Nothing may be sent while there is one; `--force` does not override it, only an allowance.
   */
  refused: string[];
  /** The secrets filled in, and where they go. */
  filledSecrets: FilledSecret[];
}

/** Fields that never go into a request body: the schema reference, the binding, what PingOne sets. */
export const STRIPPED_FIELDS = ['$schema', 'id', 'environment', ...READ_ONLY_FIELDS];

const service = createPhoneDeliveryService();

/** The error diagnostics of a text, and its parsed value (one parse for both). */
export function checkText(text: string): { errors: Diagnostic[]; value: unknown } {
  const doc = TextDocument.create('pingone://body.json', 'json', 1, text);
  const parsed = service.parse(doc);
  return { errors: service.validate(doc, parsed).filter((d) => d.severity === 1), value: parsed.value };
}

export function prepareBody(text: string, lookup: VariableLookup, allow: readonly SecretAllowance[] = []): PreparedBody {
  const checked = checkText(text);
  const value = checked.value;
  // The service guesses from names which placeholders are secret; here the lookup knows: `refused` decides.
  const errors = checked.errors.filter((d) => d.code !== 'secret-placeholder-misplaced');
  const out: PreparedBody = { missing: [], secretValues: [], errors, filledErrors: [], refused: [], filledSecrets: [] };
  if (!isObject(value)) return out;
  const obj = value;
  // Own properties only: a `__proto__` key must not lend the document an id.
  out.documentId = ownString(obj, 'id');
  const env = Object.hasOwn(obj, 'environment') ? obj.environment : undefined;
  if (isObject(env)) out.documentEnvironmentId = ownString(env, 'id');
  const filledAt: { variable: string; path: JSONPath }[] = [];

  const missing = new Set<string>();
  const secrets = new Set<string>();
  const filled = new Map<string, string>(); // value → {{name}}, to take values out of messages
  const fill = (v: unknown, path: JSONPath): unknown => {
    if (typeof v === 'string') {
      const placements = placementsOf(path, v);
      let i = 0;
      const r = fillPlaceholders(v, (name) => {
        const placement = placements[i++];
        const found = lookup(name);
        if (!found) return undefined;
        if (found.secret) {
          const at = pathText(path);
          if (placement && !placement.credential && !allow.some((a) => a.variable === name && a.path === at)) {
            // Not filled: a secret goes only where its owner meant it to go.
            out.refused.push(
              `the secret {{${name}}} is not filled into "${at}": ${placement.reason}. ` +
                `Move it to a credential field, or allow it for this field explicitly (--allow-secret-in ${name}=${at}).`,
            );
            return `{{${name}}}`;
          }
          secrets.add(found.value);
          filledAt.push({ variable: name, path });
        }
        if (found.value) filled.set(found.value, `{{${name}}}`);
        return found.value;
      });
      r.missing.forEach((m) => missing.add(m));
      return r.value;
    }
    if (Array.isArray(v)) return v.map((c, i) => fill(c, [...path, i]));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, fill(c, [...path, k])]));
    return v;
  };
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!STRIPPED_FIELDS.includes(k)) body[k] = fill(v, [k]);
  out.body = body;
  for (const f of filledAt) {
    const at = pathText(f.path);
    if (!out.filledSecrets.some((s) => s.variable === f.variable && s.path === at))
      out.filledSecrets.push({ variable: f.variable, path: at, hosts: secretDestinations(body, f.path) });
  }
  out.missing = [...missing].sort();
  out.secretValues = [...secrets];
  if (!out.missing.length) {
    const byLength = [...filled.entries()].sort((a, b) => b[0].length - a[0].length);
    const filledText = JSON.stringify(body, null, 2);
    const tree = parseTree(filledText);
    const filledDoc = TextDocument.create('pingone://filled.json', 'json', 1, filledText);
    out.filledErrors = checkText(filledText)
      .errors.filter((d) => d.code !== 'secret-placeholder-misplaced' && !errors.some((e) => e.code === d.code && e.message === d.message))
      .map((d) => {
        let m = d.message;
        for (const [val, name] of byLength) m = m.split(val).join(name);
        // Name the variables behind the value the error is about (its original text holds them).
        const node = tree && findNodeAtOffset(tree, filledDoc.offsetAt(d.range.start));
        const original = node ? valueAt(obj, getNodePath(node)) : undefined;
        const names = typeof original === 'string' ? findPlaceholders(original).map((p) => `{{${p.name}}}`) : [];
        return `After filling in ${names.length ? names.join(', ') : 'the variables'}: ${m}`;
      });
  }
  return out;
}

function ownString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The person-facing lines: where each filled secret goes. */
export function describeFilledSecrets(secrets: readonly FilledSecret[], apiHost: string): string[] {
  return secrets.map((s) => `{{${s.variable}}} (${s.path}) is stored by PingOne (${apiHost}) and used at ${s.hosts.join(', ')}`);
}

function valueAt(value: unknown, path: JSONPath): unknown {
  let v = value;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
