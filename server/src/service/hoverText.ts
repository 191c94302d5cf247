/**
 * The texts of hover and completion documentation, all derived from the model: field descriptions,
 * types, required-ness for the selected provider / method, defaults, enum values, template variables
 * and country names, with the PingOne documentation link. Shared by `hover.ts` and `complete.ts`.
 */
import type { JSONPath } from 'jsonc-parser';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { DOCS } from '../model/docs';
import { PHONE_DELIVERY_SETTINGS } from '../model/phoneDeliverySettings';
import { TEMPLATE_VARIABLES, TEMPLATE_VARIABLES_DOCS, type TemplateVariable } from '../model/variables';
import type { EnumValue, Field, ObjectShape, VariantCase } from '../model/types';
import { locate, type EffectiveShape } from '../model/modelNav';

const code = (s: string): string => (s.includes('`') ? '`` ' + s + ' ``' : '`' + s + '`');

/** Markdown → plain text, for clients that do not render markdown. */
export function toPlainText(markdown: string): string {
  // Hover text quotes the document (keys, values): every pattern here runs in linear time. A link's
  // text holds no `[` and its target no `(`, so that an unclosed `[` or `(` is not read to the end.
  return unwrapDoubleBackticks(
    markdown
      .replace(/^```\w*\n?/gm, '')
      .replace(/\[([^[\]]*)\]\(([^()]*)\)/g, '$1: $2')
      .replace(/\*\*/g, ''),
  ).replace(/`([^`]*)`/g, '$1');
}

const LINE_BREAK = /[\n\r\u2028\u2029]/g;

/** `` `` x `` `` → `x` within one line: /`` (.*?) ``/g by a scan (that regex rescans from every unclosed opener). */
function unwrapDoubleBackticks(text: string): string {
  let out = '';
  let pos = 0;
  for (let open = text.indexOf('`` '); open >= 0; open = text.indexOf('`` ', pos)) {
    const close = text.indexOf(' ``', open + 3);
    if (close < 0) break;
    LINE_BREAK.lastIndex = open + 3;
    const br = LINE_BREAK.exec(text);
    if (br && br.index < close) {
      // Not closed on its line: an opener after the line break may still be.
      out += text.slice(pos, br.index + 1);
      pos = br.index + 1;
      continue;
    }
    out += text.slice(pos, open) + text.slice(open + 3, close);
    pos = close + 3;
  }
  return out + text.slice(pos);
}

export function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: toPlainText(markdown) };
}

const docsLink = (url: string): string => `[PingOne documentation](${url})`;

/** A short type name: `string`, `boolean`, `array of objects`, `object (name → string)`. */
export function typeLabel(field: Field): string {
  switch (field.type) {
    case 'string':
      return field.enum && !field.country ? 'string (enum)' : 'string';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'map':
      return `object (name → ${typeLabel(field.values)})`;
    case 'array': {
      const item = field.items.type === 'object' ? 'objects' : field.items.type === 'array' ? 'arrays' : `${typeLabel(field.items)}s`;
      return `array of ${item}`;
    }
  }
}

/** The raw shape (with its variants) of the object at `path`. */
export function rawShapeAt(path: JSONPath, rootValue: unknown): ObjectShape | undefined {
  if (path.length === 0) return PHONE_DELIVERY_SETTINGS;
  const f = locate(path, rootValue)?.field;
  return f?.type === 'object' ? f.shape : undefined;
}

export interface Requirement {
  required: boolean;
  /** e.g. "required", "required for CUSTOM_PROVIDER", "optional", "required for BASIC, BEARER" */
  text: string;
}

/** Whether `key` is required in its object, for the case the document selects. */
export function requirement(key: string, owner: EffectiveShape | undefined, raw: ObjectShape | undefined): Requirement | undefined {
  if (!owner) return undefined;
  const base = raw ?? owner.shape;
  if (base.required.includes(key)) return { required: true, text: 'required' };
  if (owner.undecided) {
    const cases = (raw?.variants?.cases ?? []).filter((c) => !c.notCreatable && c.shape.required.includes(key)).map((c) => c.label);
    if (cases.length) return { required: false, text: `required for ${[...new Set(cases)].join(', ')}` };
    return { required: false, text: 'optional' };
  }
  if (owner.shape.required.includes(key))
    return { required: true, text: owner.selected ? `required for ${owner.selected.label}` : 'required' };
  return { required: false, text: 'optional' };
}

/** The best documentation page for the thing at `path`: its own, or the nearest enclosing one. */
export function docsFor(path: JSONPath, rootValue: unknown): string {
  for (let i = path.length; i >= 0; i--) {
    const l = locate(path.slice(0, i), rootValue);
    if (!l) continue;
    if (i === path.length && l.field?.docs) return l.field.docs;
    if (l.object?.selected?.docs) return l.object.selected.docs;
    if (l.field?.docs) return l.field.docs;
  }
  return DOCS.dataModel;
}

/** The variant cases whose discriminator is `key` in `raw`, by value (for enum values of `provider` and `method`). */
export function discriminatorCases(raw: ObjectShape | undefined, key: string): VariantCase[] | undefined {
  return raw?.variants?.discriminator === key ? raw.variants.cases : undefined;
}

const MAX_LISTED_VALUES = 12;

function enumOf(field: Field): EnumValue[] | undefined {
  if (field.type === 'string' && !field.country) return field.enum;
  if (field.type === 'array') return enumOf(field.items);
  return undefined;
}

export interface FieldDocInput {
  key: string;
  field: Field;
  requirement?: Requirement;
  cases?: VariantCase[];
  docs: string;
}

function summaryParts(input: FieldDocInput): string[] {
  const parts = [typeLabel(input.field)];
  if (input.requirement) parts.push(input.requirement.text);
  if (input.field.secret) parts.push('write-only');
  if (input.field.readOnly) parts.push('read-only, set by PingOne');
  if (input.field.deprecated) parts.push('not a real field');
  return parts;
}

/** A one-line summary: `string · required for CUSTOM_PROVIDER · write-only`. */
export function fieldSummary(input: FieldDocInput): string {
  return summaryParts(input).join(' · ');
}

/** Markdown for a property: description, type, required or not, default, values, docs link. */
export function fieldMarkdown(input: FieldDocInput): string {
  const { key, field } = input;
  const [type, ...rest] = summaryParts(input);
  const out: string[] = [[`**${code(key)}**`, code(type), ...rest].join(' · ')];
  out.push(field.description);
  if (field.deprecated) out.push(`**Use instead:** ${field.deprecated}`);
  if (field.default !== undefined) out.push(`Default: ${code(JSON.stringify(field.default))}`);
  const values = enumOf(field);
  if (values && values.length <= MAX_LISTED_VALUES) {
    const listed = values.filter((v) => !input.cases?.some((c) => c.value === v.value && c.notCreatable));
    out.push('Values:\n' + listed.map((v) => `- ${code(v.value)}: ${v.description}`).join('\n'));
  }
  out.push(docsLink(input.docs));
  return out.join('\n\n');
}

/** Markdown for one enum value (of `key`), with what the case it selects needs. */
export function enumValueMarkdown(key: string, value: EnumValue, cases: VariantCase[] | undefined, docs: string): string {
  const out: string[] = [`**${code(value.value)}** · value of ${code(key)}`, value.description];
  const selected = (cases ?? []).filter((c) => c.value === value.value);
  let link = docs;
  for (const c of selected) {
    if (c.docs && selected.length === 1) link = c.docs;
    if (c.notCreatable) continue;
    const required = c.shape.required;
    if (required.length) {
      const who = selected.length > 1 ? `${c.label} requires` : 'Requires';
      out.push(`${who}: ${required.map(code).join(', ')}`);
    }
  }
  out.push(docsLink(link));
  return out.join('\n\n');
}

/** Markdown for a country code of `supportedCountries`. */
export function countryMarkdown(value: EnumValue, docs: string): string {
  return [`**${code(value.value)}** · ${value.description}`, 'ISO 3166-1 alpha-2 country code.', docsLink(docs)].join('\n\n');
}

/** Markdown for a `${…}` template variable. */
export function variableMarkdown(v: TemplateVariable): string {
  return [
    `**${code('${' + v.name + '}')}** · template variable${v.required ? ' (mandatory)' : ''}`,
    v.description,
    `[PingOne documentation: dynamic variables](${TEMPLATE_VARIABLES_DOCS})`,
  ].join('\n\n');
}

/** Markdown for a `${…}` name PingOne does not document. */
export function unknownVariableMarkdown(name: string): string {
  return [
    `**${code('${' + name + '}')}** · not a documented template variable`,
    'PingOne fills in: ' + TEMPLATE_VARIABLES.map((v) => code('${' + v.name + '}')).join(', ') + '.',
    `[PingOne documentation: dynamic variables](${TEMPLATE_VARIABLES_DOCS})`,
  ].join('\n\n');
}

/** Markdown for a whole-document template: its description and the body it inserts. */
export function templateMarkdown(description: string, json: string): string {
  return `${description}\n\n\`\`\`json\n${json}\n\`\`\``;
}
