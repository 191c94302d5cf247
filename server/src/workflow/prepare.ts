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

export interface VariableValue {
  value: string;
  secret: boolean;
}

export type VariableLookup = (name: string) => VariableValue | undefined;

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

export function prepareBody(text: string, lookup: VariableLookup): PreparedBody {
  const { errors, value } = checkText(text);
  const out: PreparedBody = { missing: [], secretValues: [], errors, filledErrors: [] };
  if (!isObject(value)) return out;
  const obj = value;
  if (typeof obj.id === 'string') out.documentId = obj.id;
  const env = obj.environment;
  if (env && typeof env === 'object' && typeof (env as Record<string, unknown>).id === 'string')
    out.documentEnvironmentId = (env as Record<string, string>).id;

  const missing = new Set<string>();
  const secrets = new Set<string>();
  const filled = new Map<string, string>(); // value → {{name}}, to take values out of messages
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = fillPlaceholders(v, (name) => {
        const found = lookup(name);
        if (!found) return undefined;
        if (found.secret) secrets.add(found.value);
        if (found.value) filled.set(found.value, `{{${name}}}`);
        return found.value;
      });
      r.missing.forEach((m) => missing.add(m));
      return r.value;
    }
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, fill(c)]));
    return v;
  };
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!STRIPPED_FIELDS.includes(k)) body[k] = fill(v);
  out.body = body;
  out.missing = [...missing].sort();
  out.secretValues = [...secrets];
  if (!out.missing.length) {
    const byLength = [...filled.entries()].sort((a, b) => b[0].length - a[0].length);
    const filledText = JSON.stringify(body, null, 2);
    const tree = parseTree(filledText);
    const filledDoc = TextDocument.create('pingone://filled.json', 'json', 1, filledText);
    out.filledErrors = checkText(filledText)
      .errors.filter((d) => !errors.some((e) => e.code === d.code && e.message === d.message))
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

function valueAt(value: unknown, path: JSONPath): unknown {
  let v = value;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
