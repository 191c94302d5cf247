/**
 * Reparse by patching (`server/src/service/incremental.ts`) and the kept findings of array items
 * (`itemResults.ts`): after any edit, what the server answers from the patched parse must be what a
 * fresh parse of the same text gives — the tree, the value, the problems and the diagnostics. The
 * properties edit inside value tokens (where the patch applies) and around them (where it must
 * decline), one change or several between two parses, and count how often the patch applied so
 * that a patch that always declines cannot pass unnoticed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createParseCache } from '../../../server/src/lsp/parseCache';
import { createTextDocument, updateTextDocument } from '../../../server/src/service/textDocument';
import { createPhoneDeliveryService, type Diagnostic, type TextChange } from '../../../server/src/service';
import { fixtureFiles } from '../../support/fixtures';
import { runProperty } from '../fuzz/harness';
import { assertSameParse } from './sameParse';

const service = createPhoneDeliveryService();

/** A long body: a valid custom provider fixture with its numbers and requests repeated. */
function longBody(copies: number): string {
  const base = JSON.parse(fixtureFiles('valid').find((f) => f.name === 'custom-bearer-json.json')!.text);
  const numbers = Array.from({ length: copies }, (_, i) => ({
    ...base.numbers[i % base.numbers.length],
    number: `+1415555${String(1000 + i).slice(-4)}`,
  }));
  // Every few items a finding: a non-E.164 number, a literal credential header, an unknown variable.
  for (let i = 3; i < numbers.length; i += 7) numbers[i] = { ...numbers[i], number: `415 555 ${String(1000 + i).slice(-4)}` };
  const requests = Array.from({ length: Math.max(2, copies / 10) }, (_, i) => ({
    ...base.requests[i % base.requests.length],
    headers: { 'x-api-key': i % 3 === 0 ? 'literal-key-value' : '{{apiKey}}' },
    url: `https://gateway.example.com/v1/${i}?to=\${to}&message=\${message}${i % 4 === 0 ? '&x=${nope}' : ''}`,
  }));
  return JSON.stringify({ ...base, numbers, requests }, null, 2);
}

const CORPUS = [...fixtureFiles('valid').map((f) => f.text), ...fixtureFiles('invalid').map((f) => f.text), longBody(60)];

function valueLeaves(text: string): Node[] {
  const out: Node[] = [];
  const root = parseTree(text);
  const stack = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.children) stack.push(...n.children);
    else if (n.type === 'string' || n.type === 'number') out.push(n);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

interface Session {
  document: TextDocument;
  cache: ReturnType<typeof createParseCache>;
  version: number;
}

function open(text: string): Session {
  const document = createTextDocument('file:///edit.phone-delivery.json', 'pingone-phone-delivery', 1, text);
  const cache = createParseCache(() => service);
  service.validate(document, cache.get(document));
  return { document, cache, version: 1 };
}

/** Applies changes as the server's TextDocuments does, one didChange per change. */
function edit(s: Session, changes: { offset: number; removed: number; text: string }[]): void {
  for (const c of changes) {
    const before = s.document;
    const range = { start: before.positionAt(c.offset), end: before.positionAt(c.offset + c.removed) };
    const applied: (TextChange | undefined)[] = [];
    s.document = updateTextDocument(before, [{ range, text: c.text }], ++s.version, (x) => applied.push(x));
    s.cache.changed(before.uri, s.version - 1, s.version, applied);
  }
}

const key = (d: Diagnostic) =>
  `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message} ${JSON.stringify(d.data ?? null)}`;

/** Parses (patching where it can), validates, and compares both with a fresh parse. Returns whether it patched. */
function checkAgainstFresh(s: Session, previous: unknown): boolean {
  const parsed = s.cache.get(s.document);
  const fresh = TextDocument.create(s.document.uri, s.document.languageId, s.version, s.document.getText());
  const freshParse = service.parse(fresh);
  assertSameParse(parsed, freshParse);
  assert.deepEqual(
    service.validate(s.document, parsed).map(key),
    service.validate(fresh, freshParse).map(key),
    'diagnostics after the patch differ from a fresh parse',
  );
  return parsed === previous;
}

// Characters that keep a token valid, and ones that end or break it.
const insertArb = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[0-9a-zA-Z +._-]{0,4}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"',
      '\\',
      '\\n',
      '\\u00e9',
      '\\u12',
      ',',
      '}',
      ']',
      ':',
      '\n',
      'é',
      '€',
      '😀',
      '{{x}}',
      '${to}',
      'e5',
      '-',
      '.',
    ),
  },
);

const editSpecArb = fc.record({
  doc: fc.nat(),
  leaf: fc.nat(),
  at: fc.nat(),
  removed: fc.nat({ max: 3 }),
  text: insertArb,
  near: fc.integer({ min: -2, max: 2 }),
});

describe('reparse by patching', () => {
  it('edits in and around value tokens answer as a fresh parse (one change per parse, and several)', () => {
    let patched = 0;
    let declined = 0;
    runProperty(
      'incremental patch',
      fc.property(fc.array(editSpecArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (specs, batch) => {
        const s = open(CORPUS[specs[0].doc % CORPUS.length]);
        let previous: unknown = s.cache.get(s.document);
        for (const spec of specs) {
          const text = s.document.getText();
          const leaves = valueLeaves(text);
          // Mostly inside a value token; `near` also reaches its quotes and the characters around it.
          let offset: number;
          if (leaves.length) {
            const leaf = leaves[spec.leaf % leaves.length];
            offset = leaf.offset + (spec.at % (leaf.length + 1)) + (spec.near === 2 || spec.near === -2 ? spec.near : 0);
          } else offset = spec.at % (text.length + 1);
          offset = Math.max(0, Math.min(text.length, offset));
          const removed = Math.min(spec.removed, text.length - offset);
          edit(s, [{ offset, removed, text: spec.text }]);
          if (!batch) {
            if (checkAgainstFresh(s, previous)) patched++;
            else declined++;
            previous = s.cache.get(s.document);
          }
        }
        if (batch) {
          if (checkAgainstFresh(s, previous)) patched++;
          else declined++;
        }
      }),
      { numRuns: 400, timeLimitMs: 20_000 },
    );
    console.log(`[incremental] ${patched} parses patched, ${declined} declined (parsed in full)`);
    assert.ok(patched > (patched + declined) / 10, `the patch applied ${patched} times against ${declined} full parses`);
    assert.ok(declined > 0, 'no edit was declined: the property never reached the edges of tokens');
  });

  it('a typed phone number keeps every other item’s findings, moved by the length change', () => {
    const text = longBody(200);
    const s = open(text);
    const before = service.validate(s.document, s.cache.get(s.document));
    const previous = s.cache.get(s.document);
    // Lengthen a number near the start past E.164's 15 digits: everything after moves by five characters.
    const leaf = valueLeaves(text).find((n) => n.type === 'string' && n.value === '+14155551000')!;
    edit(s, [{ offset: leaf.offset + 5, removed: 0, text: '99999' }]);
    assert.equal(checkAgainstFresh(s, previous), true, 'the edit inside the string was not patched');
    const after = service.validate(s.document, s.cache.get(s.document));
    assert.equal(after.length, before.length + 1, 'the lengthened number is not E.164 any more: one finding more');
    assert.ok(
      after.some((d) => d.code === 'number-not-e164' && d.message.includes('"+1419999955551000"')),
      JSON.stringify(after.filter((d) => !before.some((b) => b.message === d.message))),
    );
  });

  it('an edit in punctuation, or one that breaks the token is parsed in full', () => {
    const text = fixtureFiles('valid').find((f) => f.name === 'custom-header.json')!.text;
    const cases: [string, (t: string) => { offset: number; removed: number; text: string }][] = [
      ['a key renamed to one its object already has', (t) => ({ offset: t.indexOf('"provider"') + 1, removed: 8, text: 'name' })],
      ['a quote into a string', (t) => ({ offset: t.indexOf('"CUSTOM_PROVIDER"') + 3, removed: 0, text: '"' })],
      ['a letter into a number', (t) => ({ offset: t.search(/: \d/) + 2, removed: 0, text: 'x' })],
      ['across two tokens', (t) => ({ offset: t.indexOf('"provider"'), removed: 14, text: '' })],
      ['a comma after a value', (t) => ({ offset: t.indexOf('"CUSTOM_PROVIDER"') + 17, removed: 0, text: ',' })],
    ];
    for (const [what, make] of cases) {
      const s = open(text);
      const previous = s.cache.get(s.document);
      const change = make(text);
      assert.ok(change.offset >= 0, what);
      edit(s, [change]);
      assert.equal(checkAgainstFresh(s, previous), false, `${what}: patched instead of parsed in full`);
    }
  });

  it('a value under an earlier duplicate key stays out of the value', () => {
    const text = '{"provider": "CUSTOM_TWILIO", "name": "first", "name": "second"}';
    const s = open(text);
    const previous = s.cache.get(s.document);
    edit(s, [{ offset: text.indexOf('first') + 2, removed: 1, text: 'RST' }]);
    assert.equal(checkAgainstFresh(s, previous), true);
    assert.equal((s.cache.get(s.document).value as { name: string }).name, 'second');
  });

  it('an edit inside a shadowed duplicate of a long array leaves the findings of the array that counts in place', () => {
    // Found by the fuzz run: schema errors of requests[0] were placed on the first (shadowed) "requests",
    // outside the item they were kept with, and an edit between the two moved them.
    const text =
      '{\n  "provider": "CUSTOM_PROVIDER",\n  "requests": [\n    { "deliveryMethod": "SMS", "url": { "value": "https://a.example/x" }, "method": "GET" }\n  ],\n  "requests": [\n    { " deliveryMethod": "SMS", "url": "https://a.example/?to=${to}&message=${message}", "method": "GET" }\n  ]\n}\n';
    const s = open(text);
    const previous = s.cache.get(s.document);
    edit(s, [{ offset: text.indexOf('https://a.example/x') + 5, removed: 0, text: '{' }]);
    assert.equal(checkAgainstFresh(s, previous), true);
  });

  it('a long array renamed in one change ("requests" typed over with "numbers") has its items checked as the new array’s', () => {
    // The items keep their nodes through the rename: their findings as requests were replayed as numbers'.
    const text = JSON.stringify(
      {
        name: 'n',
        provider: 'CUSTOM_PROVIDER',
        authentication: { method: 'BEARER', authToken: '{{gatewayAuthToken}}' },
        requests: [{ deliveryMethod: 'SMS', url: 'https://a.example/s?to=${to}&m=${message}', method: 'GET', phoneNumberFormat: 'FULL' }],
      },
      null,
      2,
    );
    const s = open(text);
    const previous = s.cache.get(s.document);
    edit(s, [{ offset: text.indexOf('"requests"') + 1, removed: 'requests'.length, text: 'numbers' }]);
    assert.equal(checkAgainstFresh(s, previous), true, 'the key edit was not patched');
    const codes = service.validate(s.document, s.cache.get(s.document)).map((d) => d.code);
    assert.ok(codes.includes('property-not-allowed'), `the request's properties are not a number's: ${codes.join(', ')}`);
    edit(s, [{ offset: s.document.getText().indexOf('"numbers"') + 1, removed: 'numbers'.length, text: 'requests' }]);
    assert.equal(checkAgainstFresh(s, previous), true, 'the key edit back was not patched');
  });

  it('typing in a key renames the property in the value, in place, and a key that repeats is parsed in full', () => {
    const text = '{"provider": "CUSTOM_TWILIO", "sid": "AC123", "authToken": "{{t}}", "name": "n"}';
    const s = open(text);
    const previous = s.cache.get(s.document);
    edit(s, [{ offset: text.indexOf('"sid"') + 4, removed: 0, text: 'x' }]);
    assert.equal(checkAgainstFresh(s, previous), true, 'the key edit was not patched');
    assert.deepEqual(Object.keys(s.cache.get(s.document).value as object), ['provider', 'sidx', 'authToken', 'name']);
    const dupText = '{"provider": "CUSTOM_TWILIO", "a": 1, "a": 2, "b": 3}';
    const dup = open(dupText);
    const before = dup.cache.get(dup.document);
    edit(dup, [{ offset: dupText.lastIndexOf('"a"') + 1, removed: 1, text: 'c' }]); // the second "a" becomes "c"
    assert.equal(checkAgainstFresh(dup, before), false, 'a key of an object with a repeated key was patched');
  });
});
