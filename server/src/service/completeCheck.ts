/**
 * Completion offers nothing the checker then flags (issue 14): each item is accepted, on a copy of
 * the document, and the copy checked with the same `validate` that reports diagnostics. An item that
 * brings an error the document did not have is not offered: `GET` for a request whose url lacks
 * `${to}` and `${message}`, `PHONE_NUMBER` for a number with `supportedCountries`, a property that
 * switches its object to a case it then breaks. The model says the common cases up front (`onlyWhen`,
 * `insertWhen`); this is what holds whatever the rules become.
 *
 * One new error is allowed: a property that the choice requires elsewhere and that is missing (its
 * quick fix adds it), reported outside the item's own text. Choosing `CUSTOM_TWILIO` as the provider,
 * or `TOLL_FREE` for a custom provider's number, asks for what that choice needs; it does not make
 * the value wrong. What the item inserts itself is complete: an `authentication` object comes with
 * the fields of its method.
 *
 * The copy is small: an array with more than `KEEP` items keeps only the item the cursor is in (a
 * 2 MB body's ten thousand numbers are not checked again per item offered), so an item costs one
 * check of a document of a few kilobytes.
 */
import type { Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocument as Document } from './types';
import { CompletionItemKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { parseDocument } from './parse';
import { validate } from './validate';

/** Arrays up to this long are kept whole (a rule may compare their items: one selected messaging service). */
const KEEP = 50;

interface Slice {
  /** Offset in the document. */
  from: number;
  to: number;
  /** Offset of `from` in the copy. */
  at: number;
}

/** The document without the items of long arrays that the cursor is not in, and the map of offsets into it. */
function smallCopy(text: string, root: Node, cursor: number): { text: string; map(offset: number): number | undefined } {
  const cuts: [number, number][] = [];
  const walk = (n: Node): void => {
    const children = n.children ?? [];
    if (n.type === 'array' && children.length > KEEP) {
      // Everything between `[` and `]` but the item holding the cursor.
      const keep = children.find((c) => c.offset <= cursor && cursor <= c.offset + c.length);
      const open = n.offset + 1;
      const close = n.offset + n.length - 1;
      if (keep) {
        if (keep.offset > open) cuts.push([open, keep.offset]);
        if (close > keep.offset + keep.length) cuts.push([keep.offset + keep.length, close]);
        walk(keep);
      } else cuts.push([open, close]);
      return;
    }
    for (const c of children) walk(c);
  };
  walk(root);
  const slices: Slice[] = [];
  let from = 0;
  let at = 0;
  let out = '';
  for (const [a, b] of cuts) {
    slices.push({ from, to: a, at });
    out += text.slice(from, a);
    at += a - from;
    from = b;
  }
  slices.push({ from, to: text.length, at });
  out += text.slice(from);
  return {
    text: out,
    map: (offset) => {
      const s = slices.find((x) => x.from <= offset && offset <= x.to);
      return s ? s.at + offset - s.from : undefined;
    },
  };
}

interface Found {
  code: string;
  message: string;
  /** Where it is reported, in offsets of the checked text. */
  start: number;
  end: number;
  /** The path its quick fix works on (the object a property is missing from, …). */
  path?: string;
  /** Its fix adds what is missing. */
  missing: boolean;
}

function errors(text: string): Found[] {
  const document = TextDocument.create('file:///completion-check.json', 'json', 1, text);
  return validate(document, parseDocument(text))
    .filter((d) => d.severity === 1)
    .map((d) => {
      const data = d.data as { fix?: string; path?: unknown } | undefined;
      return {
        code: String(d.code),
        message: d.message,
        start: document.offsetAt(d.range.start),
        end: document.offsetAt(d.range.end),
        path: data?.path === undefined ? undefined : JSON.stringify(data.path),
        missing: data?.fix === 'add-properties',
      };
    });
}

export interface Offered {
  item: CompletionItem;
  /** The text the item inserts with every tab stop at its default (a choice at its first option). */
  plain: string;
  /**
   * What stands in the item's place before it is accepted: nothing (a property) or `null` (a value:
   * then the checker says nothing about the value's own choice).
   */
  neutral: '' | 'null';
  /** The items of a country list are all alike to the checker: the first one decides for them all. */
  alike?: boolean;
}

/**
 * The findings of `after` that are not in `before`. The same finding may have moved (text was
 * inserted before it: `at` maps its place to `before`'s offsets), moved its anchor (a missing
 * `supportedCountries` is reported at the number once there is one: the same path), or changed its
 * words ("add ${message}" once `${to}` is there: the same rule at the same place).
 */
function added(before: Found[], after: Found[], at: (offset: number) => number): Found[] {
  const used = new Set<number>();
  const rest = [...after];
  const matches: ((b: Found, a: Found) => boolean)[] = [
    (b, a) => b.code === a.code && b.start === at(a.start),
    (b, a) => b.code === a.code && a.path !== undefined && b.path === a.path,
    (b, a) => b.code === a.code && b.message === a.message,
  ];
  for (const same of matches) {
    for (let k = rest.length - 1; k >= 0; k--) {
      const i = before.findIndex((b, n) => !used.has(n) && same(b, rest[k]));
      if (i < 0) continue;
      used.add(i);
      rest.splice(k, 1);
    }
  }
  return rest;
}

/** `edits` (offsets of the copy), applied to `text`. */
function applied(text: string, edits: { offset: number; length: number; text: string }[]): string {
  let out = text;
  for (const m of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, m.offset) + m.text + out.slice(m.offset + m.length);
  return out;
}

/**
 * The items that bring no new error. `root` is the parse of the document (jsonc-parser's recovery
 * when the text has a syntax error, as it has while a value is being typed after a colon). Each item
 * is compared with its neutral stand-in at the same place, so the errors of the rest of the document,
 * and the syntax error the item itself completes, do not count.
 */
export function unflagged(document: Document, root: Node, cursor: number, offered: Offered[]): CompletionItem[] {
  const copy = smallCopy(document.getText(), root, cursor);
  const baselines = new Map<string, Found[]>();
  let alikeVerdict: boolean | undefined;
  const ok = ({ item, plain, neutral, alike }: Offered): boolean => {
    // A `${…}` variable typed into a url or body can only satisfy a rule (a gateway variable is never
    // an error; an unknown one is a hint): not worth a check per variable on every keystroke.
    if (item.kind === CompletionItemKind.Variable) return true;
    if (alike && alikeVerdict !== undefined) return alikeVerdict;
    const main = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
    if (!main) return true;
    const edits: TextEdit[] = [{ range: main.range, newText: plain }, ...(item.additionalTextEdits ?? [])];
    const mapped: { offset: number; length: number; text: string }[] = [];
    for (const e of edits) {
      const start = copy.map(document.offsetAt(e.range.start));
      const end = copy.map(document.offsetAt(e.range.end));
      if (start === undefined || end === undefined) return true; // not inside the copy: not checked
      mapped.push({ offset: start, length: end - start, text: e.newText });
    }
    const place = `${mapped[0].offset}:${mapped[0].length}:${neutral}`;
    let before = baselines.get(place);
    if (!before) {
      before = errors(applied(copy.text, [{ ...mapped[0], text: neutral }]));
      baselines.set(place, before);
    }
    // Where the item's text lands: after the edits before it (a leading comma).
    const shift = mapped.slice(1).reduce((n, m) => (m.offset <= mapped[0].offset ? n + m.text.length - m.length : n), 0);
    const from = mapped[0].offset + shift;
    const to = from + plain.length;
    // A place in the baseline's offsets: there the neutral text stands for the item, and no comma was added.
    const toBaseline = (o: number): number => (o < from ? o : o - shift - plain.length + neutral.length);
    // A value (an enum member, true) holds nothing that could be missing; a
    // property or an object inserted must be complete: what is missing may only be elsewhere.
    const scalar = item.kind === CompletionItemKind.EnumMember || item.kind === CompletionItemKind.Value;
    const fine = added(before, errors(applied(copy.text, mapped)), toBaseline).every(
      (f) => f.missing && (scalar || f.end <= from || f.start >= to),
    );
    if (alike) alikeVerdict = fine;
    return fine;
  };
  return offered.filter(ok).map((o) => o.item);
}
