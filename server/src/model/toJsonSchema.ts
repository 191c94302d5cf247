/**
 * Model → JSON Schema (draft-07), with VS Code's extra keywords (`markdownDescription`,
 * `enumDescriptions`, `markdownEnumDescriptions`, `defaultSnippets`, `errorMessage`,
 * `deprecationMessage`) so that editors that only read JSON Schema get the same help.
 *
 * Polymorphism is written as `allOf: [{ if: <discriminator is X>, then: { $ref: case } }]`: a
 * schema-only editor then reports the selected branch's errors, not every `oneOf` alternative.
 *
 * The shipped schema holds only what the severity table makes an error, so that a schema-only tool,
 * VS Code's JSON support and the CLI agree on what is invalid. The language service validates with
 * the advisory variant (`{ advisory: true }`), which adds the constraints of warnings and hints
 * (`additionalProperties: false`, the UUID and URL patterns) and maps them to their rule codes.
 */
import { PHONE_DELIVERY_SETTINGS } from './phoneDeliverySettings';
import { COUNTRY_ENUM } from './countries';
import { isWholePlaceholder } from './placeholders';
import { SCHEMA_ID } from './schemaId';
import { RULES, type RuleCode } from './rules';
import { toSnippet } from './snippet';
import { TEMPLATES } from './templates';
import type { Field, ObjectShape, StringField, VariantCase } from './types';

export type JsonSchema = Record<string, unknown>;

export interface SchemaOptions {
  /** Also the constraints whose rule is a warning or hint (the language service's own schema). */
  advisory?: boolean;
}

/** Whether a constraint of this rule goes into the schema being built. */
const carries = (o: SchemaOptions, rule: RuleCode): boolean => o.advisory === true || RULES[rule].severity === 'error';

const PLACEHOLDER_PATTERN = '(?<!\\\\)\\{\\{\\s*[A-Za-z_][\\w.-]*\\s*\\}\\}';

/** `definitions` key of a variant case: `provider_CUSTOM_PROVIDER`, `authentication_OAUTH2_JWT`… */
export function caseDefinitionName(owner: string, c: VariantCase): string {
  const suffix = c.refine ? '_JWT' : '';
  return `${owner}_${c.value}${suffix}`;
}

const plain = (markdown: string): string => markdown.replace(/`/g, '').replace(/\*\*/g, '');

function withDocs(f: Field): string {
  return f.docs ? `${f.description}\n\n[PingOne docs](${f.docs})` : f.description;
}

function stringSchema(f: StringField, o: SchemaOptions): JsonSchema {
  if (f.country) return { $ref: '#/definitions/countryCode' };
  const s: JsonSchema = { type: 'string' };
  if (f.enum) {
    s.enum = f.enum.map((e) => e.value);
    s.enumDescriptions = f.enum.map((e) => plain(e.description));
    s.markdownEnumDescriptions = f.enum.map((e) => e.description);
    s.errorMessage = `Use one of: ${f.enum.map((e) => e.value).join(', ')}.`;
  }
  if (f.pattern && carries(o, f.patternRule ?? 'invalid-value')) {
    // A string holding a {{placeholder}} passes every string rule: it is filled in before sending.
    s.pattern = `(?:${f.pattern})|${PLACEHOLDER_PATTERN}`;
    if (f.patternHint) s.errorMessage = `Expected ${plain(f.patternHint)}.`;
  }
  return s;
}

function fieldSchema(f: Field, defs: Record<string, JsonSchema>, o: SchemaOptions): JsonSchema {
  let s: JsonSchema;
  switch (f.type) {
    case 'string':
      s = stringSchema(f, o);
      break;
    case 'boolean':
      s = { type: 'boolean' };
      break;
    case 'array':
      s = { type: 'array', items: fieldSchema(f.items, defs, o) };
      if (f.minItems !== undefined && carries(o, f.minItemsRule ?? 'invalid-value')) s.minItems = f.minItems;
      break;
    case 'map':
      s = { type: 'object', additionalProperties: fieldSchema(f.values, defs, o) };
      break;
    case 'object':
      s = shapeSchema(f.shape, defs, o);
      break;
  }
  if (s.$ref) return s; // shared definitions carry their own texts
  s.description = plain(f.description);
  s.markdownDescription = withDocs(f);
  if (f.default !== undefined) s.default = f.default;
  if (f.readOnly) s.readOnly = true;
  if (f.secret) s.writeOnly = true;
  if (f.deprecated) s.deprecationMessage = plain(f.deprecated);
  if (f.insertValue !== undefined && f.type !== 'string' && f.type !== 'boolean')
    s.defaultSnippets = [{ bodyText: toSnippet(f.insertValue) }];
  return s;
}

function propertiesSchema(props: Record<string, Field>, defs: Record<string, JsonSchema>, o: SchemaOptions): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, f] of Object.entries(props)) out[k] = fieldSchema(f, defs, o);
  return out;
}

function shapeSchema(shape: ObjectShape, defs: Record<string, JsonSchema>, o: SchemaOptions): JsonSchema {
  const s: JsonSchema = { type: 'object', properties: propertiesSchema(shape.properties, defs, o) };
  if (shape.required.length) s.required = shape.required;
  if (!shape.variants) {
    if (shape.additional === 'error' && carries(o, 'property-not-allowed')) s.additionalProperties = false;
    return s;
  }
  // The base object lists only the shared properties; each case is a complete object of its own.
  const { discriminator, cases } = shape.variants;
  const allOf: JsonSchema[] = [];
  cases.forEach((c, i) => {
    const name = caseDefinitionName(discriminator === 'provider' ? 'provider' : shape.title, c);
    const caseShape: ObjectShape = {
      title: c.shape.title,
      properties: { ...shape.properties, ...c.shape.properties },
      required: [...new Set([...shape.required, ...c.shape.required])],
      additional: c.shape.additional,
    };
    const def = shapeSchema(caseShape, defs, o);
    if (c.notCreatable) {
      def.not = {};
      def.errorMessage = plain(c.notCreatable);
    }
    defs[name] = def;
    const cond: JsonSchema = { properties: { [discriminator]: { const: c.value } }, required: [discriminator] };
    // An earlier case with the same value and a refinement takes precedence: exclude it here.
    const earlier = cases.slice(0, i).filter((e) => e.value === c.value && e.refine);
    const conds: JsonSchema[] = [];
    if (c.refine) conds.push(c.refine.schema);
    for (const e of earlier) conds.push({ not: e.refine!.schema });
    if (conds.length) cond.allOf = conds;
    allOf.push({ if: cond, then: { $ref: `#/definitions/${name}` } });
  });
  s.allOf = allOf;
  const options = cases.filter((c) => !c.notCreatable);
  if (discriminator !== 'provider') {
    s.defaultSnippets = options.map((c) => ({ label: c.label, description: plain(c.shape.title), body: snippetBody(c) }));
  }
  return s;
}

/**
 * A `defaultSnippets` body for a variant case: the discriminator plus the required properties, a
 * secret's `{{placeholder}}` as it is, every other one a tab stop. (In `body` the editor reads each
 * string as snippet text.)
 */
function snippetBody(c: VariantCase): Record<string, unknown> {
  const body: Record<string, unknown> = { method: c.value };
  let n = 1;
  for (const k of c.shape.required) {
    const insert = c.shape.properties[k]?.insertValue;
    body[k] = typeof insert === 'string' && isWholePlaceholder(insert) ? insert : `$${n++}`;
  }
  return body;
}

export function buildJsonSchema(o: SchemaOptions = {}): JsonSchema {
  const defs: Record<string, JsonSchema> = {
    countryCode: {
      type: 'string',
      description: 'An ISO 3166-1 alpha-2 country code.',
      markdownDescription: 'An ISO 3166-1 alpha-2 country code.',
      enum: COUNTRY_ENUM.map((c) => c.value),
      enumDescriptions: COUNTRY_ENUM.map((c) => c.description),
      errorMessage: 'Use an ISO 3166-1 alpha-2 country code, such as US, CA or GB.',
    },
  };
  const root = shapeSchema(PHONE_DELIVERY_SETTINGS, defs, o);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'PingOne phone delivery settings',
    description:
      'The body of POST/PUT {apiPath}/environments/{envID}/notificationsSettings/phoneDeliverySettings. Generated from the model in server/src/model; do not edit.',
    markdownDescription:
      'The body of `POST`/`PUT {apiPath}/environments/{envID}/notificationsSettings/phoneDeliverySettings`.\n\n[PingOne docs](https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings.html)',
    ...root,
    defaultSnippets: TEMPLATES.map((t) => ({ label: t.label, description: t.description, bodyText: toSnippet(t.body) })),
    definitions: defs,
  };
}
