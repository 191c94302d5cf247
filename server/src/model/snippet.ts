/**
 * Text the editor inserts (completion items, quick fixes, the provider templates, the schema's
 * `defaultSnippets`) is stored as structure, never as snippet syntax, and rendered here only.
 *
 * - An insert value (`InsertValue`) is a JSON value in which some places are tab stops:
 *   `tab('+15551234567')`, `choice('SMS', 'VOICE')`, `cursorIn('array')`.
 * - `json(value)` lays it out as JSON (tabs for indentation, as snippets expect) in `Part`s:
 *   literal text, JSON punctuation, tab stops and choices. Parts of several values concatenate.
 * - `snippetText(parts)` writes an LSP snippet: tab stops numbered 1, 2, … in order, and every `$`,
 *   `}` and `\` of literal text and defaults escaped. In a choice only `\`, `,` and `|` are escaped:
 *   there VS Code reads `\$` and `\}` as two characters.
 * - `plainText(parts)` writes the text the snippet inserts when every tab stop keeps its default
 *   (a choice its first option); `plainValue(value)` is the same as a JSON value.
 */

/** A tab stop with a default: in a string (`"${1:default}"`) or a bare literal (`${1:false}`). */
class TabStop {
  readonly kind = 'tab';
  constructor(readonly value: string | number | boolean) {}
}

/** A string chosen from `options` (`"${1|a,b|}"`); the first is the default. */
class ChoiceStop {
  readonly kind = 'choice';
  constructor(readonly options: readonly [string, ...string[]]) {}
}

/** An empty array or object with the cursor inside (`[$1]`, `{$1}`). */
class CursorStop {
  readonly kind = 'inside';
  constructor(readonly container: 'array' | 'object') {}
}

/** A place in an insert value that becomes a tab stop. Made by `tab`, `choice` and `cursorIn`. */
export type Stop = TabStop | ChoiceStop | CursorStop;

/** A JSON value in which some places are tab stops. */
export type InsertValue = string | number | boolean | null | Stop | InsertValue[] | { [key: string]: InsertValue };

export const tab = (value: string | number | boolean = ''): Stop => new TabStop(value);
export const choice = (...options: [string, ...string[]]): Stop => new ChoiceStop(options);
export const cursorIn = (container: 'array' | 'object'): Stop => new CursorStop(container);

export const isStop = (v: unknown): v is Stop => v instanceof TabStop || v instanceof ChoiceStop || v instanceof CursorStop;

/** A plain object of an insert value (not an array, not a tab stop). */
export const isInsertObject = (v: unknown): v is { [key: string]: InsertValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isStop(v);

// ---------------------------------------------------------------------------------------------
// Parts

export type Part =
  /** Literal characters (a JSON string, a key, a literal): `$`, `}` and `\` are escaped in a snippet. */
  | { kind: 'text'; text: string }
  /** JSON punctuation and layout (`{ } [ ] , : "`, white space): never inside a placeholder, written as it is. */
  | { kind: 'syntax'; text: string }
  /** A tab stop; `text` is its default (empty: a bare `$n`). */
  | { kind: 'tab'; text: string }
  /** A choice tab stop; the first option is the default. */
  | { kind: 'choice'; options: readonly string[] };

export const literal = (s: string): Part => ({ kind: 'text', text: s });
export const syntax = (s: string): Part => ({ kind: 'syntax', text: s });

/** The characters between the quotes of a JSON string. */
const jsonContent = (s: string): string => JSON.stringify(s).slice(1, -1);

const isInline = (v: InsertValue): boolean => !Array.isArray(v) && !isInsertObject(v);

/**
 * `value` as JSON text: objects one property per line, arrays of scalars on one line, arrays with
 * objects one item per line; `indent` is the indentation of the line the value starts on.
 */
export function json(value: InsertValue, indent = ''): Part[] {
  if (isStop(value)) return stopParts(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return [syntax('[]')];
    const inner = indent + '\t';
    const out: Part[] = [syntax('[')];
    const oneLine = value.every(isInline);
    value.forEach((v, i) => {
      if (i > 0) out.push(syntax(oneLine ? ', ' : ','));
      if (!oneLine) out.push(syntax('\n' + inner));
      out.push(...json(v, inner));
    });
    out.push(syntax(oneLine ? ']' : '\n' + indent + ']'));
    return out;
  }
  if (isInsertObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [syntax('{}')];
    const inner = indent + '\t';
    const out: Part[] = [syntax('{')];
    entries.forEach(([k, v], i) => {
      out.push(syntax((i > 0 ? ',' : '') + '\n' + inner), literal(JSON.stringify(k)), syntax(': '), ...json(v, inner));
    });
    out.push(syntax('\n' + indent + '}'));
    return out;
  }
  return [literal(JSON.stringify(value))];
}

function stopParts(stop: Stop): Part[] {
  switch (stop.kind) {
    case 'tab':
      return typeof stop.value === 'string'
        ? [syntax('"'), { kind: 'tab', text: jsonContent(stop.value) }, syntax('"')]
        : [{ kind: 'tab', text: JSON.stringify(stop.value) }];
    case 'choice':
      // VS Code does not read a choice with an empty option: then a tab stop with the default.
      if (stop.options.includes('')) return [syntax('"'), { kind: 'tab', text: jsonContent(stop.options[0]) }, syntax('"')];
      return [syntax('"'), { kind: 'choice', options: stop.options.map(jsonContent) }, syntax('"')];
    case 'inside':
      return stop.container === 'array'
        ? [syntax('['), { kind: 'tab', text: '' }, syntax(']')]
        : [syntax('{'), { kind: 'tab', text: '' }, syntax('}')];
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const escapeText = (s: string): string => s.replace(/[\\$}]/g, '\\$&');
const escapeSyntax = (s: string): string => s.replace(/[\\$]/g, '\\$&');
const escapeChoice = (s: string): string => s.replace(/[\\|,]/g, '\\$&');

/** The parts as an LSP snippet: tab stops numbered from 1 in the order they appear. */
export function snippetText(parts: readonly Part[]): string {
  let out = '';
  let index = 0;
  parts.forEach((p, i) => {
    switch (p.kind) {
      case 'text':
        out += escapeText(p.text);
        break;
      case 'syntax':
        out += escapeSyntax(p.text);
        break;
      case 'tab': {
        index++;
        const next = parts[i + 1];
        // `$1` before a digit would read as `$12`.
        const digitNext = (next?.kind === 'text' || next?.kind === 'syntax') && /^\d/.test(next.text);
        out += p.text ? `\${${index}:${escapeText(p.text)}}` : digitNext ? `\${${index}}` : `$${index}`;
        break;
      }
      case 'choice':
        index++;
        out += `\${${index}|${p.options.map(escapeChoice).join(',')}|}`;
        break;
    }
  });
  return out;
}

/** The text the snippet inserts when every tab stop keeps its default (a choice its first option). */
export function plainText(parts: readonly Part[]): string {
  let out = '';
  for (const p of parts) out += p.kind === 'choice' ? (p.options[0] ?? '') : p.text;
  return out;
}

/** The JSON value an insert value stands for, with every tab stop's default. */
export function plainValue(value: InsertValue): unknown {
  if (isStop(value)) {
    if (value.kind === 'choice') return value.options[0];
    if (value.kind === 'inside') return value.container === 'array' ? [] : {};
    return value.value;
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (isInsertObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  return value;
}

/** `snippetText(json(value))`. */
export const toSnippet = (value: InsertValue): string => snippetText(json(value));

/** `plainText(json(value))`: the value as JSON text laid out like its snippet. */
export const toPlainText = (value: InsertValue): string => plainText(json(value));
