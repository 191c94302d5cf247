/**
 * Reparse by patching: an edit that stays inside one string or number value (typing in a URL, a
 * phone number, a name) changes one leaf of the tree, so the previous parse is updated in place
 * (the leaf's value, the lengths of its ancestors, the offsets of everything after it) instead of
 * parsing the whole text again. On a 2 MB document a full parse costs tens of milliseconds; the
 * patch costs one walk of the nodes after the edit, and nothing when the length is unchanged.
 *
 * A key is patched too (typing a property name), when no key of its object repeats before or after.
 * Anything else — an edit across tokens, in punctuation, in a repeated key, or one that leaves the
 * token invalid — is declined, and the caller parses the text in full.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { hasSyntaxErrors, type ParsedDocument } from './parse';
import { forgetItemResults } from './itemResults';
import { childBefore } from './ranges';

/** jsonc-parser declares its nodes read-only; the patch is the one place that edits them. */
type Node = { -readonly [K in keyof JsonNode]: JsonNode[K] } & { parent?: Node; children?: Node[] };

/** One text change, in the offsets of the text before it (LSP content changes, applied in order). */
export interface TextChange {
  offset: number;
  removed: number;
  text: string;
}

/** A whole JSON string token: no raw quote, backslash or control character but in a valid escape. */
const STRING_TOKEN = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/;
const NUMBER_TOKEN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Applies `changes` to `parsed` in place, so that it describes `newText`, and returns true; or
 * returns false when one of them is not an edit inside a value token. After false, `parsed` may
 * describe an intermediate text and must be dropped.
 */
export function patchParse(parsed: ParsedDocument, changes: readonly TextChange[], newText: string): boolean {
  if (parsed.skipped || !parsed.root || parsed.text === undefined) return false;
  // The tree of a text with syntax errors is jsonc-parser's recovery: a patch could not reproduce it.
  if (hasSyntaxErrors(parsed)) return false;
  let text = parsed.text;
  for (const change of changes) {
    const next = patchOne(parsed, parsed.root as Node, change, text);
    if (next === undefined) return false;
    text = next;
  }
  if (text.length !== newText.length) return false;
  parsed.text = newText;
  return true;
}

/** One change; returns the text after it, or undefined when declined (nothing was modified then). */
function patchOne(parsed: ParsedDocument, root: Node, change: TextChange, text: string): string | undefined {
  const { offset, removed } = change;
  if (offset < 0 || removed < 0 || offset + removed > text.length) return undefined;
  const leaf = leafAt(root, offset, offset + removed);
  if (!leaf) return undefined;
  const oldEnd = leaf.offset + leaf.length;
  const delta = change.text.length - removed;
  const raw = text.slice(leaf.offset, offset) + change.text + text.slice(offset + removed, oldEnd);
  let value: string | number;
  let renamed: Node | undefined; // the object whose property `leaf` is the key of
  if (leaf.type === 'string') {
    // Strictly between the quotes.
    if (offset < leaf.offset + 1 || offset + removed > oldEnd - 1) return undefined;
    if (!STRING_TOKEN.test(raw)) return undefined;
    value = JSON.parse(raw) as string;
    if (leaf.parent?.type === 'property' && leaf.parent.children?.[0] === leaf) {
      // A key: patched only when no key of its object repeats, before or after (duplicates are
      // found by the parse, and decide which value counts).
      renamed = leaf.parent.parent;
      if (!renamed || !uniqueKeys(renamed, leaf, value)) return undefined;
    }
  } else if (leaf.type === 'number') {
    // The characters around a number are unchanged and were separators: the token stays one token.
    if (!NUMBER_TOKEN.test(raw)) return undefined;
    value = Number(raw);
  } else {
    return undefined;
  }

  if (delta !== 0) shiftAfter(root, leaf.offset, oldEnd, delta);
  const oldKey = leaf.value as string;
  leaf.value = value;
  for (let n: Node | undefined = leaf; n; n = n.parent) n.length += delta;
  if (delta !== 0) for (const p of parsed.problems) if (p.offset >= oldEnd) p.offset += delta;
  if (renamed) renameInValue(parsed, renamed, oldKey, value as string);
  else setValue(parsed, leaf, value);
  parsed.length += delta;
  forgetItemResults(parsed.itemResults, leaf);
  return text.slice(0, offset) + change.text + text.slice(offset + removed);
}

/** The deepest node whose extent holds [start, end] (end inclusive: typing at the end of a number). */
function leafAt(root: Node, start: number, end: number): Node | undefined {
  let node = root;
  if (start < node.offset || end > node.offset + node.length) return undefined;
  for (;;) {
    const children = node.children;
    if (!children || children.length === 0) return node;
    const child = childBefore(children, start, true) as Node | undefined;
    if (!child || end > child.offset + child.length) return undefined;
    node = child;
  }
}

/** Moves every node that starts at or after `from` by `delta`; skips subtrees that end before `leafStart`. */
function shiftAfter(root: Node, leafStart: number, from: number, delta: number): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.offset >= from) n.offset += delta;
    if (n.colonOffset !== undefined && n.colonOffset >= from) n.colonOffset += delta;
    const children = n.children;
    if (!children) continue;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c.offset + c.length <= leafStart) break; // this child and all before it end before the edit
      stack.push(c);
    }
  }
}

/** No key of `object` repeats, and none would with `key` as the name of `edited`'s property. */
function uniqueKeys(object: Node, edited: Node, key: string): boolean {
  const seen = new Set<unknown>();
  for (const p of object.children ?? []) {
    const k = p.children?.[0] === edited ? edited.value : p.children?.[0]?.value;
    if (seen.has(k) || (p.children?.[0] !== edited && k === key)) return false;
    seen.add(k);
  }
  return true;
}

/**
 * Where the value of `node` sits in the document's value: its container and key or index; none
 * when it is not in the value (under an earlier duplicate key, whose value the last one replaces).
 */
function valueSlot(
  parsed: ParsedDocument,
  node: Node,
): { container: Record<string | number, unknown>; key: string | number } | 'root' | undefined {
  const path: (string | number)[] = [];
  let n: Node = node;
  while (n.parent) {
    const parent: Node = n.parent;
    if (parent.type === 'property') {
      const key = parent.children![0].value as string;
      const object = parent.parent!;
      const siblings = object.children!;
      for (let i = siblings.length - 1; i >= 0; i--) {
        const p = siblings[i];
        if (p === parent) break;
        if (p.children?.[0]?.value === key) return undefined; // shadowed by a later duplicate
      }
      path.push(key);
      n = object;
    } else if (parent.type === 'array') {
      path.push(parent.children!.indexOf(n));
      n = parent;
    } else {
      return undefined;
    }
  }
  if (path.length === 0) return 'root';
  let container = parsed.value as Record<string | number, unknown>;
  for (let i = path.length - 1; i > 0; i--) container = container[path[i]] as Record<string | number, unknown>;
  return { container, key: path[0] };
}

/** Puts the leaf's new value into the document's value (nothing when the leaf is not in it). */
function setValue(parsed: ParsedDocument, leaf: Node, value: string | number): void {
  const slot = valueSlot(parsed, leaf);
  if (slot === 'root') parsed.value = value;
  else if (slot) slot.container[slot.key] = value;
}

/**
 * A property of `object` was renamed (its keys are unique): the object's value gets the new name
 * in the same place, in a new object built like the parse's (no prototype, keys in document order).
 */
function renameInValue(parsed: ParsedDocument, object: Node, oldKey: string, newKey: string): void {
  const slot = valueSlot(parsed, object);
  if (!slot) return;
  const before = (slot === 'root' ? parsed.value : slot.container[slot.key]) as Record<string, unknown>;
  const after = Object.setPrototypeOf({}, null) as Record<string, unknown>;
  for (const p of object.children ?? []) {
    const key = p.children![0].value as string;
    after[key] = before[key === newKey ? oldKey : key];
  }
  if (slot === 'root') parsed.value = after;
  else slot.container[slot.key] = after;
}
