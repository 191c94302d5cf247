/** Node ↔ range helpers. The service works in offsets and converts at the edge. */
import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import type { Range, TextDocument } from './types';

export function rangeOf(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

export function nodeRange(document: TextDocument, node: Node): Range {
  return rangeOf(document, node.offset, node.length);
}

/** The key node of a property node (`"name": value`), or of the property whose value `node` is. */
export function keyNodeOf(node: Node): Node | undefined {
  if (node.type === 'property') return node.children?.[0];
  if (node.parent?.type === 'property' && node.parent.children?.[1] === node) return node.parent.children[0];
  return undefined;
}

export function findNode(root: Node | undefined, path: JSONPath): Node | undefined {
  return root ? findNodeAtLocation(root, path) : undefined;
}

/**
 * The node of the value at `path`: where a key repeats, the last property (the one whose value
 * counts, as in the parse's value). `findNode` takes the first, as jsonc-parser does; an error of
 * the value found at the first duplicate would point at text that is not in the value, and, for an
 * item of a long array, outside the item its findings are kept with (itemResults.ts).
 */
export function findValueNode(root: Node | undefined, path: JSONPath): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node?.children) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children[segment] : undefined;
      continue;
    }
    if (node.type !== 'object') return undefined;
    let found: Node | undefined;
    for (let i = node.children.length - 1; i >= 0 && !found; i--)
      if (node.children[i].children?.[0]?.value === segment) found = node.children[i].children?.[1];
    node = found;
  }
  return node;
}

/**
 * The last of `children` (in document order) that starts before `offset`, or at it when
 * `inclusive`: the child an offset falls in, if any does. A binary search: an array of a long
 * document has ten thousand items.
 */
export function childBefore(children: readonly Node[], offset: number, inclusive: boolean): Node | undefined {
  let lo = 0;
  let hi = children.length - 1;
  let found: Node | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (children[mid].offset < offset || (inclusive && children[mid].offset === offset)) {
      found = children[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** JSON Pointer (ajv's instancePath) → path segments; array indices become numbers. */
export function pointerToPath(pointer: string, value: unknown): JSONPath {
  if (!pointer) return [];
  const out: JSONPath = [];
  let cur: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/**
 * Source offset of character `index` of the decoded value of a string node: escapes (`\"`, `\n`,
 * `\uXXXX`) make the two differ, so a range inside a string is mapped through the raw text.
 */
export function offsetInString(text: string, node: Node, index: number): number {
  return stringOffsets(text, node)(index);
}

/**
 * `offsetInString` for many indices of one string: each call goes on from the previous one when
 * the index did not go back, so the findings of a long string cost one pass, not one per finding.
 */
export function stringOffsets(text: string, node: Node): (index: number) => number {
  const first = node.offset + 1;
  const end = node.offset + node.length - 1;
  let i = 0;
  let src = first;
  return (index) => {
    if (index < i) {
      i = 0;
      src = first;
    }
    for (; i < index && src < end; i++) src += text[src] === '\\' ? (text[src + 1] === 'u' ? 6 : 2) : 1;
    // Past the end of the content, `i` stays where the content ended (as the single-shot loop did).
    return src;
  };
}
