/**
 * Secret placement while typing walks only the parts of a document whose text can hold a
 * placeholder (`documentPlacements` in server/src/service/rules/placement.ts). What it finds must be
 * exactly what the model's walk of the whole value finds (`secretPlacements`), in the same order:
 * on documents with placeholders written plainly, escaped (`\\{{`), through `\u` escapes, through an
 * invalid escape that the recovering parser drops, with repeated keys, comments and broken syntax.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from '../../../server/src/service/parse';
import { documentPlacements } from '../../../server/src/service/rules/placement';
import { secretPlacements } from '../../../server/src/model/secretPlacement';
import { createPhoneDeliveryService } from '../../../server/src/service';
import { doc } from '../../support/markers';
import { runProperty } from '../fuzz/harness';

/** Raw JSON string contents (between the quotes). */
const STRINGS = [
  'plain',
  '+14155550100',
  '{{apiToken}}',
  '\\\\{{apiToken}}', // a literal \{{apiToken}}
  '\\u007b\\u007bapiToken}}', // {{apiToken}} written with escapes
  '{\\u007bclientSecret}}',
  '{\\x{apiToken}}', // an invalid escape: the recovering parser drops it, leaving {{apiToken}}
  'https://{{password}}.example/s?to=${to}&k={{apiKey}}&q={{query}}',
  '{\\"token\\":\\"{{apiToken}}\\",\\"to\\":\\"${to}\\"}',
  'a\\"b',
];
const KEYS = ['requests', 'numbers', 'name', 'authentication', 'url', 'body', 'headers', 'X-Api-Key', 'password', '7', '__proto__'];

const stringArb = fc.constantFrom(...STRINGS).map((s) => `"${s}"`);
const keyArb = fc.constantFrom(...KEYS);
const objectOf = (value: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(keyArb, value), { maxLength: 4 }).map((props) => `{${props.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`);
const itemArb = fc.oneof(stringArb, objectOf(fc.oneof(stringArb, objectOf(stringArb))));
const arrayArb = fc.array(itemArb, { maxLength: 6 }).map((items) => `[${items.join(', ')}]`);
const valueArb = fc.oneof(stringArb, arrayArb, objectOf(fc.oneof(stringArb, arrayArb)));

/** A top-level object, sometimes with a comment, a trailing comma or its end cut off (jsonc-parser's recovery). */
const documentArb = fc
  .tuple(fc.array(fc.tuple(keyArb, valueArb), { maxLength: 6 }), fc.constantFrom('none', 'comment', 'trailing-comma', 'cut'), fc.nat())
  .map(([props, noise, at]) => {
    const body = props.map(([k, v]) => `"${k}": ${v}`);
    if (noise === 'comment') body.splice(at % (body.length + 1), 0, '/* {{apiToken}} */ "c": "x"');
    const text = `{${body.join(',\n')}${noise === 'trailing-comma' ? ',' : ''}}`;
    return noise === 'cut' ? text.slice(0, text.length - (at % Math.min(text.length, 20))) : text;
  });

describe('secret placement: the walk that skips text without placeholders', () => {
  it('finds what the walk of the whole value finds, in the same order', () => {
    let withPlacements = 0;
    let recovered = 0;
    runProperty(
      'document placements',
      fc.property(documentArb, (text) => {
        const parsed = parseDocument(text);
        if (!parsed.root) return;
        if (parsed.problems.length) recovered++;
        const expected = secretPlacements(parsed.value);
        if (expected.length) withPlacements++;
        assert.deepEqual(documentPlacements(parsed.root, parsed.value, text), expected);
      }),
      { numRuns: 1500, timeLimitMs: 20_000 },
    );
    assert.ok(withPlacements > 300, `only ${withPlacements} documents had placeholders`);
    assert.ok(recovered > 100, `only ${recovered} documents took the recovering parser`);
  });

  it('a misplaced secret inside a long array’s item is reported, written plainly or with escapes', () => {
    const service = createPhoneDeliveryService();
    for (const [url, at] of [
      ['https://{{apiToken}}.example/s?to=${to}&m=${message}', '{{apiToken}}'],
      ['https://\\u007b{apiToken}}.example/s?to=${to}&m=${message}', '\\u007b{apiToken}}'],
    ]) {
      const text = `{"name":"n","provider":"CUSTOM_PROVIDER","authentication":{"method":"BEARER","authToken":"{{gatewayAuthToken}}"},"numbers":[{"type":"PHONE_NUMBER","number":"+14155550100","capabilities":["SMS"]}],"requests":[{"deliveryMethod":"SMS","url":"https://a.example/s?to=\${to}&m=\${message}","method":"GET","phoneNumberFormat":"FULL"},{"deliveryMethod":"VOICE","url":"${url}","method":"GET","phoneNumberFormat":"FULL"}]}`;
      const document = doc(text);
      const d = service.validate(document, service.parse(document)).filter((x) => x.code === 'secret-placeholder-misplaced');
      assert.equal(d.length, 1, `${url}: ${JSON.stringify(d)}`);
      const start = document.offsetAt(d[0].range.start);
      assert.equal(text.slice(start, document.offsetAt(d[0].range.end)), at);
      assert.match(d[0].message, /requests\[1\]\.url/);
    }
  });
});
