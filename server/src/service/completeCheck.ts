/**
 * Completion offers nothing the checker then flags (issue 14). The property names come from the
 * model, which says where a field applies (`onlyWhen`: no `supportedCountries` on a PHONE_NUMBER)
 * and what to insert beside what (`insertWhen`: a GET url with its variables). The values, where
 * the rules that compare fields bite, are each accepted on a copy of the document and the copy
 * checked with the same `validate` that reports diagnostics (`Offered.check` says which items): a
 * value that brings an error the document did not have is not offered (`GET` for a request whose
 * url lacks `${to}` and `${message}`, `PHONE_NUMBER` for a number with `supportedCountries`), nor a
 * field of a sibling case that switches its object to a case it then breaks.
 *
 * One new error is allowed: a property that the choice requires elsewhere and that is missing (its
 * quick fix adds it), reported outside the item's own text. Choosing `CUSTOM_TWILIO` as the provider,
 * or `TOLL_FREE` for a custom provider's number, asks for what that choice needs; it does not make
 * the value wrong. What the item inserts itself is complete: an `authentication` object comes with
 * the fields of its method.
 *
 * The check runs on a small copy (`smallCopy`): the object around the cursor and what its rules read
 * from above it, so an item costs one check of a few hundred bytes, whatever the document's size.
 */
import type { Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocument as Document } from './types';
import { CompletionItemKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { RuleCode } from '../model/rules';
import { parseDocument } from './parse';
import { syntaxDamage, type Damage } from './syntaxDamage';
import { validate } from './validate';
import type { FixData } from './types';

/** Arrays up to this long are kept whole (a rule may compare their items: one selected messaging service). */
const KEEP = 50;

/** What a rule of a nested object reads from the objects above it: the provider, and `id` (an update). */
const READ_FROM_ABOVE = new Set(['provider', 'id']);

/** A part of the copy: text of the document (from `from`), or glue (`from` undefined). */
interface Piece {
  text: string;
  from?: number;
}

/**
 * The part of the document the item can change the findings of, and the map of offsets into it: the
 * innermost object around the cursor whole (its rules compare its properties), and above it only
 * what its rules read from there (the provider, `id`), the other items of short arrays (a rule may
 * compare them) and the way down. A 2 MB body becomes the provider and the one number the cursor is
 * in; a small one, a few properties.
 */
function smallCopy(text: string, root: Node, cursor: number): { text: string; map(offset: number): number | undefined } {
  const holds = (n: Node): boolean => n.offset < cursor && cursor < n.offset + n.length;
  let innermost: Node | undefined;
  for (let n: Node | undefined = root; n && holds(n); n = n.children?.find(holds)) if (n.type === 'object') innermost = n;
  const pieces: Piece[] = [];
  const glue = (g: string): void => void pieces.push({ text: g });
  // The innermost object as it is, but for the items of its long arrays that the cursor is not in.
  const whole = (n: Node): void => {
    const cuts: [number, number][] = [];
    const walk = (c: Node): void => {
      const items = c.children ?? [];
      if (c.type === 'array' && items.length > KEEP) {
        const keep = items.find((i) => i.offset <= cursor && cursor <= i.offset + i.length);
        const open = c.offset + 1;
        const close = c.offset + c.length - (text[c.offset + c.length - 1] === ']' ? 1 : 0);
        if (!keep) return void cuts.push([open, close]);
        if (keep.offset > open) cuts.push([open, keep.offset]);
        if (close > keep.offset + keep.length) cuts.push([keep.offset + keep.length, close]);
        return walk(keep);
      }
      items.forEach(walk);
    };
    walk(n);
    let from = n.offset;
    for (const [a, b] of cuts) {
      pieces.push({ text: text.slice(from, a), from });
      from = b;
    }
    pieces.push({ text: text.slice(from, n.offset + n.length), from });
  };
  const build = (n: Node): void => {
    if (!holds(n) || n === innermost || !innermost) return whole(n);
    const children = n.children ?? [];
    if (n.type === 'object') {
      glue('{');
      const kept = children.filter((p) => holds(p) || READ_FROM_ABOVE.has(p.children?.[0]?.value as string));
      kept.forEach((p, k) => {
        if (k > 0) glue(',');
        const value = p.children?.[1];
        if (!holds(p) || !value) return whole(p);
        pieces.push({ text: text.slice(p.offset, value.offset), from: p.offset });
        build(value);
      });
      return glue('}');
    }
    if (n.type === 'array') {
      glue('[');
      const kept = children.length > KEEP ? children.filter(holds) : children;
      kept.forEach((c, k) => {
        if (k > 0) glue(',');
        build(c);
      });
      return glue(']');
    }
    whole(n);
  };
  // A cursor outside the tree (before or after it), or a text jsonc-parser could not read whole: the text as it is.
  if (!holds(root)) return { text, map: (o) => o };
  build(root);
  const starts: number[] = [];
  let out = '';
  for (const p of pieces) {
    starts.push(out.length);
    out += p.text;
  }
  return {
    text: out,
    map: (offset) => {
      for (let k = 0; k < pieces.length; k++) {
        const from = pieces[k].from;
        if (from !== undefined && from <= offset && offset <= from + pieces[k].text.length) return starts[k] + offset - from;
      }
      return undefined;
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
  data?: FixData;
}

interface Checked {
  found: Found[];
  /** The text has a syntax error: findings are reported only where its tree is intact (`syntaxDamage.ts`). */
  damage?: Damage;
}

function errors(text: string): Checked {
  const document = TextDocument.create('file:///completion-check.json', 'json', 1, text);
  const parsed = parseDocument(text);
  const found = validate(document, parsed)
    .filter((d) => d.severity === 1)
    .map((d) => {
      const data = d.data as FixData | undefined;
      return {
        code: String(d.code),
        message: d.message,
        start: document.offsetAt(d.range.start),
        end: document.offsetAt(d.range.end),
        path: data?.path === undefined ? undefined : JSON.stringify(data.path),
        missing: data?.fix === 'add-properties',
        data,
      };
    });
  return { found, damage: syntaxDamage(parsed.root, parsed.problems, text) };
}

export interface Offered {
  item: CompletionItem;
  /** The text the item inserts with every tab stop at its default (a choice at its first option). */
  plain: string;
  /**
   * What stands in the item's place before it is accepted: nothing (a property), an empty key (a key
   * before its colon) or `null` (a value: then the checker says nothing about the value's own choice).
   * Each keeps the text as well formed as it can be without the item.
   */
  neutral: '' | '""' | 'null';
  /** The items of a country list are all alike to the checker: the first one decides for them all. */
  alike?: boolean;
  /**
   * Checked one by one: values (an enum member, a boolean, an object), where the rules that compare
   * fields bite, and the fields of a sibling case (they switch the object to it). A property of the
   * object's own case is right by the model (`onlyWhen`, the case's fields); a check per property
   * name on every keystroke would cost a dozen checks for nothing (the completion consistency test
   * shows it on the real-world bodies).
   */
  check: boolean;
}

/**
 * The findings of `after` that are not in `before`. The same finding may have moved (text was
 * inserted before it: `at` maps its place to `before`'s offsets), moved its anchor (a missing
 * `supportedCountries` is reported at the number once there is one: the same path), or changed its
 * words ("add ${message}" once `${to}` is there: the same rule at the same place).
 */
function added(before: readonly Found[], after: readonly Found[], at: (offset: number) => number): Found[] {
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
  const baselines = new Map<string, Checked>();
  let alikeVerdict: boolean | undefined;
  const ok = ({ item, plain, neutral, alike, check }: Offered): boolean => {
    if (!check) return true;
    // A `${…}` variable typed into a url or body can only satisfy a rule (a gateway variable is never
    // an error; an unknown one is a hint): not worth a check per variable on every keystroke.
    if (item.kind === CompletionItemKind.Variable) return true;
    if (alike && alikeVerdict !== undefined) return alikeVerdict;
    const main = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
    if (!main) return true;
    // The text that is there already (the key being edited, the value that is set): nothing changes.
    if (!item.additionalTextEdits?.length && document.getText(main.range) === plain) return true;
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
    const damage = before.damage;
    const fine = added(before.found, errors(applied(copy.text, mapped)).found, toBaseline).every((f) => {
      const own = f.start < to && f.end > from;
      // Where the text without the item has a syntax error, its findings are not reported: there
      // the two cannot be compared, and only the item's own text is judged.
      if (!own && damage && !damage.keeps(f.code as RuleCode, { offset: toBaseline(f.start), length: f.end - f.start }, f.data))
        return true;
      return f.missing && (scalar || !own);
    });
    if (alike) alikeVerdict = fine;
    return fine;
  };
  return offered.filter(ok).map((o) => o.item);
}
