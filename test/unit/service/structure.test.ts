import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { createPhoneDeliveryService, type DocumentSymbol, type Range } from '../../../server/src/service';
import { STRUCTURE_LIMITS } from '../../../server/src/service/structure';
import { applyEdits, doc } from '../../support/markers';

const service = createPhoneDeliveryService();

function formatted(text: string, options = { tabSize: 2, insertSpaces: true }, range?: Range): string {
  const document = doc(text);
  return applyEdits(text, service.format(document, range, options));
}

function folds(text: string): [number, number][] {
  const document = doc(text);
  return service.foldingRanges(document, service.parse(document)).map((r) => [r.startLine, r.endLine]);
}

function symbols(text: string): DocumentSymbol[] {
  const document = doc(text);
  return service.documentSymbols(document, service.parse(document));
}

function names(list: DocumentSymbol[] | undefined): string[] {
  return (list ?? []).map((s) => s.name);
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function walk(list: DocumentSymbol[], visit: (s: DocumentSymbol) => void): void {
  const stack = [...list];
  while (stack.length) {
    const s = stack.pop()!;
    visit(s);
    stack.push(...(s.children ?? []));
  }
}

const CUSTOM = `{
  "name": "My gateway",
  "provider": "CUSTOM_PROVIDER",
  "authentication": {
    "method": "BASIC",
    "username": "user",
    "password": "{{gatewayPassword}}"
  },
  "requests": [
    {
      "deliveryMethod": "SMS",
      "url": "https://gateway.example.com/sms",
      "method": "POST",
      "body": "to=\${to}&message=\${message}"
    },
    { "deliveryMethod": "VOICE", "method": "GET", "url": "https://gateway.example.com/voice?to=\${to}&m=\${message}" }
  ],
  "numbers": [
    { "type": "SHORT_CODE", "number": "894546", "capabilities": ["SMS"], "supportedCountries": ["US"], "selected": true }
  ],
  "default": null
}
`;

describe('format', () => {
  it('indents with spaces or tabs as asked', () => {
    assert.equal(formatted('{"a":1,"b":[1,2]}'), '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}');
    assert.equal(formatted('{"a":{"b":true}}', { tabSize: 4, insertSpaces: false }), '{\n\t"a": {\n\t\t"b": true\n\t}\n}');
  });

  it('keeps a final newline that is there, adds one when asked, and keeps CRLF', () => {
    assert.equal(formatted('{"a":1}\n'), '{\n  "a": 1\n}\n');
    assert.equal(formatted('{"a":1}', { tabSize: 2, insertSpaces: true, insertFinalNewline: true } as never), '{\n  "a": 1\n}\n');
    assert.equal(formatted('{\r\n"a":1,"b":2}'), '{\r\n  "a": 1,\r\n  "b": 2\r\n}');
  });

  it('falls back to 4 spaces for a nonsensical tab size', () => {
    assert.equal(formatted('{"a":1}', { tabSize: 0, insertSpaces: true }), '{\n    "a": 1\n}');
  });

  it('formats only the lines of a range', () => {
    const text = '{\n"a":   1,\n"b":   2\n}';
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } };
    assert.equal(formatted(text, { tabSize: 2, insertSpaces: true }, range), '{\n"a":   1,\n"b": 2\n}');
    const nested = '{\n  "a": {"b":1,\n  "c":   2}\n}';
    const line1 = { start: { line: 1, character: 0 }, end: { line: 1, character: 16 } };
    assert.equal(formatted(nested, { tabSize: 2, insertSpaces: true }, line1), '{\n  "a": {\n    "b": 1,\n  "c":   2}\n}');
  });

  it('does not throw on text that is not JSON', () => {
    assert.doesNotThrow(() => formatted('{"a": [1, // x\n, }}}'));
    assert.deepEqual(service.format(doc(''), undefined, { tabSize: 2, insertSpaces: true }), []);
  });
});

describe('folding ranges', () => {
  it('folds objects and arrays that span lines, keeping the closing line visible', () => {
    assert.deepEqual(folds(CUSTOM), [
      [0, 20],
      [3, 6],
      [8, 15],
      [9, 13],
      [17, 18],
    ]);
  });

  it('does not fold a single-line value and keeps one range per start line', () => {
    assert.deepEqual(folds('{ "a": [1, 2] }'), []);
    assert.deepEqual(folds('[{\n  "a": 1\n}]'), [[0, 1]]);
  });

  it('folds up to the last line when the closer shares a line with content or is missing', () => {
    assert.deepEqual(folds('{ "a": 1,\n  "b": 2 }'), [[0, 1]]);
    assert.deepEqual(folds('{\n  "a": {\n    "b": 1\n'), [
      [0, 3],
      [1, 3],
    ]);
  });

  it('answers nothing for an empty or unparsed document', () => {
    assert.deepEqual(folds(''), []);
    const tooDeep = createPhoneDeliveryService({ limits: { maxDepth: 3 } });
    const document = doc('[[[[[\n]]]]]');
    assert.deepEqual(tooDeep.foldingRanges(document, tooDeep.parse(document)), []);
  });

  it('handles deep nesting without recursion', () => {
    const depth = 500;
    const text = '['.repeat(depth).split('').join('\n') + '\n' + ']'.repeat(depth).split('').join('\n');
    // The innermost pair sits on two adjacent lines: nothing to fold there.
    assert.equal(folds(text).length, depth - 1);
  });
});

describe('document symbols', () => {
  it('names the top-level object by its name, with the provider as detail', () => {
    const [root, ...rest] = symbols(CUSTOM);
    assert.equal(rest.length, 0);
    assert.equal(root.name, 'My gateway');
    assert.equal(root.detail, 'CUSTOM_PROVIDER');
    assert.equal(root.kind, SymbolKind.Object);
    assert.deepEqual(names(root.children), ['name', 'provider', 'authentication', 'requests', 'numbers', 'default']);
  });

  it('names requests by delivery method and HTTP method, numbers by number', () => {
    const root = symbols(CUSTOM)[0];
    const requests = root.children!.find((s) => s.name === 'requests')!;
    assert.equal(requests.kind, SymbolKind.Array);
    assert.deepEqual(names(requests.children), ['SMS POST', 'VOICE GET']);
    assert.equal(requests.children![0].detail, 'https://gateway.example.com/sms');
    assert.deepEqual(names(requests.children![0].children), ['deliveryMethod', 'url', 'method', 'body']);
    const numbers = root.children!.find((s) => s.name === 'numbers')!;
    assert.deepEqual(names(numbers.children), ['894546']);
    assert.equal(numbers.children![0].detail, 'SHORT_CODE');
    const countries = numbers.children![0].children!.find((s) => s.name === 'supportedCountries')!;
    assert.deepEqual(names(countries.children), ['US']);
  });

  it('gives scalars their value as detail and a kind by type', () => {
    const root = symbols(CUSTOM)[0];
    const byName = new Map(root.children!.map((s) => [s.name, s]));
    assert.equal(byName.get('provider')!.detail, 'CUSTOM_PROVIDER');
    assert.equal(byName.get('provider')!.kind, SymbolKind.String);
    assert.equal(byName.get('default')!.detail, 'null');
    assert.equal(byName.get('authentication')!.kind, SymbolKind.Module);
    const selected = byName.get('numbers')!.children![0].children!.find((s) => s.name === 'selected')!;
    assert.equal(selected.kind, SymbolKind.Boolean);
    assert.equal(selected.detail, 'true');
  });

  it('falls back to the provider, then to a generic name; index names for anonymous items', () => {
    assert.equal(symbols('{"provider": "CUSTOM_TWILIO", "sid": "x"}')[0].name, 'CUSTOM_TWILIO');
    assert.equal(symbols('{"provider": "CUSTOM_TWILIO", "sid": "x"}')[0].detail, undefined);
    assert.equal(symbols('{}')[0].name, 'phone delivery settings');
    const root = symbols('{"requests": [{}, {"method": "GET"}], "numbers": [{"type": "TOLL_FREE"}]}')[0];
    assert.deepEqual(names(root.children![0].children), ['[0]', 'GET']);
    assert.deepEqual(names(root.children![1].children), ['[0]']);
  });

  it('never gives a symbol an empty name, and survives incomplete text', () => {
    const list = symbols('{"": 1, " ": 2, "a": , "b": {"c": [');
    walk(list, (s) => assert.ok(s.name.trim().length > 0));
    assert.deepEqual(names(list[0].children), ['""', '" "', 'a', 'b']);
  });

  it('keeps every selection range inside its range, in document order', () => {
    const list = symbols(CUSTOM);
    walk(list, (s) => assert.ok(contains(s.range, s.selectionRange), s.name));
    const document = doc(CUSTOM);
    const root = list[0];
    assert.deepEqual(root.children![1].selectionRange, {
      start: document.positionAt(CUSTOM.indexOf('"provider"')),
      end: document.positionAt(CUSTOM.indexOf('"provider"') + 10),
    });
  });

  it('answers nothing for a document that is not an object or array, and caps huge outlines', () => {
    assert.deepEqual(symbols(''), []);
    assert.deepEqual(symbols('"text"'), []);
    assert.deepEqual(names(symbols('[1, {"name": "n"}]')), ['1', 'n']);
    const big =
      '{"numbers": [' + Array.from({ length: STRUCTURE_LIMITS.symbols + 100 }, (_, i) => `{"number": "+1555${i}"}`).join(',') + ']}';
    let count = 0;
    walk(symbols(big), () => count++);
    assert.equal(count, STRUCTURE_LIMITS.symbols);
  });
});
