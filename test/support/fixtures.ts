/** The fixture corpus: valid bodies per provider and method, invalid bodies per rule. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

export function fixtureFiles(kind: 'valid' | 'invalid'): { name: string; text: string }[] {
  const dir = join(FIXTURES, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export interface ExpectedDiagnostic {
  code: string;
  /** The text the diagnostic's range covers (its `nth` occurrence, 1-based). */
  at: string;
  nth?: number;
  /** Only the first `length` characters of `at`. */
  length?: number;
}

export function expectedInvalid(): Record<string, ExpectedDiagnostic[]> {
  return JSON.parse(readFileSync(join(FIXTURES, 'invalid.expected.json'), 'utf8'));
}

export function offsetOf(text: string, at: string, nth = 1): number {
  let i = -1;
  for (let n = 0; n < nth; n++) {
    i = text.indexOf(at, i + 1);
    if (i < 0) throw new Error(`"${at}" (occurrence ${nth}) not found in fixture`);
  }
  return i;
}
