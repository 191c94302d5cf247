/**
 * The failures the fuzz suite found, minimized, as fixed examples: each one broke an invariant of
 * `service.fuzz.test.ts` before its fix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTextDocument, updateTextDocument } from '../../../server/src/service/textDocument';
import { createPhoneDeliveryService, type CompletionItem, type Diagnostic } from '../../../server/src/service';
import { checkCodeActions, checkCompletion, checkDiagnostics, checkEdits } from './checks';

const URI = 'file:///fuzz/regression.phone-delivery.json';
const doc = (text: string): TextDocument => TextDocument.create(URI, 'pingone-phone-delivery', 1, text);
const service = createPhoneDeliveryService({ snippetSupport: true, markdown: true, templateCompletions: true });

function completeAt(text: string, offset: number): { document: TextDocument; items: CompletionItem[] } {
  const document = doc(text);
  const position = document.positionAt(offset);
  const list = service.complete(document, position, service.parse(document));
  checkCompletion(document, position, list);
  return { document, items: list.items };
}

describe('fuzz regressions', () => {
  it('validate: an object where a country code belongs (String() of a prototype-less object threw)', () => {
    const document = doc(
      '{"provider":"CUSTOM_SYNIVERSE","authToken":"{{t}}","numbers":[{"type":"TOLL_FREE","number":"+18885551234","supportedCountries":[{}]}]}',
    );
    const diagnostics = service.validate(document, service.parse(document));
    checkDiagnostics(document, diagnostics);
    assert.ok(
      diagnostics.some((d) => d.code === 'country-code-invalid' && d.message.startsWith('{} is not')),
      JSON.stringify(diagnostics.map((d) => d.message)),
    );
  });

  it('format: a line indented by exactly 200 columns (jsonc-parser left its text undefined)', () => {
    for (const [tabSize, insertSpaces, depth] of [
      [2, true, 101],
      [4, true, 51],
      [4, false, 201],
    ] as const) {
      const text = '['.repeat(depth) + '1' + ']'.repeat(depth);
      const document = doc(text);
      const formatted = checkEdits(document, service.format(document, undefined, { tabSize, insertSpaces }), 'format');
      assert.equal(
        formatted,
        JSON.stringify(JSON.parse(text), null, insertSpaces ? ' '.repeat(tabSize) : '\t'),
        `tabSize ${tabSize}, insertSpaces ${insertSpaces}`,
      );
    }
  });

  it('completion: templates in a document that starts with a line break, at offset 0 (the edit went to line 1)', () => {
    const { items } = completeAt('\n', 0);
    assert.ok(items.length > 0);
    for (const item of items)
      assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined, {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      });
  });

  it('completion: templates in a document whose lines end with a lone "\\r" (the edit spanned lines)', () => {
    const { items } = completeAt('{}\r', 3);
    assert.ok(items.length > 0);
    completeAt('\t', 0);
    completeAt('{}\r\r', 2);
  });

  it('completion: in a string that runs over a line break after a backslash (the edit spanned lines)', () => {
    completeAt('{"\\\n', 4);
    completeAt('{"a": "x\\\r\n', 11);
  });

  it('code action: "messageType" with an object value is renamed, its value kept (the edit had no text)', () => {
    const text = '{"provider":"CUSTOM_PROVIDER","requests":[{"deliveryMethod":"SMS","method":"POST","messageType":{"a":1}}]}';
    const document = doc(text);
    const parsed = service.parse(document);
    const diagnostics = service.validate(document, parsed);
    const quirk = diagnostics.filter((d) => d.code === 'message-type-quirk');
    assert.equal(quirk.length, 1);
    const [fixed] = checkCodeActions(document, service.codeActions(document, quirk[0].range, quirk, parsed));
    assert.equal(fixed, text.replace('"messageType"', '"body"'));
  });

  it('code action: missing properties added where the formatted text is indented 200 columns (jsonc-parser’s modify threw, and a catch-all dropped the fix)', () => {
    for (const depth of [100, 101]) {
      const text = '{"provider":"CUSTOM_TWILIO","x":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
      const document = doc(text);
      const parsed = service.parse(document);
      const missing = service.validate(document, parsed).filter((d) => d.code === 'missing-property');
      assert.ok(missing.length > 0);
      const actions = service.codeActions(document, missing[0].range, missing, parsed);
      const [fixed] = checkCodeActions(document, actions);
      assert.deepEqual(Object.keys(JSON.parse(fixed)), ['provider', 'x', 'sid', 'authToken'], `depth ${depth}`);
    }
  });

  it('code action: forged diagnostic data does not yield edits without text or with reversed ranges', () => {
    const document = doc('{"provider":"CUSTOM_PROVIDER","authentication":{"method":"BASIC","password":"x"}}');
    const parsed = service.parse(document);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const forged = (data: unknown): Diagnostic => ({ range, message: 'forged', source: 'pingone', data });
    const actions = service.codeActions(
      document,
      range,
      [
        forged({ fix: 'normalize-number', path: ['provider'] }),
        forged({ fix: 'replace-value', path: ['provider'], candidates: [undefined, () => 1] }),
        forged({ fix: 'use-placeholder', path: ['provider'], placeholder: 'p', span: [5, 1] }),
      ],
      parsed,
    );
    checkCodeActions(document, actions);
    assert.deepEqual(actions, []);
  });

  it('server documents: a change that joins a "\\r" and a "\\n" (the library counted two line breaks, and later edits landed a line off)', () => {
    for (const [text, range, insert] of [
      ['a\rb', { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, '\n'],
      ['a\nb', { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, '\r'],
      ['a\rx\nb', { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, ''],
    ] as const) {
      let document = createTextDocument(URI, 'pingone-phone-delivery', 1, text);
      document = updateTextDocument(document, [{ range, text: insert }], 2);
      document = updateTextDocument(
        document,
        [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Z' }],
        3,
      );
      assert.equal(document.getText(), 'a\r\nZb', JSON.stringify(text));
      assert.equal(document.lineCount, 2);
    }
  });

  it('keys named like members of Object.prototype ("toString", "constructor") are not fields of the model', () => {
    const text = '{"provider":"CUSTOM_TWILIO","sid":"AC1","authToken":"{{t}}","toString":"x","constructor":{}}';
    const document = doc(text);
    const parsed = service.parse(document);
    const notAllowed = service.validate(document, parsed).filter((d) => d.code === 'property-not-allowed');
    assert.equal(notAllowed.length, 2);
    // It said: "toString" belongs to CUSTOM_PROVIDER, CUSTOM_TWILIO, … (every case).
    for (const d of notAllowed) assert.doesNotMatch(d.message, /belongs to/);
    // Hover looked "toString" up as a field (Object.prototype.toString) and threw.
    assert.equal(service.hover(document, document.positionAt(text.indexOf('toString') + 2), parsed), null);
  });

  it('parse: a depth limit raised past what the parser can recurse reports the document too deep (a RangeError escaped)', () => {
    const deep = createPhoneDeliveryService({ limits: { maxDepth: 10_000_000 } });
    const document = doc('['.repeat(100_000) + ']'.repeat(100_000));
    const parsed = deep.parse(document);
    assert.equal(parsed.skipped, 'too-deep');
    assert.deepEqual(
      deep.validate(document, parsed).map((d) => d.code),
      ['document-too-large'],
    );
  });
});
