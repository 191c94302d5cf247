/**
 * Quick fixes. Each diagnostic that can be fixed carries `data` (a `FixData`) saying how; the
 * edit is computed here from the current text, so a stale diagnostic yields no broken edit.
 */
import {
  findNodeAtOffset,
  modify,
  type Edit,
  type FormattingOptions as JsonFormattingOptions,
  type JSONPath,
  type Node,
} from 'jsonc-parser';
import type { Field } from '../model/types';
import { insertValueFor, locate } from '../model/modelNav';
import { plainValue } from '../model/snippet';
import { findNode, findValueNode, offsetInString, rangeOf } from './ranges';
import {
  DIAGNOSTIC_SOURCE,
  type CodeAction,
  type Diagnostic,
  type FixData,
  type Range,
  type SecretMove,
  type ServiceOptions,
  type TextDocument,
  type TextEdit,
} from './types';
import type { ParsedDocument } from './parse';
import { formatEdits } from './structure';
import { isObject } from '../model/json';

export function codeActions(
  document: TextDocument,
  _range: Range,
  diagnostics: Diagnostic[],
  parsed: ParsedDocument,
  options: Pick<ServiceOptions, 'secretStorageCommand'> = {},
): CodeAction[] {
  const out: CodeAction[] = [];
  if (!parsed.root) return out;
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !isRange(d.range)) continue;
    // `data` comes back from the client: only data this server could have written is used, and a
    // fix computed from it that is not well formed (a range that ends before it starts) is not offered.
    const data = fixDataOf(d.data);
    if (data) out.push(...fixesFor(document, parsed, d, data, options).filter(wellFormed));
  }
  return out;
}

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isPath = (v: unknown): v is JSONPath => Array.isArray(v) && v.every((s) => typeof s === 'string' || isIndex(s));
const isPosition = (v: unknown): boolean => isObject(v) && isIndex(v.line) && isIndex(v.character);
const isRange = (v: unknown): v is Range => isObject(v) && isPosition(v.start) && isPosition(v.end);

/** The fix a diagnostic's `data` asks for, if it has the shape of one (`FixData`); undefined for anything else. */
function fixDataOf(data: unknown): FixData | undefined {
  if (!isObject(data) || !isPath(data.path)) return undefined;
  const fix = data as FixData;
  switch (fix.fix) {
    case 'add-properties':
      return isStrings(fix.properties) ? fix : undefined;
    case 'replace-value':
      return isStrings(fix.candidates) ? fix : undefined;
    case 'normalize-number':
      return typeof fix.value === 'string' ? fix : undefined;
    case 'use-placeholder':
      return typeof fix.placeholder === 'string' &&
        (fix.span === undefined || (Array.isArray(fix.span) && fix.span.length === 2 && fix.span.every(isIndex)))
        ? fix
        : undefined;
    case 'add-header':
      return typeof fix.header === 'string' && isStrings(fix.values) ? fix : undefined;
    case 'rename-message-type':
    case 'remove-property':
      return fix;
    default:
      return undefined;
  }
}

function wellFormed(a: CodeAction): boolean {
  const ordered = ({ start, end }: Range): boolean =>
    start.line < end.line || (start.line === end.line && start.character <= end.character);
  const move = a.command?.arguments?.[1] as SecretMove | undefined;
  if (move && !ordered(move.range)) return false;
  return Object.values(a.edit?.changes ?? {}).every((edits) => edits.every((e) => typeof e.newText === 'string' && ordered(e.range)));
}

function action(document: TextDocument, title: string, d: Diagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return { title, kind: 'quickfix', diagnostics: [d], isPreferred: preferred || undefined, edit: { changes: { [document.uri]: edits } } };
}

function replaceNode(document: TextDocument, node: Node, text: string): TextEdit {
  return { range: rangeOf(document, node.offset, node.length), newText: text };
}

function fixesFor(
  document: TextDocument,
  parsed: ParsedDocument,
  d: Diagnostic,
  data: FixData,
  options: Pick<ServiceOptions, 'secretStorageCommand'>,
): CodeAction[] {
  const root = parsed.root!;
  const text = document.getText();
  switch (data.fix) {
    case 'add-properties': {
      const edit = addProperties(document, parsed, data.path, data.properties);
      if (!edit) return [];
      const names = data.properties.map((p) => `"${p}"`).join(', ');
      return [action(document, `Add missing ${data.properties.length > 1 ? 'properties' : 'property'} ${names}`, d, [edit], true)];
    }
    case 'replace-value': {
      // Fix paths are paths of the value: where a key repeats, the property that counts is the last.
      const node = findValueNode(root, data.path);
      if (!node) return [];
      return data.candidates.map((c, i) =>
        action(document, `Change to "${c}"`, d, [replaceNode(document, node, JSON.stringify(c))], i === 0),
      );
    }
    case 'normalize-number': {
      const node = findValueNode(root, data.path);
      return node
        ? [action(document, `Change to "${data.value}"`, d, [replaceNode(document, node, JSON.stringify(data.value))], true)]
        : [];
    }
    case 'rename-message-type': {
      const prop = propertyAt(root, document.offsetAt(d.range.start));
      const [key, value] = prop?.children ?? [];
      if (!key || !value) return [];
      const body = typeof value.value === 'string' ? 'messageType=' + value.value : value.value;
      // An object or array value has no `value`: it is kept as it is, and only the key renamed.
      const edits = [replaceNode(document, key, '"body"')];
      if (body !== undefined) edits.push(replaceNode(document, value, JSON.stringify(body)));
      return [action(document, 'Rename "messageType" to "body" (as the form parameter messageType=…)', d, edits, true)];
    }
    case 'remove-property': {
      const prop = propertyAt(root, document.offsetAt(d.range.start));
      if (!prop) return [];
      return [action(document, `Remove "${prop.children![0].value}"`, d, [removeProperty(document, text, prop)], true)];
    }
    case 'use-placeholder': {
      const node = findValueNode(root, data.path);
      if (!node || node.type !== 'string') return [];
      const placeholder = `{{${data.placeholder}}}`;
      let edit: TextEdit;
      if (data.span) {
        const start = offsetInString(text, node, data.span[0]);
        const end = offsetInString(text, node, data.span[1]);
        edit = { range: rangeOf(document, start, end - start), newText: placeholder };
      } else {
        edit = replaceNode(document, node, JSON.stringify(placeholder));
      }
      const out: CodeAction[] = [];
      // The move: the client stores the value it reads at this range, then replaces it (no edit
      // here, so that nothing is replaced before the value is safe).
      if (options.secretStorageCommand) {
        const move: SecretMove = {
          uri: document.uri,
          version: document.version,
          range: edit.range,
          literal: data.span ? 'json-string-content' : 'json-string',
          replacement: edit.newText,
        };
        const title = `Move the secret into secret storage as ${placeholder}`;
        out.push({
          title,
          kind: 'quickfix',
          diagnostics: [d],
          isPreferred: true,
          command: { title, command: options.secretStorageCommand, arguments: [data.placeholder, move] },
        });
      }
      out.push(action(document, `Replace it with ${placeholder} (the value is not kept)`, d, [edit], !options.secretStorageCommand));
      return out;
    }
    case 'add-header': {
      // The nodes `modify` will walk (it takes the first of repeated keys, as `findNode` does).
      const request = findNode(root, data.path);
      const headers = findNode(root, [...data.path, 'headers']);
      if (request?.type !== 'object' || (headers && headers.type !== 'object')) return [];
      // The rule puts the value that matches the body first.
      const hasBody = typeof (locate(data.path, parsed.value)?.value as { body?: unknown } | undefined)?.body === 'string';
      return data.values.map((v, i) => {
        const edit = setInObject(document, [...data.path, 'headers', data.header], v);
        const why = i === 0 && hasBody ? ' (matches the body)' : '';
        return action(document, `Add header "${data.header}: ${v}"${why}`, d, [edit], i === 0);
      });
    }
  }
}

/**
 * One value set at `path` (missing objects on the way created), as an edit of the text of the
 * object `node` that holds it, laid out like the document.
 */
function setInObject(document: TextDocument, path: JSONPath, value: unknown): TextEdit {
  const text = document.getText();
  return changedPart(document, text, setFormatted(text, path, value, formattingOf(text)));
}

/**
 * The one edit that turns `text` into `next`: the part between what they share at the start and at
 * the end. The formatting of an insertion may reach before the object it goes into (on a document of
 * one line, the whole line is laid out again), so the edit is not the object's range alone.
 */
function changedPart(document: TextDocument, text: string, next: string): TextEdit {
  let start = 0;
  const most = Math.min(text.length, next.length);
  while (start < most && text.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < most - start && text.charCodeAt(text.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  return { range: rangeOf(document, start, text.length - end - start), newText: next.slice(start, next.length - end) };
}

function formattingOf(text: string): JsonFormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^( +|\t)/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: indent !== '\t', tabSize: indent === '\t' ? 4 : indent.length, eol };
}

/** The property node whose key or value covers `offset`. */
function propertyAt(root: Node, offset: number): Node | undefined {
  let n = findNodeAtOffset(root, offset, true);
  while (n && n.type !== 'property') n = n.parent;
  return n;
}

/** Removes a property with the comma that separates it from a neighbour. */
function removeProperty(document: TextDocument, text: string, prop: Node): TextEdit {
  const siblings = prop.parent?.children ?? [];
  const i = siblings.indexOf(prop);
  let start = prop.offset;
  let end = prop.offset + prop.length;
  if (i < siblings.length - 1) {
    end = siblings[i + 1].offset;
  } else if (i > 0) {
    const prev = siblings[i - 1];
    start = prev.offset + prev.length;
  } else {
    // the only property: take the whitespace after it too
    while (end < text.length && /[ \t]/.test(text[end])) end++;
  }
  return { range: rangeOf(document, start, end - start), newText: '' };
}

/** A plain value for a property the user has not written yet beside `siblings`: the model's insert value with its defaults. */
export function placeholderValue(field: Field | undefined, siblings?: unknown): unknown {
  const inserted = field && insertValueFor(field, siblings);
  if (inserted !== undefined) return plainValue(inserted);
  if (field?.type === 'string' && field.enum?.length) return field.enum[0].value;
  switch (field?.type) {
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
    case 'map':
      return {};
    default:
      return '';
  }
}

function addProperties(document: TextDocument, parsed: ParsedDocument, path: JSONPath, props: string[]): TextEdit | undefined {
  const text = document.getText();
  const obj = findNode(parsed.root, path);
  if (!obj || obj.type !== 'object') return undefined;
  const here = locate(path, parsed.value);
  const shape = here?.object?.shape;
  const formattingOptions = formattingOf(text);
  let next = text;
  for (const p of props) next = setFormatted(next, [...path, p], placeholderValue(shape?.properties[p], here?.value), formattingOptions);
  return changedPart(document, text, next);
}

/**
 * `modify` with `formattingOptions`, as jsonc-parser does it (the lines of the edit formatted), but
 * through `formatEdits`: jsonc-parser's own formatting throws where a line is indented by exactly
 * 200 columns (structure.ts).
 */
function setFormatted(text: string, path: JSONPath, value: unknown, options: JsonFormattingOptions): string {
  let next = text;
  for (const edit of modify(text, path, value, {})) {
    next = apply(next, edit);
    let begin = edit.offset;
    let end = edit.offset + edit.content.length;
    if (edit.length === 0 || edit.content.length === 0) {
      while (begin > 0 && !isEol(next[begin - 1])) begin--;
      while (end < next.length && !isEol(next[end])) end++;
    }
    // Last to first, unchecked, as jsonc-parser applies them (around an unclosed comment they may overlap).
    const formatting = formatEdits(next, { offset: begin, length: end - begin }, { ...options, keepLines: false });
    for (let i = formatting.length - 1; i >= 0; i--) next = apply(next, formatting[i]);
  }
  return next;
}

const apply = (text: string, e: Edit): string => text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);

const isEol = (c: string): boolean => c === '\n' || c === '\r';
