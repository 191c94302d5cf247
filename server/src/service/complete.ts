/**
 * Completion: property names valid at the cursor for the document's provider and authentication
 * method, values (enums, booleans, whole objects), `${…}` variables in request `url`/`body`
 * strings, country codes in `supportedCountries`, and whole-document templates in an empty file
 * (or an empty `{}`, nowhere else). Every text comes from the model, and no item is offered that the
 * checker then flags as an error (`completeCheck.ts`). Items carry a `textEdit` with the exact range
 * they replace, and work with or without client snippet support.
 */
import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import { SCHEMA_ID } from '../model/schemaId';
import { TEMPLATES } from '../model/templates';
import {
  choice,
  cursorIn,
  isInsertObject,
  json,
  literal,
  plainText,
  syntax,
  tab,
  toPlainText,
  type InsertValue,
  type Part,
} from '../model/snippet';
import { TEMPLATE_VARIABLES } from '../model/variables';
import type { EnumValue, Field, ObjectShape, StringField, VariantCase } from '../model/types';
import { hasSyntaxErrors, type ParsedDocument } from './parse';
import type { CompletionList, Position, ServiceOptions, TextDocument } from './types';
import { insertValueFor, locate, selectCase } from '../model/modelNav';
import { PHONE_DELIVERY_SETTINGS } from '../model/phoneDeliverySettings';
import { lastKey } from '../model/json';
import { rangeOf } from './ranges';
import { cursorContext, templateSpot, type KeyContext, type ValueContext } from './completeContext';
import { detectIndentUnit, finalizeInsert } from './completeSnippet';
import { unflagged } from './completeCheck';
import {
  countryMarkdown,
  discriminatorCases,
  docsFor,
  enumValueMarkdown,
  fieldMarkdown,
  fieldSummary,
  markup,
  rawShapeAt,
  requirement,
  templateMarkdown,
  variableMarkdown,
  type Requirement,
} from './hoverText';

interface Env {
  document: TextDocument;
  text: string;
  offset: number;
  parsed: ParsedDocument;
  snippet: boolean;
  markdown: boolean;
  unit: string;
  /** What each item inserts with its tab stops at their defaults, for the check (`completeCheck.ts`). */
  plain: Map<CompletionItem, string>;
  /** Property items of a sibling case (they switch their object to it): checked one by one. */
  switching: Set<CompletionItem>;
}

interface Span {
  start: number;
  end: number;
  leadingCommaAt?: number;
  /** Indentation of the lines after the first (default: that of the line where the edit starts). */
  indent?: string;
  /** White space put before the inserted text. */
  prefix?: string;
}

export function complete(document: TextDocument, position: Position, parsed: ParsedDocument, options: ServiceOptions): CompletionList {
  if (parsed.skipped) return { isIncomplete: false, items: [] };
  const text = document.getText();
  const env: Env = {
    document,
    text,
    offset: document.offsetAt(position),
    parsed,
    snippet: options.snippetSupport !== false,
    markdown: options.markdown !== false,
    unit: detectIndentUnit(text),
    plain: new Map(),
    switching: new Set(),
  };
  const items: CompletionItem[] = [];
  if (options.templateCompletions !== false) items.push(...templateItems(env));
  const ctx = cursorContext(text, env.offset, hasSyntaxErrors(parsed) ? undefined : parsed.root);
  const offered = ctx?.kind === 'key' ? propertyItems(env, ctx) : ctx?.kind === 'value' ? valueItems(env, ctx) : [];
  // Nothing the checker would then flag. Without a provider the checker knows only the common
  // properties, and nothing offered there can be wrong but the provider's own missing properties.
  // A discriminator's value (provider, authentication method) chooses a case: it makes the other
  // fields missing or not allowed (warnings), never wrong, so its values are not checked one by one.
  const country = ctx?.kind === 'value' && isCountry(locate(ctx.path, parsed.value)?.field);
  const last = ctx?.kind === 'value' ? ctx.path[ctx.path.length - 1] : undefined;
  const choosesCase =
    ctx?.kind === 'value' &&
    typeof last === 'string' &&
    discriminatorCases(rawShapeAt(ctx.path.slice(0, -1), parsed.value), last) !== undefined;
  const checked =
    parsed.root && selectCase(PHONE_DELIVERY_SETTINGS, parsed.value)
      ? unflagged(
          document,
          parsed.root,
          env.offset,
          offered.map((item) => ({
            item,
            plain: env.plain.get(item) ?? '',
            neutral: ctx?.kind === 'key' ? (ctx.hasColon ? ('""' as const) : ('' as const)) : ('null' as const),
            alike: country && item.kind === CompletionItemKind.EnumMember,
            check: (ctx?.kind === 'value' && !choosesCase) || env.switching.has(item),
          })),
        )
      : offered;
  items.push(...checked);
  return { isIncomplete: false, items };
}

const isCountry = (field: Field | undefined): boolean => field?.type === 'string' && field.country === true;

// ---------------------------------------------------------------------------------------------
// Item construction

const pad = (n: number): string => String(n).padStart(3, '0');

function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function makeItem(
  env: Env,
  span: Span,
  insert: Part[],
  fields: Omit<CompletionItem, 'textEdit' | 'insertTextFormat' | 'insertTextMode' | 'additionalTextEdits'>,
): CompletionItem {
  let start = Math.max(0, Math.min(span.start, env.text.length));
  let end = Math.max(start, Math.min(span.end, env.text.length));
  // Clients take only an edit on the cursor's line: a string token that runs over a line break (a
  // backslash right before it) is cut to that line.
  if (/[\r\n]/.test(env.text.slice(start, end))) {
    let lineStart = env.offset;
    while (lineStart > 0 && env.text[lineStart - 1] !== '\n' && env.text[lineStart - 1] !== '\r') lineStart--;
    let lineEnd = env.offset;
    while (lineEnd < env.text.length && env.text[lineEnd] !== '\n' && env.text[lineEnd] !== '\r') lineEnd++;
    start = Math.min(Math.max(start, lineStart), env.offset);
    end = Math.max(Math.min(end, lineEnd), env.offset);
  }
  // A comma right where the edit starts goes into it: two insertions at one offset (the item's and
  // an additional edit) have no defined order, and a client may put the comma after the property.
  const commaFirst = span.leadingCommaAt !== undefined && span.leadingCommaAt >= start;
  const lead = [...(commaFirst ? [syntax(', ')] : []), ...(span.prefix ? [syntax(span.prefix)] : [])];
  const { text, multiline } = finalizeInsert([...lead, ...insert], env.snippet, span.indent ?? lineIndentAt(env.text, start), env.unit);
  const item: CompletionItem = {
    ...fields,
    textEdit: { range: rangeOf(env.document, start, end - start), newText: text },
    insertTextFormat: env.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  env.plain.set(
    item,
    env.snippet ? finalizeInsert([...lead, ...insert], false, span.indent ?? lineIndentAt(env.text, start), env.unit).text : text,
  );
  if (multiline && !env.snippet) item.insertTextMode = InsertTextMode.asIs;
  if (span.leadingCommaAt !== undefined && !commaFirst)
    item.additionalTextEdits = [{ range: rangeOf(env.document, span.leadingCommaAt, 0), newText: ',' }];
  return item;
}

/** The filter text for a replaced range that starts with a quote must start with one too. */
const filterFor = (quoted: boolean, value: string): string => (quoted ? JSON.stringify(value) : value);

// ---------------------------------------------------------------------------------------------
// Insert values derived from the model

const keyPart = (key: string): Part => literal(JSON.stringify(key));

/** A choice of `values` (a plain tab stop if there are none). */
const choiceOf = (values: string[]): InsertValue => (values.length ? choice(...(values as [string, ...string[]])) : tab());

/** Values of an enum that completion offers: not the cases that cannot be created, default first. */
function offeredValues(field: StringField, cases: VariantCase[] | undefined): EnumValue[] {
  const values = (field.enum ?? []).filter((v) => !cases?.some((c) => c.value === v.value && c.notCreatable));
  if (field.default === undefined) return values;
  return [...values.filter((v) => v.value === field.default), ...values.filter((v) => v.value !== field.default)];
}

/** The value inserted for `key` beside `siblings`: the field's insert value (`insertValueFor`), or a default per type. */
function valueInsert(key: string, field: Field, owner: ObjectShape | undefined, depth = 0, siblings?: unknown): InsertValue {
  const inserted = insertValueFor(field, siblings);
  if (inserted !== undefined) return inserted;
  switch (field.type) {
    case 'string': {
      if (field.enum && !field.country) {
        const values = offeredValues(field, discriminatorCases(owner, key)).map((v) => v.value);
        if (values.length === 1) return tab(values[0]);
        if (values.length > 1) return choiceOf(values);
      }
      if (key === '$schema') return tab(SCHEMA_ID);
      if (typeof field.default === 'string') return tab(field.default);
      return tab();
    }
    case 'boolean':
      return tab(field.default === true);
    case 'array': {
      const items = field.items;
      if (items.type === 'string' && items.enum && !items.country) return [choiceOf(offeredValues(items, undefined).map((v) => v.value))];
      return cursorIn('array');
    }
    case 'map':
      return cursorIn('object');
    case 'object': {
      if (depth > 3) return cursorIn('object');
      // An object of cases (authentication) gets its first case whole: a choice of the discriminator
      // alone would leave it without the fields that case requires. The value completion offers each case.
      const first = field.shape.variants?.cases.find((c) => !c.notCreatable);
      return objectInsert(field.shape, first, depth + 1);
    }
  }
}

/** An object with the required properties of `shape` (and of `selected`, with its discriminator). */
function objectInsert(shape: ObjectShape, selected: VariantCase | undefined, depth = 0): InsertValue {
  const props: Record<string, Field> = { ...shape.properties, ...selected?.shape.properties };
  const out: Record<string, InsertValue> = {};
  const discriminator = shape.variants?.discriminator;
  if (selected && discriminator) out[discriminator] = selected.value;
  const required = [...new Set([...shape.required, ...(selected?.shape.required ?? [])])];
  for (const k of required) {
    if (selected && k === discriminator) continue;
    const f = props[k];
    if (f) out[k] = valueInsert(k, f, shape, depth);
  }
  return Object.keys(out).length ? out : cursorIn('object');
}

/** The one item of an array `insertValue` (requests[], numbers[]), if it holds exactly one object. */
function singleItemOf(insertValue: InsertValue | undefined): InsertValue | undefined {
  return Array.isArray(insertValue) && insertValue.length === 1 && isInsertObject(insertValue[0]) ? insertValue[0] : undefined;
}

/** A one-line preview of an insert, for labels. */
function preview(insert: Part[], max = 48): string {
  // A run of white space with a line break goes after an opening or before a closing bracket, else
  // becomes one space (one `\s+` pass: no backtracking).
  const flat = plainText(insert).replace(/\s+/g, (ws: string, at: number, s: string) => {
    if (!ws.includes('\n')) return ws;
    const before = s[at - 1];
    const after = s[at + ws.length];
    return before === '[' || before === '{' || after === ']' || after === '}' ? '' : ' ';
  });
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

// ---------------------------------------------------------------------------------------------
// Property names

function presentKeys(root: Node | undefined, objectPath: JSONPath, editedKeyOffset: number | undefined): Set<string> {
  const out = new Set<string>();
  const node = root ? findNodeAtLocation(root, objectPath) : undefined;
  if (node?.type !== 'object') return out;
  for (const p of node.children ?? []) {
    const k = p.children?.[0];
    if (k && k.offset !== editedKeyOffset && typeof k.value === 'string') out.add(k.value);
  }
  return out;
}

interface Candidate {
  key: string;
  field: Field;
  /** b: required, c: own property of the selected case, d: common property, e: property of a sibling case */
  group: 'b' | 'c' | 'd' | 'e';
  requirement?: Requirement;
  sibling?: VariantCase;
}

/** A field that only applies beside certain sibling values (VOICE-only tags) is offered only there. */
function appliesTo(onlyWhen: Record<string, string | readonly string[]>, obj: unknown): boolean {
  if (!obj || typeof obj !== 'object') return true;
  const o = obj as Record<string, unknown>;
  return Object.entries(onlyWhen).every(
    ([k, v]) => o[k] === undefined || (typeof v === 'string' ? o[k] === v : v.includes(o[k] as string)),
  );
}

function propertyItems(env: Env, ctx: KeyContext): CompletionItem[] {
  const value = env.parsed.value;
  const located = locate(ctx.objectPath, value);
  const eff = located?.object;
  if (!eff) return [];
  const raw = rawShapeAt(ctx.objectPath, value);
  const present = presentKeys(env.parsed.root, ctx.objectPath, ctx.editedKeyOffset);
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const add = (key: string, field: Field, group: Candidate['group'], sibling?: VariantCase): void => {
    if (seen.has(key)) return;
    seen.add(key);
    if (present.has(key) || field.readOnly || field.deprecated) return;
    if (field.onlyWhen && !appliesTo(field.onlyWhen, located.value)) return;
    let req: Requirement | undefined;
    if (sibling)
      req = {
        required: false,
        text: sibling.shape.required.includes(key) ? `required for ${sibling.label}` : `optional, ${sibling.label}`,
      };
    else req = requirement(key, eff, raw);
    candidates.push({ key, field, group: req?.required ? 'b' : group, requirement: req, sibling });
  };
  const own = eff.selected?.shape.properties ?? {};
  // When the case is not decided yet (no provider / method), only the common properties apply.
  for (const [k, f] of Object.entries(eff.shape.properties)) add(k, f, k in own ? 'c' : 'd');
  // Two cases may share a discriminator value (the OAUTH2 grants): the other one's fields select it.
  if (eff.selected && !eff.selected.refine && raw?.variants) {
    for (const c of raw.variants.cases) {
      if (c === eff.selected || c.value !== eff.selected.value || c.notCreatable) continue;
      for (const [k, f] of Object.entries(c.shape.properties)) add(k, f, 'e', c);
    }
  }
  const requiredOrder = eff.shape.required;
  return candidates.map((c, i) => {
    const docs = c.sibling?.docs ?? docsFor([...ctx.objectPath, c.key], value);
    const docInput = { key: c.key, field: c.field, requirement: c.requirement, cases: discriminatorCases(raw, c.key), docs };
    const insert = ctx.hasColon
      ? [keyPart(c.key)]
      : [
          keyPart(c.key),
          syntax(': '),
          ...json(valueInsert(c.key, c.field, raw, 0, located.value)),
          ...(ctx.trailingComma ? [syntax(',')] : []),
        ];
    const rank = c.group === 'b' ? Math.max(0, requiredOrder.indexOf(c.key)) : i;
    const item = makeItem(env, ctx, insert, {
      label: c.key,
      kind: CompletionItemKind.Property,
      detail: fieldSummary(docInput),
      documentation: markup(fieldMarkdown(docInput), env.markdown),
      filterText: filterFor(ctx.quoted, c.key),
      sortText: `${c.group}${pad(rank)}`,
    });
    if (c.sibling) env.switching.add(item);
    return item;
  });
}

// ---------------------------------------------------------------------------------------------
// Values

function valueItems(env: Env, ctx: ValueContext): CompletionItem[] {
  const value = env.parsed.value;
  const field = locate(ctx.path, value)?.field;
  if (!field) return [];
  const last = ctx.path[ctx.path.length - 1];
  const ownerPath = ctx.path.slice(0, -1);
  const key = lastKey(ctx.path);
  const owner = typeof last === 'string' ? rawShapeAt(ownerPath, value) : undefined;
  const cases = typeof last === 'string' ? discriminatorCases(owner, last) : undefined;
  const docs = docsFor(ctx.path, value);
  const comma: Part[] = ctx.trailingComma ? [syntax(',')] : [];

  if (ctx.inString) {
    const items: CompletionItem[] = [];
    if (field.type === 'string' && field.template) items.push(...variableItems(env, ctx));
    if (field.type === 'string' && field.enum) items.push(...enumItems(env, ctx, key, field, cases, docs));
    return items;
  }

  switch (field.type) {
    case 'string': {
      if (field.enum) return enumItems(env, ctx, key, field, cases, docs);
      const insert =
        insertValueFor(field, locate(ownerPath, value)?.value) ?? (key === '$schema' ? valueInsert(key, field, owner) : undefined);
      if (insert === undefined) return [];
      const parts = json(insert);
      return [
        makeItem(env, ctx, [...parts, ...comma], {
          label: preview(parts),
          kind: CompletionItemKind.Value,
          detail: key,
          documentation: markup(fieldMarkdown({ key, field, docs }), env.markdown),
          filterText: filterFor(ctx.quoted, plainText(parts).replace(/^"|"$/g, '')),
        }),
      ];
    }
    case 'boolean':
      return ['true', 'false'].map((b) =>
        makeItem(env, ctx, [literal(b), ...comma], {
          label: b,
          kind: CompletionItemKind.Value,
          detail: field.default !== undefined && String(field.default) === b ? `${key} (default)` : key,
          documentation: markup(fieldMarkdown({ key, field, docs }), env.markdown),
          sortText: field.default !== undefined && String(field.default) === b ? 'a' : 'b',
        }),
      );
    case 'object': {
      const variants = field.shape.variants;
      if (variants) {
        return variants.cases
          .filter((c) => !c.notCreatable)
          .map((c, i) => {
            const enumValue = field.shape.properties[variants.discriminator];
            const ev = enumValue?.type === 'string' ? enumValue.enum?.find((e) => e.value === c.value) : undefined;
            const md = ev ? enumValueMarkdown(variants.discriminator, ev, [c], c.docs ?? docs) : fieldMarkdown({ key, field, docs });
            return makeItem(env, ctx, [...json(objectInsert(field.shape, c)), ...comma], {
              label: c.label,
              kind: CompletionItemKind.Snippet,
              detail: `${key}: ${c.shape.title}`,
              documentation: markup(md, env.markdown),
              filterText: c.label,
              sortText: `a${pad(i)}`,
            });
          });
      }
      // An array item: the item of the array's own insertValue (requests[], numbers[]), else the required properties.
      const parent = typeof last === 'number' ? locate(ownerPath, value)?.field : undefined;
      const parts = json((parent?.type === 'array' ? singleItemOf(parent.insertValue) : undefined) ?? objectInsert(field.shape, undefined));
      return [
        makeItem(env, ctx, [...parts, ...comma], {
          label: typeof last === 'number' ? field.shape.title : preview(parts),
          kind: CompletionItemKind.Snippet,
          detail: typeof last === 'number' ? `${key}[] item` : key,
          documentation: markup(fieldMarkdown({ key, field, docs }), env.markdown),
          filterText: '{',
        }),
      ];
    }
    case 'array':
    case 'map': {
      const parts = json(valueInsert(key, field, owner));
      return [
        makeItem(env, ctx, [...parts, ...comma], {
          label: preview(parts),
          kind: CompletionItemKind.Snippet,
          detail: key,
          documentation: markup(fieldMarkdown({ key, field, docs }), env.markdown),
          filterText: field.type === 'array' ? '[' : '{',
        }),
      ];
    }
  }
}

function enumItems(
  env: Env,
  ctx: ValueContext,
  key: string,
  field: StringField,
  cases: VariantCase[] | undefined,
  docs: string,
): CompletionItem[] {
  const comma: Part[] = ctx.trailingComma ? [syntax(',')] : [];
  // In an array (capabilities, supportedCountries), leave out what the other items already hold.
  const last = ctx.path[ctx.path.length - 1];
  const taken = new Set<unknown>();
  if (typeof last === 'number') {
    const arr = locate(ctx.path.slice(0, -1), env.parsed.value)?.value;
    if (Array.isArray(arr)) arr.forEach((v, i) => i !== last && taken.add(v));
  }
  const values = offeredValues(field, cases).filter((v) => !taken.has(v.value));
  return values.map((v, i) =>
    makeItem(env, ctx, [literal(JSON.stringify(v.value)), ...comma], {
      label: v.value,
      kind: CompletionItemKind.EnumMember,
      detail: field.country ? v.description : field.default === v.value ? `${key} (default)` : key,
      documentation: markup(field.country ? countryMarkdown(v, docs) : enumValueMarkdown(key, v, cases, docs), env.markdown),
      filterText: field.country ? `${filterFor(ctx.quoted, v.value)} ${v.description}` : filterFor(ctx.quoted, v.value),
      sortText: `a${pad(i)}`,
    }),
  );
}

/** `${…}` variables at the cursor inside a request `url` or `body` string. */
function variableItems(env: Env, ctx: ValueContext): CompletionItem[] {
  const { text, offset } = env;
  const { contentStart, contentEnd } = ctx.inString!;
  const typed = /\$\{?[\w.]*$/.exec(text.slice(contentStart, offset));
  let start = offset;
  let end = offset;
  if (typed) {
    start = contentStart + typed.index;
    while (end < contentEnd && /[\w.]/.test(text[end])) end++;
    if (typed[0].startsWith('${') && text[end] === '}' && end < contentEnd) end++;
  }
  return TEMPLATE_VARIABLES.map((v, i) => {
    const label = '${' + v.name + '}';
    return makeItem(env, { start, end }, [literal(label)], {
      label,
      kind: CompletionItemKind.Variable,
      detail: v.required ? 'template variable (mandatory)' : 'template variable',
      documentation: markup(variableMarkdown(v), env.markdown),
      filterText: label,
      sortText: `${v.required ? 'a' : 'b'}${pad(i)}`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Whole-document templates

function templateItems(env: Env): CompletionItem[] {
  const spot = templateSpot(env.text, env.offset);
  if (!spot) return [];
  const before = env.text.slice(spot.start, spot.word[0]);
  return TEMPLATES.map((t, i) => {
    const item = makeItem(env, { ...spot, indent: '' }, json(t.body), {
      label: t.prefix,
      labelDetails: { description: t.label },
      kind: CompletionItemKind.Snippet,
      detail: t.label,
      documentation: markup(templateMarkdown(t.description, toPlainText(t.body)), env.markdown),
      filterText: before + t.prefix,
      sortText: `0${pad(i)}`,
    });
    const rest = [];
    if (spot.start > 0) rest.push({ range: rangeOf(env.document, 0, spot.start), newText: '' });
    if (spot.end < env.text.length) rest.push({ range: rangeOf(env.document, spot.end, env.text.length - spot.end), newText: '' });
    if (rest.length) item.additionalTextEdits = rest;
    return item;
  });
}
