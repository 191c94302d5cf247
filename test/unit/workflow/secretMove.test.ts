/** The arguments of "Move the secret into secret storage", as the extension checks them (server/src/workflow/secretMove.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { literalSecretValue, secretMoveRequest } from '../../../server/src/workflow/secretMove';

const RANGE = { start: { line: 0, character: 5 }, end: { line: 0, character: 12 } };
const MOVE = { uri: 'file:///a.json', version: 3, range: RANGE, literal: 'json-string' };

describe('secret move requests', () => {
  it('a well-formed request: the replacement is made here, quoted for a whole string', () => {
    assert.deepEqual(secretMoveRequest('gatewayAuthToken', MOVE), {
      name: 'gatewayAuthToken',
      uri: 'file:///a.json',
      version: 3,
      range: RANGE,
      literal: 'json-string',
      replacement: '"{{gatewayAuthToken}}"',
    });
    assert.equal(secretMoveRequest('apikey', { ...MOVE, literal: 'json-string-content' })?.replacement, '{{apikey}}');
  });

  it('anything else is refused: a bad name, a missing or odd field, a text to put in (it is not taken from outside)', () => {
    for (const [name, move] of [
      [undefined, MOVE],
      ['', MOVE],
      ['a b', MOVE],
      ['x}}{{y', MOVE],
      ['ok', null],
      ['ok', 'move'],
      ['ok', { ...MOVE, uri: 1 }],
      ['ok', { ...MOVE, version: 1.5 }],
      ['ok', { ...MOVE, range: { start: RANGE.start } }],
      ['ok', { ...MOVE, range: { start: { line: -1, character: 0 }, end: RANGE.end } }],
      ['ok', { ...MOVE, literal: 'raw' }],
    ] as [unknown, unknown][])
      assert.equal(secretMoveRequest(name, move), undefined, JSON.stringify([name, move]));
    assert.equal(secretMoveRequest('ok', { ...MOVE, replacement: 'evil' })?.replacement, '"{{ok}}"');
  });

  it('the value as the document holds it: decoded, or nothing when the text there is not that literal', () => {
    assert.equal(literalSecretValue('"s3cr\\u0065t\\"x"', 'json-string'), 's3cret"x');
    assert.equal(literalSecretValue('ab\\/c%2F', 'json-string-content'), 'ab/c%2F');
    for (const [raw, literal] of [
      ['"unclosed', 'json-string'],
      ['plain', 'json-string'],
      ['"  "', 'json-string'],
      ['a"b', 'json-string-content'],
      ['bad\\q', 'json-string-content'],
      ['', 'json-string-content'],
    ] as const)
      assert.equal(literalSecretValue(raw, literal), undefined, raw);
  });
});
