/**
 * Bodies from sources this project did not write (PingOne's docs, its Postman collection, the
 * Terraform provider's examples and acceptance tests; test/fixtures/real-world/SOURCES.md): those
 * their source presents as correct get no error, and exactly the recorded diagnostics; those their
 * source says are wrong get exactly the expected diagnostic at the field.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPhoneDeliveryService } from '../../../server/src/service';
import { doc } from '../../support/markers';
import { FIXTURES, offsetOf, type ExpectedDiagnostic } from '../../support/fixtures';

const service = createPhoneDeliveryService();
const DIR = join(FIXTURES, 'real-world');
const SEVERITY = ['error', 'warning', 'information', 'hint'];

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('expected.json'))
    .sort();

interface Recorded extends ExpectedDiagnostic {
  severity: string;
}

function diagnosticsOf(text: string): { code: string; start: number; end: number; severity: string; message: string }[] {
  const document = doc(text);
  return service.validate(document, service.parse(document)).map((d) => ({
    code: String(d.code),
    start: document.offsetAt(d.range.start),
    end: document.offsetAt(d.range.end),
    severity: SEVERITY[(d.severity ?? 1) - 1],
    message: d.message,
  }));
}

const key = (x: { code: string; start: number; end: number; severity?: string }): string =>
  `${x.code}${x.severity ? `(${x.severity})` : ''}@${x.start}-${x.end}`;

describe('real-world bodies their source presents as correct', () => {
  const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { diagnostics: Recorded[] }>;
  const files = jsonFiles(DIR);
  it('every file has an expectation, and every expectation a file', () => {
    assert.deepEqual(files, Object.keys(expected).sort());
  });
  for (const name of files) {
    it(`${name}: no error, and exactly the recorded diagnostics`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const got = diagnosticsOf(text);
      assert.deepEqual(
        got.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`),
        [],
      );
      const want = expected[name].diagnostics.map((w) => {
        const start = offsetOf(text, w.at, w.nth);
        return { code: w.code, start, end: start + (w.length ?? w.at.length), severity: w.severity };
      });
      assert.deepEqual(got.map(key).sort(), want.map(key).sort(), got.map((d) => d.message).join('\n'));
    });
  }
});

describe('real-world bodies their source says are wrong', () => {
  const expected = JSON.parse(readFileSync(join(DIR, 'invalid.expected.json'), 'utf8')) as Record<string, ExpectedDiagnostic[]>;
  const files = jsonFiles(join(DIR, 'invalid'));
  it('every file has an expectation', () => assert.deepEqual(files, Object.keys(expected).sort()));
  for (const name of files) {
    it(`invalid/${name}: exactly the expected diagnostics, at the field`, () => {
      const text = readFileSync(join(DIR, 'invalid', name), 'utf8');
      const got = diagnosticsOf(text).filter((d) => d.code !== 'openapi-required');
      const want = expected[name].map((w) => {
        const start = offsetOf(text, w.at, w.nth);
        return { code: w.code, start, end: start + (w.length ?? w.at.length) };
      });
      assert.deepEqual(
        got.map((d) => key({ ...d, severity: undefined })).sort(),
        want.map((w) => key(w)).sort(),
        got.map((d) => d.message).join('\n'),
      );
    });
  }
});
