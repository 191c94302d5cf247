/**
 * Completion offers nothing that the checker then flags (issue 14, item 3). Every item offered at a
 * range of cursor positions in the real-world bodies (test/fixtures/real-world: PingOne's docs, its
 * Postman collection, the Terraform provider's examples and acceptance tests) is accepted as a
 * client would (tab stops keep their defaults), and the document checked again: no error appears
 * that was not there before. The positions: a new property at the start and at the end of every
 * object, every string value (the cursor inside it), every boolean, and every property with its
 * value deleted (the cursor after the colon).
 *
 * One kind of new error is allowed: a property that the choice requires and that is missing (its
 * quick fix adds it). Choosing `CUSTOM_TWILIO` as the provider, or `TOLL_FREE` as the type of a custom
 * provider's number, asks for what that choice needs; it is not a mistake in the value. A property or
 * an object that the item inserts is itself complete: what is missing is reported outside its text.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { createPhoneDeliveryService, type Diagnostic } from '../../../server/src/service';
import { snippetToPlain } from '../../support/snippetSyntax';
import { applyEdits, doc } from '../../support/markers';
import { FIXTURES } from '../../support/fixtures';

const service = createPhoneDeliveryService({ templateCompletions: true, snippetSupport: true, markdown: false });

interface Position {
  /** The text completion runs on (a value deleted, or the fixture itself). */
  text: string;
  offset: number;
}

const errorsOf = (text: string): Diagnostic[] => {
  const d = doc(text);
  return service.validate(d, service.parse(d)).filter((x) => x.severity === 1);
};
const keyOf = (d: Diagnostic): string => `${String(d.code)}: ${d.message}`;

/** `after` minus `before`, counting repeats. */
function added(before: Diagnostic[], after: Diagnostic[]): Diagnostic[] {
  const left = new Map<string, number>();
  for (const d of before) left.set(keyOf(d), (left.get(keyOf(d)) ?? 0) + 1);
  return after.filter((d) => {
    const n = left.get(keyOf(d)) ?? 0;
    if (n > 0) left.set(keyOf(d), n - 1);
    return n === 0;
  });
}

function positions(text: string, root: Node): Position[] {
  const out: Position[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'object') {
      out.push({ text, offset: n.offset + 1 });
      const last = n.children?.[n.children.length - 1];
      if (last) out.push({ text, offset: last.offset + last.length });
    }
    if (n.type === 'property') {
      const value = n.children?.[1];
      if (value) out.push({ text: text.slice(0, value.offset) + text.slice(value.offset + value.length), offset: value.offset });
    }
    if (n.type === 'string' && n.parent?.type !== 'property') out.push({ text, offset: n.offset + 1 }); // an array item
    if (n.type === 'string' && n.parent?.type === 'property' && n.parent.children?.[1] === n) out.push({ text, offset: n.offset + 1 });
    if (n.type === 'boolean') out.push({ text, offset: n.offset + n.length });
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

/** The text after accepting the item, and where the item's own text is in it. */
function accept(text: string, item: CompletionItem): { text: string; from: number; to: number } {
  assert.ok(item.textEdit && 'range' in item.textEdit);
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? snippetToPlain(item.textEdit.newText) : item.textEdit.newText;
  const d = doc(text);
  const start = d.offsetAt(item.textEdit.range.start);
  const before = (item.additionalTextEdits ?? []).filter((e) => d.offsetAt(e.range.start) <= start);
  const from = start + before.reduce((n, e) => n + e.newText.length - (d.offsetAt(e.range.end) - d.offsetAt(e.range.start)), 0);
  return {
    text: applyEdits(text, [{ range: item.textEdit.range, newText }, ...(item.additionalTextEdits ?? [])]),
    from,
    to: from + newText.length,
  };
}

const files = readdirSync(join(FIXTURES, 'real-world'))
  .filter((f) => f.endsWith('.json') && !f.endsWith('expected.json'))
  .sort();

describe('completion offers nothing the checker then flags as an error', () => {
  it('the real-world bodies are there to try it on', () => assert.ok(files.length >= 10, files.join(', ')));
  for (const name of files) {
    it(`${name}: every item at every position`, () => {
      const original = readFileSync(join(FIXTURES, 'real-world', name), 'utf8');
      const before = errorsOf(original);
      const root = service.parse(doc(original)).root!;
      const problems: string[] = [];
      let tried = 0;
      for (const p of positions(original, root)) {
        const d = doc(p.text);
        const list = service.complete(d, d.positionAt(p.offset), service.parse(d));
        for (const item of list.items) {
          tried++;
          const after = accept(p.text, item);
          const afterDoc = doc(after.text);
          const fresh = added(before, errorsOf(after.text)).filter((x) => {
            const missing = (x.data as { fix?: string } | undefined)?.fix === 'add-properties';
            const outside = afterDoc.offsetAt(x.range.end) <= after.from || afterDoc.offsetAt(x.range.start) >= after.to;
            const scalar =
              item.kind === CompletionItemKind.EnumMember ||
              item.kind === CompletionItemKind.Value ||
              item.kind === CompletionItemKind.Variable;
            return !(missing && (scalar || outside));
          });
          const at = d.positionAt(p.offset);
          for (const x of fresh) problems.push(`${at.line + 1}:${at.character + 1} "${item.label}" → ${keyOf(x)}`);
        }
      }
      assert.ok(tried >= 10, `only ${tried} items tried`);
      assert.deepEqual(problems, []);
    });
  }
});
