/**
 * Formatting, folding ranges and the outline (document symbols): what makes the standalone server
 * complete in editors with no JSON support of their own. Trees are walked with explicit stacks, so
 * a deeply nested document cannot exhaust the call stack.
 */
import { format as formatJson, type Edit, type FormattingOptions as JsonFormattingOptions, type Node } from 'jsonc-parser';
import { SymbolKind } from 'vscode-languageserver-types';
import type { ParsedDocument } from './parse';
import { nodeRange, rangeOf } from './ranges';
import type { DocumentSymbol, FoldingRange, FormattingOptions, Range, TextDocument, TextEdit } from './types';

/** Upper bounds on result sizes, so a huge document does not produce a huge answer. */
export const STRUCTURE_LIMITS = { symbols: 5000, foldingRanges: 5000, detailLength: 80 };

// ---------------------------------------------------------------------------------------------
// Formatting

export function format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  const text = document.getText();
  const tabSize = Number.isInteger(options.tabSize) && options.tabSize > 0 ? Math.min(options.tabSize, 64) : 4;
  // jsonc-parser drops the final newline unless told to insert one; "insertFinalNewline: false" means
  // "do not add one", not "remove the one there is".
  const endsWithNewline = /\r?\n$|\r$/.test(text);
  const span = range ? toSpan(document, range) : undefined;
  const edits = formatEdits(text, span, {
    tabSize,
    insertSpaces: options.insertSpaces !== false,
    insertFinalNewline: options.insertFinalNewline === true || endsWithNewline,
    keepLines: false,
  });
  return edits.map((e) => ({ range: rangeOf(document, e.offset, e.length), newText: e.content }));
}

/**
 * jsonc-parser's `format`, with the text it leaves out: 3.3.1 leaves `content` undefined where a
 * line break is followed by exactly 200 columns of indentation (an off-by-one in its table of cached
 * indentations), e.g. tabSize 2 at depth 100: that text is its line break (`eol`, else the
 * document's first) and 200 indentation characters. (Its `modify` formats the same way, and throws there.)
 */
export function formatEdits(text: string, span: { offset: number; length: number } | undefined, options: JsonFormattingOptions): Edit[] {
  const missing = (options.eol ?? /\r\n|\r|\n/.exec(text)?.[0] ?? '\n') + (options.insertSpaces !== false ? ' ' : '\t').repeat(200);
  return formatJson(text, span, options).map((e) => (e.content === undefined ? { ...e, content: missing } : e));
}

function toSpan(document: TextDocument, range: Range): { offset: number; length: number } {
  let start = document.offsetAt(range.start);
  let end = document.offsetAt(range.end);
  if (end < start) [start, end] = [end, start];
  return { offset: start, length: end - start };
}

// ---------------------------------------------------------------------------------------------
// Folding

/**
 * One range per object or array that spans lines. The closing bracket stays visible when it starts
 * its own line (the range ends on the line before), as in VS Code's JSON folding.
 */
export function foldingRanges(document: TextDocument, parsed: ParsedDocument): FoldingRange[] {
  if (!parsed.root) return [];
  const text = document.getText();
  const byStartLine = new Map<number, FoldingRange>();
  const stack: Node[] = [parsed.root];
  while (stack.length && byStartLine.size < STRUCTURE_LIMITS.foldingRanges) {
    const node = stack.pop()!;
    if (node.type === 'object' || node.type === 'array') {
      const startLine = document.positionAt(node.offset).line;
      const endOffset = node.offset + node.length;
      const closed = text[endOffset - 1] === (node.type === 'object' ? '}' : ']') && node.length > 1;
      const lastLine = document.positionAt(closed ? endOffset - 1 : endOffset).line;
      const endLine = closed && closerStartsLine(text, endOffset - 1) ? lastLine - 1 : lastLine;
      // Of two ranges that start on one line (`[{`), the inner one keeps more of the closing lines visible.
      const other = byStartLine.get(startLine);
      if (endLine > startLine && (!other || endLine < other.endLine)) byStartLine.set(startLine, { startLine, endLine });
    }
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return [...byStartLine.values()].sort((a, b) => a.startLine - b.startLine);
}

function closerStartsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return true;
    if (ch !== ' ' && ch !== '\t') return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Document symbols

interface Pending {
  /** The value of a property, or an array item; the property node itself when its value is missing. */
  node: Node;
  /** The property node when `node` is (or lacks) a property's value; its key names the symbol. */
  property?: Node;
  /** Index when `node` is an array item. */
  index?: number;
  /** Key of the property whose array `node` is an item of. */
  arrayKey?: string;
  into: DocumentSymbol[];
}

/**
 * The outline: the top-level object named after its `name` (or provider), its properties below it;
 * `requests[i]` items named by delivery method and HTTP method, `numbers[i]` items by number;
 * scalars carry their value as `detail`.
 */
export function documentSymbols(document: TextDocument, parsed: ParsedDocument): DocumentSymbol[] {
  const root = parsed.root;
  if (!root) return [];
  const result: DocumentSymbol[] = [];
  const stack: Pending[] = [];
  let count = 0;

  if (root.type === 'object') {
    const name = stringProp(root, 'name');
    const provider = stringProp(root, 'provider');
    const symbol: DocumentSymbol = {
      name: name || provider || 'phone delivery settings',
      detail: name && provider ? provider : undefined,
      kind: SymbolKind.Object,
      range: nodeRange(document, root),
      selectionRange: rangeOf(document, root.offset, 1),
      children: [],
    };
    result.push(symbol);
    count++;
    pushChildren(stack, root, symbol.children!, undefined);
  } else if (root.type === 'array') {
    pushChildren(stack, root, result, undefined);
  }

  while (stack.length && count < STRUCTURE_LIMITS.symbols) {
    const item = stack.pop()!;
    const symbol = symbolFor(document, item);
    item.into.push(symbol);
    count++;
    if (symbol.children) pushChildren(stack, item.node, symbol.children, item.property?.children?.[0]?.value);
  }
  return result;
}

function pushChildren(stack: Pending[], container: Node, into: DocumentSymbol[], containerKey: string | undefined): void {
  const children = container.children ?? [];
  // Reversed, so that the stack yields the children in document order.
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (container.type === 'object') {
      if (child.type === 'property' && child.children?.[0]) stack.push({ node: child.children[1] ?? child, property: child, into });
    } else {
      stack.push({ node: child, index: i, arrayKey: containerKey, into });
    }
  }
}

function symbolFor(document: TextDocument, { node, property, index, arrayKey }: Pending): DocumentSymbol {
  const hasValue = node.type !== 'property';
  const isContainer = node.type === 'object' || node.type === 'array';
  let name: string;
  let detail: string | undefined;
  if (property) {
    const key = String(property.children![0].value);
    // Editors reject blank symbol names.
    name = key.trim() === '' ? JSON.stringify(key) : key;
    if (hasValue && !isContainer) detail = scalarDetail(node);
  } else {
    name = itemName(node, index ?? 0, arrayKey);
    detail = node.type === 'object' ? itemDetail(node, arrayKey) : undefined;
  }
  return {
    name,
    detail,
    kind: hasValue ? kindOf(node) : SymbolKind.Property,
    range: nodeRange(document, property ?? node),
    selectionRange: nodeRange(document, property ? property.children![0] : node),
    children: isContainer ? [] : undefined,
  };
}

function itemName(node: Node, index: number, arrayKey: string | undefined): string {
  if (node.type === 'object') {
    if (arrayKey === 'requests') {
      const label = [stringProp(node, 'deliveryMethod'), stringProp(node, 'method')].filter(Boolean).join(' ');
      if (label) return label;
    } else if (arrayKey === 'numbers') {
      const number = stringProp(node, 'number');
      if (number) return number;
    } else {
      const name = stringProp(node, 'name');
      if (name) return name;
    }
  } else if (node.type !== 'array') {
    return scalarDetail(node) || `[${index}]`;
  }
  return `[${index}]`;
}

function itemDetail(node: Node, arrayKey: string | undefined): string | undefined {
  if (arrayKey === 'requests') return stringProp(node, 'url');
  if (arrayKey === 'numbers') return stringProp(node, 'type');
  return undefined;
}

function stringProp(obj: Node, key: string): string | undefined {
  let found: string | undefined;
  for (const p of obj.children ?? []) {
    // The last of duplicate keys wins, as in the value the checks see.
    if (p.children?.[0]?.value === key) {
      const v = p.children[1];
      found = v?.type === 'string' && typeof v.value === 'string' && v.value.trim() ? truncate(v.value) : undefined;
    }
  }
  return found;
}

function scalarDetail(node: Node): string {
  if (node.type === 'string') return truncate(String(node.value));
  if (node.type === 'null') return 'null';
  return node.value === undefined ? '' : String(node.value);
}

function truncate(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length > STRUCTURE_LIMITS.detailLength ? oneLine.slice(0, STRUCTURE_LIMITS.detailLength - 1) + '…' : oneLine;
}

function kindOf(node: Node): SymbolKind {
  switch (node.type) {
    case 'object':
      return SymbolKind.Module;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'null':
      return SymbolKind.Null;
    default:
      return SymbolKind.Property;
  }
}
