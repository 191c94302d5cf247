/**
 * `locationAt` (completeContext.ts) scans only the innermost object or array around the cursor; it
 * must answer exactly what jsonc-parser's `getLocation` (a scan from the start) answers, at every
 * offset of every fixture that parses without a syntax error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLocation, type Location } from 'jsonc-parser';
import { locationAt } from '../../../server/src/service/completeContext';
import { parseDocument } from '../../../server/src/service/parse';
import { fixtureFiles } from '../../support/fixtures';

const shown = (l: Location) =>
  JSON.stringify({ path: l.path, prev: l.previousNode && { ...l.previousNode, parent: undefined }, key: l.isAtPropertyKey });

describe('locationAt', () => {
  const texts = [...fixtureFiles('valid'), ...fixtureFiles('invalid')].map((f) => ({ name: f.name, text: f.text }));
  texts.push({
    name: 'comments and nesting',
    text: '{\n  // c\n  "a": [1, {"b": [true, null, "x"]}, [[]]], /* d */ "e": {"f": {"g": 1}},\n}',
  });
  let compared = 0;
  for (const { name, text } of texts) {
    const parsed = parseDocument(text);
    if (!parsed.root || parsed.problems.some((p) => p.code === 'invalid-json')) continue;
    it(`${name}: every offset`, () => {
      for (let offset = 0; offset <= text.length; offset++) {
        assert.equal(shown(locationAt(text, offset, parsed.root)), shown(getLocation(text, offset)), `${name} at ${offset}`);
        const patterns = [
          ['requests', '*', 'url'],
          ['**', 'number'],
          ['numbers', 0],
        ];
        for (const p of patterns) assert.equal(locationAt(text, offset, parsed.root).matches(p), getLocation(text, offset).matches(p));
        compared++;
      }
    });
  }
  it('compared many offsets', () => assert.ok(compared > 1000, String(compared)));
});
