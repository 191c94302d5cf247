/**
 * One syntax error, one problem (issue 14, item 5): schema and rule findings only where the tree is
 * the text's own, not jsonc-parser's guess; the syntax error said once, at its cause.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPhoneDeliveryService, type Diagnostic } from '../../../server/src/service';
import { doc } from '../../support/markers';
import { FIXTURES } from '../../support/fixtures';
import { assertLinear, growthRatio } from '../hostile/growth';

const service = createPhoneDeliveryService();

function diagnose(text: string): { d: Diagnostic[]; at: (x: Diagnostic) => string } {
  const document = doc(text);
  const d = service.validate(document, service.parse(document));
  return { d, at: (x) => text.slice(document.offsetAt(x.range.start), document.offsetAt(x.range.end)) };
}

const codes = (d: Diagnostic[]): string[] => d.map((x) => String(x.code));
const FULL = readFileSync(join(FIXTURES, 'real-world', 'tf-acc-custom-full.json'), 'utf8');
const VALID = readFileSync(join(FIXTURES, 'valid', 'custom-basic-get.json'), 'utf8');

describe('a syntax error brings no cascade', () => {
  it('a missing "]": one problem, at the key the array swallowed; the finding of the intact authentication before it stays', () => {
    // Terraform's acceptance test body with the "]" of numbers[0].capabilities deleted.
    const at = FULL.indexOf('"SMS"\n      ],') + '"SMS"\n      '.length;
    const text = FULL.slice(0, at) + FULL.slice(at + 1);
    const { d, at: where } = diagnose(text);
    const syntax = d.filter((x) => x.code === 'invalid-json');
    assert.equal(syntax.length, 1, d.map((x) => x.message).join('\n'));
    assert.equal(where(syntax[0]), '"number"');
    assert.match(syntax[0].message, /closing bracket `\]` is expected before "number"/);
    // Nothing of the guess: no '"number" is not a valid item of "capabilities"', no missing "number".
    assert.deepEqual(
      d.filter((x) => x.code !== 'invalid-json').map((x) => `${String(x.code)} ${where(x)}`),
      ['literal-secret "initialpassword"'],
    );
  });

  it('an unclosed string: no "Missing required property provider" though it is on the next line', () => {
    const text =
      '{\n  "name: "Integration gateway",\n  "provider": "CUSTOM_PROVIDER",\n  "authentication": { "method": "BEARER", "authToken": "{{t}}" }\n}';
    const { d } = diagnose(text);
    assert.deepEqual(codes(d), ['invalid-json'], d.map((x) => x.message).join('\n'));
  });

  it('an unclosed string value: the error once, not the comma it swallowed on the next line, nor its enum error', () => {
    const text = VALID.replace('"CUSTOM_PROVIDER"', '"CUSTOM_PROVIDER');
    assert.notEqual(text, VALID);
    const { d } = diagnose(text);
    assert.deepEqual(
      d.map((x) => x.message),
      ['The string is not closed.'],
    );
  });

  it('a missing "}": one problem at the "]" that came too early', () => {
    const text = '{\n  "provider": "CUSTOM_PROVIDER",\n  "requests": [\n    { "deliveryMethod": "SMS", "method": "GET"\n  ]\n}';
    const { d, at } = diagnose(text);
    assert.equal(d.length, 1, d.map((x) => x.message).join('\n'));
    assert.equal(at(d[0]), ']');
    assert.match(d[0].message, /closing brace `\}` is expected before this `\]`/);
  });

  it('a missing comma: the syntax error, and no finding about the object it is in', () => {
    const text = VALID.replace('"method": "GET",', '"method": "GET"');
    assert.notEqual(text, VALID);
    const { d } = diagnose(text);
    assert.deepEqual(codes(d), ['invalid-json']);
  });

  it('keeps findings of the subtrees that closed before the error, drops those of the object that holds it', () => {
    const text =
      '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "n",\n  "authentication": { "method": "BASIC", "username": "u", "password": "hunter2-literal" },\n' +
      '  "requests": [\n    { "deliveryMethod": "Voice", "url": "https://api.my-sms-gateway.com/v?to=${to}&m=${message}", "method": "GET", "phoneNumberFormat": "FULL" },\n' +
      '    { "deliveryMethod": "SMS" "url": "x" }\n  ]\n}';
    const { d, at } = diagnose(text);
    assert.deepEqual(
      d.map((x) => `${String(x.code)} ${at(x)}`),
      ['literal-secret "hunter2-literal"', 'invalid-value "Voice"', 'invalid-json "url"'],
    );
  });

  it('a document cut off at the end: no missing property of the unclosed objects, the closed ones still checked', () => {
    const text = '{\n  "provider": "CUSTOM_PROVIDER",\n  "authentication": { "method": "BASIC", "username": "u" },\n  "requests": [';
    const { d, at } = diagnose(text);
    assert.deepEqual(
      d.map((x) => `${String(x.code)} ${at(x)}`),
      ['missing-property "authentication"', 'invalid-json '],
    );
    assert.match(d[0].message, /"password"/);
  });

  it('comments and trailing commas are no damage: everything is checked as before', () => {
    const text = '{\n  // a note\n  "provider": "CUSTOM_TWILIO",\n  "authToken": "{{t}}",\n}';
    assert.deepEqual(codes(diagnose(text).d).sort(), ['comment-not-allowed', 'missing-property', 'trailing-comma']);
  });

  it('two errors on separate lines are both reported; echoes on one line are not', () => {
    const text = '{\n  "provider": "CUSTOM_TWILIO" "sid": "x" "authToken": "{{t}}",\n  "name": "a" "b"\n}';
    const { d } = diagnose(text);
    const lines = d.filter((x) => x.code === 'invalid-json').map((x) => x.range.start.line);
    assert.deepEqual(lines, [1, 2]);
  });

  it('linear time: a line of thousands of syntax errors, and thousands of findings after the first error', () => {
    const count = (text: string): number => diagnose(text).d.length;
    assertLinear(
      growthRatio((n) => '{"provider": "CUSTOM_PROVIDER", ' + '"a" "b" : , '.repeat(n) + '}', count, 2_000),
      'syntax errors on one line',
    );
    assertLinear(
      growthRatio(
        (n) =>
          '{"provider": "CUSTOM_PROVIDER", "numbers": [' +
          '{"type": "MOBILE", "number": "1"},\n'.repeat(n) +
          '{"type": "PHONE_NUMBER" "number": "2"}]}',
        count,
        2_000,
      ),
      'findings before a late error',
    );
  });
});
