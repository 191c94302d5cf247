/**
 * A live resource as a new document: read-only fields dropped, `id` and `environment.id` kept
 * (they bind the document), each write-only field written as a `{{placeholder}}`, with the list of
 * secret variables the person has to set before sending it back.
 */
import { PHONE_DELIVERY_SETTINGS, READ_ONLY_FIELDS } from '../model/phoneDeliverySettings';
import { effectiveShape } from '../model/modelNav';
import { escapePlaceholders, placeholderName } from '../model/placeholders';
import type { Field, ObjectShape } from '../model/types';
import { SCHEMA_ID } from '../model/schemaId';
import { redactJson } from '../pingone/redact';
import type { PhoneDeliverySettings } from '../pingone/types';
import { placeholdersForEchoedSecrets, type EchoedSecret } from './echoedSecrets';
import { isObject } from '../model/json';

export interface PulledDocument {
  text: string;
  /** Names of the `{{placeholders}}` written for write-only fields and echoed credentials. */
  secretVariables: string[];
  /** Gateway credentials PingOne returned, now placeholders: where each was. */
  echoed: EchoedSecret[];
}

/** Adds a placeholder for every write-only field of the (effective) shape that the resource lacks. */
function addSecretPlaceholders(value: Record<string, unknown>, shape: ObjectShape, out: string[]): Record<string, unknown> {
  const eff = effectiveShape(shape, value).shape;
  const result: Record<string, unknown> = { ...value };
  for (const [k, f] of Object.entries(eff.properties)) {
    if (f.type === 'string' && f.secret && eff.required.includes(k) && (result[k] === undefined || result[k] === '')) {
      const name = placeholderName(k, f);
      result[k] = `{{${name}}}`;
      out.push(name);
    }
    const child = result[k];
    if (f.type === 'object' && isObject(child)) result[k] = addSecretPlaceholders(child, f.shape, out);
    if (f.type === 'array' && Array.isArray(child) && (f.items as Field).type === 'object') {
      const itemShape = (f.items as Field & { type: 'object' }).shape;
      result[k] = child.map((c) => (isObject(c) ? addSecretPlaceholders(c, itemShape, out) : c));
    }
  }
  return result;
}

/** A value from PingOne with every `{{name}}` of its strings escaped. */
export function literal(v: unknown): unknown {
  if (typeof v === 'string') return escapePlaceholders(v);
  if (Array.isArray(v)) return v.map(literal);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, literal(c)]));
  return v;
}

/**
 * `known`: secret variables whose values the caller knows (an echoed value equal to one is written
 * as that variable's placeholder).
 */
export function pulledDocument(
  resource: PhoneDeliverySettings,
  environmentId: string,
  known: ReadonlyMap<string, string> = new Map(),
): PulledDocument {
  const secretVariables: string[] = [];
  const clean: Record<string, unknown> = {};
  // Placeholder text PingOne stores stays literal text (`\{{name}}`): it is never filled from secret storage on the next send.
  for (const [k, v] of Object.entries(resource)) if (!(READ_ONLY_FIELDS as readonly string[]).includes(k)) clean[k] = literal(v);
  const withSecrets = addSecretPlaceholders(clean, PHONE_DELIVERY_SETTINGS, secretVariables);
  // Binding first, then the body in PingOne's order.
  const { id, environment: _env, ...rest } = withSecrets;
  const ordered = { $schema: SCHEMA_ID, id, environment: { id: environmentId }, ...rest };
  // PingOne echoes the gateway credentials it stores (headers, url/body parameters): placeholders too.
  const echoed = placeholdersForEchoedSecrets(JSON.stringify(ordered, null, 2) + '\n', known);
  return {
    text: echoed.text,
    secretVariables: [...new Set([...secretVariables, ...echoed.added.map((a) => a.name)])],
    echoed: echoed.added,
  };
}

/** The secrets the caller knows for an environment. */
export interface KnownSecrets {
  /** Secret variables by name: an echoed value equal to one is written as its `{{name}}`. */
  byName: ReadonlyMap<string, string>;
  /** Other secret values (the client secret, access tokens): redacted wherever they occur. */
  values: readonly string[];
}

/**
 * `pulledDocument` with everything the caller knows: echoed values of known secret variables become
 * their placeholders, then every known secret value left anywhere is redacted (the value rule of
 * `redactJson`), string by string. The CLI's `pull` does the same two steps (`pulledDocument` with its
 * var files, then `Output.jsonText`); the extension's Pull calls this with the environment's secrets.
 */
export function safePulledDocument(resource: PhoneDeliverySettings, environmentId: string, known: KnownSecrets): PulledDocument {
  const pulled = pulledDocument(resource, environmentId, known.byName);
  const secretValues = [...known.values, ...known.byName.values()];
  return { ...pulled, text: JSON.stringify(redactJson(JSON.parse(pulled.text), { secretValues }), null, 2) + '\n' };
}
