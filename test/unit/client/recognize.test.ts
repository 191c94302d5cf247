/**
 * `pingone.files.patterns` (client/src/recognize.ts): what a pattern matches, and that matching takes
 * time linear in the path's length whatever the pattern (a workspace's settings choose the patterns;
 * the hand-written glob-to-RegExp translation backtracked: a 37-character name took seconds).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchesPattern } from '../../../client/src/recognize';

describe('pingone.files.patterns: what matches', () => {
  const cases: [path: string, pattern: string, matches: boolean][] = [
    ['/w/a.phone-delivery.json', '*.phone-delivery.json', true],
    ['/w/deep/er/a.phone-delivery.json', '*.phone-delivery.json', true],
    ['/w/.hidden.phone-delivery.json', '*.phone-delivery.json', true],
    ['/w/a.json', '*.phone-delivery.json', false],
    ['/w/a.phone-delivery.json.bak', '*.phone-delivery.json', false],
    ['/w/dir/a.json', 'dir/*.json', true],
    ['/w/mydir/a.json', 'dir/*.json', false],
    ['/w/dir/sub/a.json', 'dir/*.json', false],
    ['/w/dir/sub/a.json', 'dir/**/*.json', true],
    ['/w/dir/a.json', 'dir/**/*.json', true],
    ['/w/x/y.json', '**/x/*.json', true],
    ['/w/.config/y.json', '.config/*.json', true],
    ['C:\\w\\dir\\a.json', 'dir/*.json', true],
    ['/w/a1.json', 'a?.json', true],
    ['/w/a12.json', 'a?.json', false],
    ['/w/a1.json', 'a[0-9].json', true],
    // Plain characters: braces, extglobs, negation.
    ['/w/a{b,c}.json', 'a{b,c}.json', true],
    ['/w/ab.json', 'a{b,c}.json', false],
    ['/w/+(a).json', '+(a).json', true],
    ['/w/a.json', '+(a).json', false],
    ['/w/b.json', '!a.json', false],
    ['/w/a.json', '', false],
  ];
  for (const [path, pattern, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesPattern(path, pattern), expected);
    });
  }

  it('a pattern too long to compile matches nothing (and does not throw)', () => {
    assert.equal(matchesPattern('/w/a.json', '*'.repeat(70_000)), false);
  });
});

/** The best of 5 runs of `reps` calls of `fn`, in ms; gives up (Infinity) once a run exceeds `limitMs`. */
function bestOf(fn: () => void, reps: number, limitMs = Infinity): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) {
      fn();
      if (Number(process.hrtime.bigint() - start) / 1e6 > limitMs) return Infinity;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/**
 * Compares the time at `n` with the time at `2n`, with a wide margin: linear time doubles, exponential
 * (or high-polynomial) time explodes. No wall-clock limit is asserted: only the ratio of the two.
 * The run at `2n` stops as soon as it takes MAX_RATIO times the run at `n` (the old code would
 * otherwise run for minutes). Three tries, since a busy machine can only slow one run down.
 */
const MAX_RATIO = 8;
function assertLinear(what: string, at: (n: number) => () => void, n: number): void {
  const ratios: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const small = at(n);
    let reps = 1;
    while (bestOf(small, reps) < 10 && reps < 1 << 20) reps *= 2;
    const t1 = bestOf(small, reps);
    const t2 = bestOf(at(2 * n), reps, MAX_RATIO * t1);
    ratios.push(t2 / t1);
    if (t2 / t1 < MAX_RATIO) return;
  }
  assert.fail(
    `${what}: doubling the input multiplied the time by ${ratios.map((r) => (Number.isFinite(r) ? r.toFixed(1) : `more than ${MAX_RATIO}`)).join(', ')}`,
  );
}

describe('pingone.files.patterns: matching is linear in the path, whatever the pattern', () => {
  // Stars separated by one character, and a name that nearly matches: the shape that made the RegExp backtrack.
  const STARS = '*a*a*a*a*a*a*a*a*b';
  const name = (n: number) => () => matchesPattern(`/w/${'a'.repeat(n)}`, STARS);
  // The short names first: there the old code still ends (in about a second); the long ones only after them.
  it(`${STARS} against a name of 16 → 32 characters, then 2,000 → 4,000`, () => {
    assertLinear(STARS, name, 16);
    assertLinear(STARS, name, 2000);
  });
  const RUN = '*'.repeat(30) + '.json';
  it('30 stars in a row against a name of 10 → 20 characters, then 2,000 → 4,000', () => {
    const run = (n: number) => () => matchesPattern(`/w/${'a'.repeat(n)}`, RUN);
    assertLinear(RUN, run, 10);
    assertLinear(RUN, run, 2000);
  });
  const GLOBSTARS = '**/a/**/a/**/a/**/c/**/b';
  it(`${GLOBSTARS} against a path of 500 → 1,000 segments`, () => {
    assertLinear(GLOBSTARS, (n) => () => matchesPattern(`/${Array(n).fill('a').join('/')}/b`, GLOBSTARS), 500);
  });
});
