import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  choice,
  cursorIn,
  json,
  literal,
  plainText,
  plainValue,
  snippetText,
  syntax,
  tab,
  toPlainText,
  toSnippet,
  type InsertValue,
} from '../../../server/src/model/snippet';
import { PHONE_DELIVERY_SETTINGS } from '../../../server/src/model/phoneDeliverySettings';
import { TEMPLATES } from '../../../server/src/model/templates';
import type { Field, ObjectShape } from '../../../server/src/model/types';
import { parseSnippet, snippetToPlain, tabStops } from '../../support/snippetSyntax';

/** Every `insertValue` of the model, with the path of its field. */
function modelInsertValues(): { path: string; value: InsertValue }[] {
  const out: { path: string; value: InsertValue }[] = [];
  const seen = new Set<ObjectShape>();
  const field = (path: string, f: Field): void => {
    if (f.insertValue !== undefined) out.push({ path, value: f.insertValue });
    if (f.type === 'object') shape(path, f.shape);
    if (f.type === 'array') field(`${path}[]`, f.items);
    if (f.type === 'map') field(`${path}{}`, f.values);
  };
  const shape = (path: string, s: ObjectShape): void => {
    if (seen.has(s)) return;
    seen.add(s);
    for (const [k, f] of Object.entries(s.properties)) field(`${path}/${k}`, f);
    for (const c of s.variants?.cases ?? []) shape(`${path}(${c.label})`, c.shape);
  };
  shape('', PHONE_DELIVERY_SETTINGS);
  return out;
}

/** What VS Code inserts for the snippet (defaults kept) must be the plain text, with tab stops 1…n in order. */
function assertRoundTrip(value: InsertValue, what: string): void {
  const snippet = toSnippet(value);
  const plain = toPlainText(value);
  assert.equal(snippetToPlain(snippet), plain, `${what}: ${snippet}`);
  assert.deepEqual(JSON.parse(plain), plainValue(value), what);
  const stops = tabStops(snippet);
  assert.deepEqual(
    stops.map((s) => s.index),
    stops.map((_, i) => i + 1),
    `${what}: tab stops in order, no variables: ${snippet}`,
  );
}

describe('snippet renderer: escaping', () => {
  it('$, } and \\ inside a default are escaped; the default reads back exactly', () => {
    const value = tab('a$1 ${x} b}c\\d');
    const snippet = toSnippet(value);
    assert.equal(snippet, '"${1:a\\$1 \\${x\\} b\\}c\\\\\\\\d}"');
    assert.deepEqual(tabStops(snippet), [{ index: 1, plain: 'a$1 ${x} b}c\\\\d' }]);
    assert.equal(JSON.parse(snippetToPlain(snippet)), 'a$1 ${x} b}c\\d');
  });

  it('literal strings and keys: $, } and \\ escaped, so `${to}` is not a variable', () => {
    const value = { $schema: 'x', body: 'to=${to}&m=$message', path: 'C:\\dir\\' };
    const snippet = toSnippet(value);
    assert.equal(snippet, '{\n\t"\\$schema": "x",\n\t"body": "to=\\${to\\}&m=\\$message",\n\t"path": "C:\\\\\\\\dir\\\\\\\\"\n}');
    assert.deepEqual(tabStops(snippet), []);
    assert.deepEqual(JSON.parse(snippetToPlain(snippet)), value);
  });

  it('JSON punctuation is written as it is', () => {
    assert.equal(toSnippet({ a: { b: [] }, c: {} }), '{\n\t"a": {\n\t\t"b": []\n\t},\n\t"c": {}\n}');
  });

  it('a choice escapes \\, `,` and `|` only (VS Code reads \\$ and \\} there as two characters)', () => {
    const value = choice('a,b', 'c|d', 'e$f}g', 'h\\i');
    const snippet = toSnippet(value);
    assert.equal(snippet, '"${1|a\\,b,c\\|d,e$f}g,h\\\\\\\\i|}"');
    const [, node] = parseSnippet(snippet);
    assert.deepEqual(node, { kind: 'choice', index: 1, options: ['a,b', 'c|d', 'e$f}g', 'h\\\\i'] });
    assert.equal(JSON.parse(snippetToPlain(snippet)), 'a,b');
  });

  it('quotes and control characters in a default are JSON-escaped inside the tab stop', () => {
    const value = tab('</Say> <Pause length="1"/>\n');
    assert.equal(toSnippet(value), '"${1:</Say> <Pause length=\\\\"1\\\\"/>\\\\n}"');
    assert.equal(JSON.parse(snippetToPlain(toSnippet(value))), '</Say> <Pause length="1"/>\n');
  });
});

describe('snippet renderer: tab stops and layout', () => {
  it('numbers tab stops in document order through nested objects and arrays', () => {
    const value: InsertValue = {
      name: tab('My provider'),
      authentication: { method: 'BASIC', username: tab('user'), password: '{{gatewayPassword}}' },
      requests: [{ url: tab('https://x.example/sms'), method: choice('POST', 'GET'), headers: cursorIn('object') }],
      numbers: [{ type: choice('PHONE_NUMBER', 'TOLL_FREE'), capabilities: [choice('SMS', 'VOICE')], selected: tab(true) }],
      countries: cursorIn('array'),
    };
    const snippet = toSnippet(value);
    assert.equal(
      snippet,
      [
        '{',
        '\t"name": "${1:My provider}",',
        '\t"authentication": {',
        '\t\t"method": "BASIC",',
        '\t\t"username": "${2:user}",',
        '\t\t"password": "{{gatewayPassword\\}\\}"',
        '\t},',
        '\t"requests": [',
        '\t\t{',
        '\t\t\t"url": "${3:https://x.example/sms}",',
        '\t\t\t"method": "${4|POST,GET|}",',
        '\t\t\t"headers": {$5}',
        '\t\t}',
        '\t],',
        '\t"numbers": [',
        '\t\t{',
        '\t\t\t"type": "${6|PHONE_NUMBER,TOLL_FREE|}",',
        '\t\t\t"capabilities": ["${7|SMS,VOICE|}"],',
        '\t\t\t"selected": ${8:true}',
        '\t\t}',
        '\t],',
        '\t"countries": [$9]',
        '}',
      ].join('\n'),
    );
    assertRoundTrip(value, 'nested');
    assert.deepEqual(plainValue(value), {
      name: 'My provider',
      authentication: { method: 'BASIC', username: 'user', password: '{{gatewayPassword}}' },
      requests: [{ url: 'https://x.example/sms', method: 'POST', headers: {} }],
      numbers: [{ type: 'PHONE_NUMBER', capabilities: ['SMS'], selected: true }],
      countries: [],
    });
  });

  it('parts concatenate; an empty tab stop before a digit is written ${n}', () => {
    const parts = [literal('"a"'), syntax(': '), ...json(tab()), syntax(', '), { kind: 'tab' as const, text: '' }, literal('2')];
    assert.equal(snippetText(parts), '"a": "$1", ${2}2');
    assert.equal(plainText(parts), '"a": "", 2');
    assert.equal(snippetToPlain(snippetText(parts)), plainText(parts));
  });

  it('a value indented for the line it starts on', () => {
    assert.equal(toPlainText([{ a: 1 }]), '[\n\t{\n\t\t"a": 1\n\t}\n]');
    assert.equal(plainText(json({ a: [1, 'x'] }, '\t')), '{\n\t\t"a": [1, "x"]\n\t}');
  });
});

describe('snippet renderer: round trip', () => {
  it('every insertValue of the model', () => {
    const values = modelInsertValues();
    assert.ok(values.length > 15, `found ${values.length}`);
    for (const { path, value } of values) assertRoundTrip(value, path);
  });

  it('every template', () => {
    for (const t of TEMPLATES) {
      assertRoundTrip(t.body, t.prefix);
      assert.ok(tabStops(toSnippet(t.body)).length > 0, `${t.prefix} has tab stops`);
    }
  });

  it('random values with $ } \\ , | " { in strings, keys, defaults and choices', () => {
    const str = fc.string({ unit: fc.constantFrom('a', '$', '}', '{', '\\', ',', '|', '"', '1', ':', ' ', '\n', 'é'), maxLength: 8 });
    const scalar: fc.Arbitrary<InsertValue> = fc.oneof(
      str,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      str.map((s) => tab(s)),
      fc.boolean().map((b) => tab(b)),
      fc.array(str, { minLength: 1, maxLength: 3 }).map((o) => choice(...(o as [string, ...string[]]))),
      fc.constantFrom(cursorIn('array'), cursorIn('object')),
    );
    const value = fc.letrec<{ v: InsertValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(str, tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => assertRoundTrip(v, 'random')),
      { numRuns: 500 },
    );
  });
});
