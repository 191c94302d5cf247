/**
 * Where the completion cursor is: at a property name (possibly partly typed, quoted or not), at a
 * value (possibly inside a string), or in an empty document; what text a completion replaces; and
 * which commas the inserted text needs. Uses jsonc-parser's `getLocation` (a scan up to the cursor)
 * and a look at the characters around the cursor; the parse tree is not rebuilt.
 */
import { getLocation, getNodePath, type JSONPath, type Location, type Node } from 'jsonc-parser';
import { childBefore } from './ranges';

export interface KeyContext {
  kind: 'key';
  /** Path of the object the property goes into. */
  objectPath: JSONPath;
  /** Offsets of the text the completion replaces (the partly typed key, quotes included). */
  start: number;
  end: number;
  /** The replaced text starts with a quote (for `filterText`). */
  quoted: boolean;
  /** Offset of the key token being edited, to leave it out of the "already present" keys. */
  editedKeyOffset?: number;
  /** A colon already follows the key: replace only the key. */
  hasColon: boolean;
  /** A property follows: the inserted property needs a trailing comma. */
  trailingComma: boolean;
  /** The value before has no comma after it: insert one here. */
  leadingCommaAt?: number;
}

export interface ValueContext {
  kind: 'value';
  /** Path of the value (the last segment is its key, or its index in an array). */
  path: JSONPath;
  start: number;
  end: number;
  quoted: boolean;
  /** The cursor is inside a string literal: offsets of its content and of the cursor. */
  inString?: { contentStart: number; contentEnd: number };
  trailingComma: boolean;
  leadingCommaAt?: number;
  /** Text to put before the value (a space right after a colon). */
  prefix?: string;
}

export interface DocumentContext {
  kind: 'document';
}

export type CursorContext = KeyContext | ValueContext | DocumentContext;

const WORD = /[A-Za-z0-9_$.+\-]/;
const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function prevSignificant(text: string, from: number): number {
  let i = from;
  while (i >= 0 && isWs(text[i])) i--;
  return i;
}

function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWs(text[i])) i++;
  return i;
}

/** Whether the string token at [offset, offset+length) ends with an unescaped closing quote. */
export function isTerminatedString(text: string, offset: number, length: number): boolean {
  if (length < 2) return false;
  const last = offset + length - 1;
  if (text[last] !== '"') return false;
  let backslashes = 0;
  for (let i = last - 1; i > offset && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** The end of a string token, or for an unterminated one the end of the word at the cursor. */
function tokenEnd(text: string, offset: number, length: number, cursor: number): number {
  if (isTerminatedString(text, offset, length)) return offset + length;
  let e = cursor;
  while (e < offset + length && WORD.test(text[e])) e++;
  return e;
}

const VALUE_START = /["{[\-0-9tfn]/;

/**
 * jsonc-parser's `getLocation`, which scans from the start of the text to the cursor: in a 2 MB
 * body that is a 10 ms scan per completion. With the parse tree of a text without syntax errors,
 * only the innermost object or array around the cursor is scanned (a scan restarts cleanly at
 * `{` or `[`, as getLocation forgets the previous node there) and the tree gives the path to it.
 *
 * What it buys (CPU time, medians, cursorContext with the tree against without it): on the 200 KB
 * benchmark document, 5 µs instead of 1.5-1.7 ms at a key 2/5 into it and 3.4-4.0 ms at its last
 * number; at 2 MB, 19 and 44 ms. `npm run build && node test/bench/jsonc.mjs` (context.*).
 */
export function locationAt(text: string, offset: number, root?: Node): Location {
  let container: Node | undefined;
  for (let n = root; n && n.offset < offset && offset < n.offset + n.length; n = childBefore(n.children ?? [], offset, false)) {
    if (n.type === 'object' || n.type === 'array') container = n;
  }
  if (!container || container === root) return getLocation(text, offset);
  const base = container.offset;
  const inner = getLocation(text.slice(base, base + container.length), offset - base);
  const prev = inner.previousNode && {
    ...inner.previousNode,
    offset: inner.previousNode.offset + base,
    colonOffset: inner.previousNode.colonOffset === undefined ? undefined : inner.previousNode.colonOffset + base,
  };
  const path = [...getNodePath(container), ...inner.path];
  return { ...inner, path, previousNode: prev, matches: (pattern) => matchesPath(path, pattern) };
}

/** `Location.matches` of jsonc-parser: `*` matches one segment, `**` any number. */
function matchesPath(path: JSONPath, pattern: JSONPath): boolean {
  let k = 0;
  for (let i = 0; k < pattern.length && i < path.length; i++) {
    if (pattern[k] === path[i] || pattern[k] === '*') k++;
    else if (pattern[k] !== '**') return false;
  }
  return k === pattern.length;
}

/** `root`: the parse tree of `text`, when it has no syntax error (see `locationAt`). */
export function cursorContext(text: string, offset: number, root?: Node): CursorContext | undefined {
  const loc = locationAt(text, offset, root);
  const path = loc.path;
  const prev = loc.previousNode;
  const last = path[path.length - 1];
  const inArray = typeof last === 'number';

  if (prev && prev.offset <= offset && offset <= prev.offset + prev.length) {
    if (prev.type === 'property' && offset > prev.offset) {
      const end = tokenEnd(text, prev.offset, prev.length, offset);
      const terminated = isTerminatedString(text, prev.offset, prev.length);
      const next = nextSignificant(text, end);
      const hasColon = terminated && text[next] === ':';
      return {
        kind: 'key',
        objectPath: path.slice(0, -1),
        start: prev.offset,
        end,
        quoted: true,
        editedKeyOffset: prev.offset,
        hasColon,
        trailingComma: !hasColon && text[next] === '"',
      };
    }
    if (prev.type !== 'property' && (offset > prev.offset || !inArray)) {
      const isString = prev.type === 'string';
      const end = isString ? tokenEnd(text, prev.offset, prev.length, offset) : prev.offset + prev.length;
      const terminated = isString && isTerminatedString(text, prev.offset, prev.length);
      const inString =
        isString && offset > prev.offset && (offset < prev.offset + prev.length || !terminated)
          ? { contentStart: prev.offset + 1, contentEnd: terminated ? prev.offset + prev.length - 1 : end }
          : undefined;
      return {
        kind: 'value',
        path,
        start: prev.offset,
        end,
        quoted: isString,
        inString,
        trailingComma: needsTrailingComma(text, end, inArray),
      };
    }
  }

  // Between tokens: maybe an unquoted word at the cursor.
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end])) end++;
  const p = prevSignificant(text, start - 1);
  if (p < 0) return { kind: 'document' };
  const c = text[p];
  const next = nextSignificant(text, end);
  if (c === ':') {
    // A value follows already (but not the next property's key).
    if (start === end && next < text.length && VALUE_START.test(text[next]) && !isKeyAt(text, next)) return undefined;
    return {
      kind: 'value',
      path,
      start,
      end,
      quoted: false,
      trailingComma: needsTrailingComma(text, end, false),
      prefix: p === start - 1 ? ' ' : undefined,
    };
  }
  if (c === '{' || (c === ',' && !inArray)) {
    const hasColon = text[next] === ':';
    return {
      kind: 'key',
      objectPath: path.slice(0, -1),
      start,
      end,
      quoted: false,
      hasColon,
      trailingComma: !hasColon && text[next] === '"',
    };
  }
  if (c === '[' || (c === ',' && inArray)) {
    return { kind: 'value', path, start, end, quoted: false, trailingComma: needsTrailingComma(text, end, true) };
  }
  // After a complete value (or key) with no separator.
  if (prev?.type === 'property' && prev.offset + prev.length === p + 1) return undefined; // a key without a colon
  if (!/["}\]0-9a-z]/.test(c)) return undefined;
  if (inArray) {
    return {
      kind: 'value',
      path: [...path.slice(0, -1), (last as number) + 1],
      start,
      end,
      quoted: false,
      trailingComma: needsTrailingComma(text, end, true),
      leadingCommaAt: p + 1,
    };
  }
  if (typeof last !== 'string') return undefined;
  const hasColon = text[next] === ':';
  return {
    kind: 'key',
    objectPath: path.slice(0, -1),
    start,
    end,
    quoted: false,
    hasColon,
    trailingComma: !hasColon && text[next] === '"',
    leadingCommaAt: p + 1,
  };
}

/** A string literal at `at` followed by a colon: a property key. */
function isKeyAt(text: string, at: number): boolean {
  if (text[at] !== '"') return false;
  let i = at + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return text[i] === '"' && text[nextSignificant(text, i + 1)] === ':';
}

function needsTrailingComma(text: string, end: number, inArray: boolean): boolean {
  const next = nextSignificant(text, end);
  if (next >= text.length) return false;
  return inArray ? VALUE_START.test(text[next]) : text[next] === '"';
}

/** The whole document is blank or `{}` (apart from a bare word being typed): room for a template. */
export function templateSpot(text: string, offset: number): { start: number; end: number; word: [number, number] } | undefined {
  let ws = offset;
  while (ws > 0 && /[A-Za-z0-9_-]/.test(text[ws - 1])) ws--;
  let we = offset;
  while (we < text.length && /[A-Za-z0-9_-]/.test(text[we])) we++;
  // Blank or `{}` apart from the word: at most two significant characters (cheap on big documents).
  let significant = '';
  for (let i = 0; i < text.length; i++) {
    if (i === ws) i = we;
    if (i >= text.length) break;
    if (isWs(text[i])) continue;
    significant += text[i];
    if (significant.length > 2) return undefined;
  }
  if (significant !== '' && significant !== '{}') return undefined;
  // The edit replaces the significant text of the cursor's line (a single line, as clients require);
  // the rest of the document is removed by additional edits.
  // Lines end at "\n", "\r\n" or a lone "\r", as LSP positions count them.
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  let start = lineStart;
  while (start < offset && isWs(text[start])) start++;
  let end = lineEnd;
  while (end > offset && isWs(text[end - 1])) end--;
  return { start, end, word: [ws, we] };
}
