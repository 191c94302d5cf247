/**
 * A fast path for the common case, a document that is strict JSON: one pass over the text builds
 * the jsonc-parser tree, the plain value and the duplicate keys, several times faster than parse.ts's
 * jsonc-parser path (a scan for comments and trailing commas, `parseTree`, `getNodeValue`, a walk for
 * duplicates), and with about 40% less memory retained. Anything that is not strict JSON (comments,
 * trailing commas, any syntax error, a document deeper than the limit) gives `undefined` as soon as
 * it shows, and the caller takes the jsonc-parser path, which reports the problems.
 *
 * What makes it safe to swap in: where it returns a result, the result is deep-equal
 * (`assert.deepStrictEqual`) to jsonc-parser 3.3.1's
 * `parseTree(text, [], { allowTrailingComma: true, allowEmptyContent: true })`, to `getNodeValue` of
 * that tree, and to parse.ts's `findDuplicateKeys`, in the same order (test/unit/service/fastParse.test.ts
 * checks all three, differentially and with fast-check). The nodes have the properties jsonc-parser
 * gives them, no more (an own property set to `undefined` is not deep-equal to a missing one):
 * - `object` / `array`: `{ type, offset, length, parent, children }`;
 * - `property`: `{ type, offset, length, parent, children, colonOffset }` (its `children` are the key and
 *   the value; its length runs from the key's opening quote to the end of the value);
 * - leaves, and the key of a property (type `string`): `{ type, offset, length, parent, value }`;
 * - the root has no `parent` property (jsonc-parser deletes it; here it is made without one).
 * Each kind is made at one allocation site, so a kind has one hidden class (jsonc-parser gives keys and
 * value leaves different property orders, and turns the root into a dictionary by `delete`).
 * `children` arrays, and the value's arrays, have their exact size (collected on a stack, copied when
 * the object or array closes), not the spare capacity of arrays grown by `push`.
 *
 * The value: objects have no prototype, like `getNodeValue`'s (`__proto__` is a key like any other),
 * but are made by `Object.setPrototypeOf({}, null)`, which keeps V8's fast properties, not by
 * `Object.create(null)`, which makes a dictionary: less memory, and faster to read. The last of
 * duplicate keys wins, as in `getNodeValue`. The value object doubles as the set of keys seen: values
 * are never `undefined`, so a defined slot means a duplicate.
 *
 * Numbers: up to 15 digits with no fraction or exponent, the integer is computed exactly; any other is
 * `Number()` of its text, as jsonc-parser does (so -0 stays -0, 1e400 is Infinity). Strings: `\uXXXX`
 * gives that code unit, a lone surrogate included, as jsonc-parser and `JSON.parse` do.
 *
 * jsonc-parser's scanner takes as whitespace exactly JSON's (space, tab, line feed, carriage return);
 * a byte order mark, a form feed, a vertical tab, a non-breaking space, U+2028 is an error there, and
 * not JSON here.
 *
 * Iterative, with explicit stacks: any depth is fine for the call stack, and a document deeper than
 * `maxDepth` (counted like parse.ts's scan: one level per `{` or `[`, an empty one included) stops the
 * pass where it crosses it.
 *
 * What it buys, on the 200 KB benchmark document (CPU time, medians): an open parses in 2.0-2.2 ms
 * instead of 8-14 ms on the jsonc-parser path, and a keystroke the patch declines (a space typed
 * between two tokens) reparses in 2.4 ms instead of 17-22 ms; at 2 MB, 81 ms instead of 220 ms. Its
 * cost: a text that is not JSON (as while typing) is scanned up to its first error before the
 * jsonc-parser path runs, about 1 ms wasted at 200 KB for an error halfway. `npm run build && node
 * test/bench/jsonc.mjs` measures both (parse.open, parse.typed-space, fast-pass.wasted).
 */
import type { Node, NodeType } from 'jsonc-parser';

export interface FastParse {
  root: Node;
  value: unknown;
  /** Key nodes of properties that repeat an earlier key of the same object, in the order of parse.ts's `findDuplicateKeys`. */
  duplicateKeys: Node[];
}

/** jsonc-parser's `Node`, writable while the tree is built. */
interface Building {
  type: NodeType;
  offset: number;
  length: number;
  parent?: Building;
  children?: Building[];
  value?: unknown;
  colonOffset?: number;
}

/**
 * One pass over strict JSON (RFC 8259, no comments, no trailing commas, nothing but whitespace around
 * one value): the jsonc-parser tree, the value and the duplicate keys; undefined as soon as the text is
 * anything else (the caller then takes the jsonc-parser path, which reports the problems). Nothing in
 * the pass throws on any text, and nothing catches here: a bug would throw, not pass for "not strict".
 */
export function parseStrictJson(text: string, maxDepth: number): FastParse | undefined {
  return typeof text === 'string' ? parse(text, maxDepth) : undefined;
}

// Where the last scanString / scanNumber ended (one past the closing quote / the last character).
let stringEnd = 0;
let numberEnd = 0;

// Each kind of node is made at one site: one hidden class per kind.

/** The `children` of an open object or array, until it closes and gets an array of the exact size. */
const OPEN: Building[] = [];

function leaf(type: NodeType, offset: number, length: number, parent: Building | undefined, value: unknown): Building {
  return parent === undefined ? { type, offset, length, value } : { type, offset, length, parent, value };
}

function container(type: NodeType, offset: number, parent: Building | undefined): Building {
  return parent === undefined ? { type, offset, length: -1, children: OPEN } : { type, offset, length: -1, parent, children: OPEN };
}

function property(offset: number, parent: Building, children: Building[], colonOffset: number): Building {
  return { type: 'property', offset, length: -1, parent, children, colonOffset };
}

/** The string whose opening quote is before `pos`, or undefined if it is not a JSON string; sets `stringEnd`. */
function scanString(text: string, pos: number): string | undefined {
  const start = pos;
  const len = text.length;
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === 34 /* " */) {
      stringEnd = pos + 1;
      return text.slice(start, pos);
    }
    if (c === 92 /* \ */) return scanEscapedString(text, start, pos);
    if (c < 0x20) return undefined;
    pos++;
  }
  return undefined;
}

/** scanString from its first backslash on. */
function scanEscapedString(text: string, start: number, pos: number): string | undefined {
  const len = text.length;
  let result = '';
  let run = start;
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === 34 /* " */) {
      stringEnd = pos + 1;
      return result + text.slice(run, pos);
    }
    if (c < 0x20) return undefined;
    if (c !== 92 /* \ */) {
      pos++;
      continue;
    }
    result += text.slice(run, pos);
    const e = text.charCodeAt(pos + 1);
    pos += 2;
    switch (e) {
      case 34:
        result += '"';
        break;
      case 92:
        result += '\\';
        break;
      case 47:
        result += '/';
        break;
      case 98:
        result += '\b';
        break;
      case 102:
        result += '\f';
        break;
      case 110:
        result += '\n';
        break;
      case 114:
        result += '\r';
        break;
      case 116:
        result += '\t';
        break;
      case 117: {
        // \uXXXX, exactly four hex digits; a lone surrogate stays one (as in jsonc-parser and JSON.parse)
        let code = 0;
        for (let i = 0; i < 4; i++) {
          const h = text.charCodeAt(pos + i);
          if (h >= 48 && h <= 57) code = code * 16 + h - 48;
          else if (h >= 65 && h <= 70) code = code * 16 + h - 55;
          else if (h >= 97 && h <= 102) code = code * 16 + h - 87;
          else return undefined;
        }
        result += String.fromCharCode(code);
        pos += 4;
        break;
      }
      default:
        return undefined; // also a backslash at the end of the text (NaN)
    }
    run = pos;
  }
  return undefined;
}

/**
 * The JSON number at `pos`, or NaN if there is none (no JSON number is NaN; 1e400 is Infinity, as in
 * jsonc-parser); sets `numberEnd`. What follows the number is the caller's business.
 */
function scanNumber(text: string, pos: number): number {
  const start = pos;
  let c = text.charCodeAt(pos);
  const negative = c === 45; /* - */
  if (negative) c = text.charCodeAt(++pos);
  let int = 0;
  const digitsStart = pos;
  if (c === 48 /* 0 */) {
    c = text.charCodeAt(++pos); // a digit after a leading zero is left to the caller, which rejects it
  } else if (c >= 49 && c <= 57) {
    do {
      int = int * 10 + (c - 48);
      c = text.charCodeAt(++pos);
    } while (c >= 48 && c <= 57);
  } else {
    return NaN;
  }
  // Up to 15 digits the integer is exact (< 2^53), and equal to Number() of its text.
  let exact = pos - digitsStart <= 15;
  if (c === 46 /* . */) {
    c = text.charCodeAt(++pos);
    if (!(c >= 48 && c <= 57)) return NaN;
    do c = text.charCodeAt(++pos);
    while (c >= 48 && c <= 57);
    exact = false;
  }
  if (c === 101 /* e */ || c === 69 /* E */) {
    c = text.charCodeAt(++pos);
    if (c === 43 /* + */ || c === 45 /* - */) c = text.charCodeAt(++pos);
    if (!(c >= 48 && c <= 57)) return NaN;
    do c = text.charCodeAt(++pos);
    while (c >= 48 && c <= 57);
    exact = false;
  }
  numberEnd = pos;
  // jsonc-parser converts with Number() of the token's text: the same text here, the same double.
  return exact ? (negative ? -int : int) : Number(text.slice(start, pos));
}

function parse(text: string, maxDepth: number): FastParse | undefined {
  const len = text.length;
  let pos = 0;
  let c = 0;
  while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
  if (pos >= len) return undefined; // empty, or only whitespace

  let root: Building | undefined;
  let rootValue: unknown;
  // The children (nodes) of all open objects and arrays, and the items (values) of all open arrays,
  // innermost last: each gets an exact copy of its part when it closes, not an array grown by push.
  // (Used as stacks up to nodesTop and itemsTop: what lies beyond is stale.)
  const nodes: Building[] = [];
  const items: unknown[] = [];
  let nodesTop = 0;
  let itemsTop = 0;
  // The innermost open object or array (undefined until the root opens and after it closes), where
  // its children and items start in `nodes` and `items`, and if it is an object, its value.
  let cur: Building | undefined;
  let nodesBase = 0;
  let itemsBase = 0;
  let object: Record<string, unknown> | undefined;
  // In an object: the property whose value comes next (or just ended), and its key.
  let prop: Building | undefined;
  let key = '';
  // The duplicate keys found in `cur` so far.
  let dups: Building[] | undefined;
  let depth = 0;
  // The enclosing open objects and arrays, outermost first (for each: the above).
  const curStack: Building[] = [];
  const baseStack: number[] = [];
  const objectStack: (Record<string, unknown> | undefined)[] = [];
  const keyStack: string[] = [];
  const dupStack: (Building[] | undefined)[] = [];
  // The duplicates of each object, in the order the objects close.
  let groups: Building[][] | undefined;

  for (;;) {
    // In an object, a property starts at pos: its key and colon.
    if (object !== undefined) {
      if (text.charCodeAt(pos) !== 34) return undefined;
      const keyStart = pos;
      const k = scanString(text, pos + 1);
      if (k === undefined) return undefined;
      const keyEnd = (pos = stringEnd);
      while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
      if (text.charCodeAt(pos) !== 58 /* : */) return undefined;
      const pair = [undefined, undefined] as unknown as Building[]; // [key, value], set below
      prop = property(keyStart, cur!, pair, pos);
      const keyNode = leaf('string', keyStart, keyEnd - keyStart, prop, k);
      pair[0] = keyNode;
      nodes[nodesTop++] = prop;
      // Values are never undefined, and the object has no prototype: a defined slot is an earlier key.
      if (object[k] !== undefined) (dups ??= []).push(keyNode);
      key = k;
      pos++;
      while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
    }

    // A value starts at pos.
    const parent = object !== undefined ? prop : cur;
    const start = pos;
    c = text.charCodeAt(pos);
    let node: Building;
    let value: unknown;
    switch (c) {
      case 123: // {
      case 91: {
        // [
        if (++depth > maxDepth) return undefined;
        node = container(c === 123 ? 'object' : 'array', start, parent);
        const closer = c + 2; // } or ]
        pos++;
        while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
        if (text.charCodeAt(pos) !== closer) {
          // Open: into its parent now, its value when it closes; its members come next.
          if (cur === undefined) root = node;
          else if (object !== undefined) prop!.children![1] = node;
          else nodes[nodesTop++] = node;
          if (cur !== undefined) {
            curStack.push(cur);
            baseStack.push(nodesBase, itemsBase);
            objectStack.push(object);
            keyStack.push(key);
            dupStack.push(dups);
          }
          cur = node;
          nodesBase = nodesTop;
          itemsBase = itemsTop;
          object = closer === 125 ? (Object.setPrototypeOf({}, null) as Record<string, unknown>) : undefined;
          dups = undefined;
          continue;
        }
        // Empty: closed at once.
        pos++;
        depth--;
        node.length = pos - start;
        node.children = [];
        value = closer === 125 ? Object.setPrototypeOf({}, null) : [];
        break;
      }
      case 34: {
        // "
        const s = scanString(text, pos + 1);
        if (s === undefined) return undefined;
        pos = stringEnd;
        node = leaf('string', start, pos - start, parent, s);
        value = s;
        break;
      }
      case 116: // true
        if (text.charCodeAt(pos + 1) !== 114 || text.charCodeAt(pos + 2) !== 117 || text.charCodeAt(pos + 3) !== 101) return undefined;
        pos += 4;
        node = leaf('boolean', start, 4, parent, true);
        value = true;
        break;
      case 102: // false
        if (
          text.charCodeAt(pos + 1) !== 97 ||
          text.charCodeAt(pos + 2) !== 108 ||
          text.charCodeAt(pos + 3) !== 115 ||
          text.charCodeAt(pos + 4) !== 101
        )
          return undefined;
        pos += 5;
        node = leaf('boolean', start, 5, parent, false);
        value = false;
        break;
      case 110: // null
        if (text.charCodeAt(pos + 1) !== 117 || text.charCodeAt(pos + 2) !== 108 || text.charCodeAt(pos + 3) !== 108) return undefined;
        pos += 4;
        node = leaf('null', start, 4, parent, null);
        value = null;
        break;
      default: {
        const n = scanNumber(text, pos);
        if (n !== n) return undefined;
        pos = numberEnd;
        node = leaf('number', start, pos - start, parent, n);
        value = n;
      }
    }

    // A leaf, or an empty object or array, ended at pos: into its parent.
    if (cur === undefined) {
      root = node;
      rootValue = value;
    } else if (object !== undefined) {
      prop!.children![1] = node;
      object[key] = value;
    } else {
      nodes[nodesTop++] = node;
      items[itemsTop++] = value;
    }

    // Then a comma and the next member, or the end of objects and arrays.
    let end = pos;
    for (;;) {
      if (cur === undefined) {
        // The root is complete: only whitespace may follow.
        while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
        if (pos !== len) return undefined;
        const duplicateKeys: Node[] = [];
        if (groups !== undefined) {
          // findDuplicateKeys pops a stack, pushing children in order: objects come in the reverse of
          // the order they close in, the duplicates of one object in the order of its properties.
          for (let g = groups.length - 1; g >= 0; g--) for (const d of groups[g]) duplicateKeys.push(d as Node);
        }
        return { root: root as Node, value: rootValue, duplicateKeys };
      }
      if (object !== undefined) prop!.length = end - prop!.offset;
      while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
      c = text.charCodeAt(pos);
      if (c === 44 /* , */) {
        pos++;
        while (pos < len && ((c = text.charCodeAt(pos)) === 32 || c === 10 || c === 13 || c === 9)) pos++;
        break; // the next member
      }
      if (c !== (object !== undefined ? 125 : 93)) return undefined;
      // The end of `cur`.
      pos++;
      end = pos;
      depth--;
      const done = cur;
      done.length = pos - done.offset;
      done.children = nodes.slice(nodesBase, nodesTop);
      nodesTop = nodesBase;
      let doneValue: unknown;
      if (object !== undefined) {
        doneValue = object;
        if (dups !== undefined) (groups ??= []).push(dups);
      } else {
        doneValue = items.slice(itemsBase, itemsTop);
        itemsTop = itemsBase;
      }
      // Back to its parent, which gets its value.
      if (curStack.length === 0) {
        cur = undefined;
        object = undefined;
        rootValue = doneValue;
        continue;
      }
      cur = curStack.pop()!;
      itemsBase = baseStack.pop()!;
      nodesBase = baseStack.pop()!;
      object = objectStack.pop();
      key = keyStack.pop()!;
      dups = dupStack.pop();
      if (object !== undefined) {
        prop = nodes[nodesTop - 1];
        object[key] = doneValue;
      } else {
        items[itemsTop++] = doneValue;
      }
    }
  }
}
