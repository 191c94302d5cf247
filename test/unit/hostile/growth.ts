/**
 * Linear-time checks without wall-clock bounds: the cost of an input and of the same input doubled
 * are compared. Linear work gives a ratio near 2, quadratic near 4, exponential far more; the
 * assertion is `ratio < 3`. Each size is run a few times and the fastest run counts (noise from
 * the machine only ever adds time), after a warm-up run of both sizes.
 */
import assert from 'node:assert/strict';

function fastest(run: () => void, times: number): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Below this the timer and the machine's noise weigh too much: the input is doubled until a run takes longer. */
const MIN_RUN_MS = 25;

/**
 * The time of `work(2n)` over that of `work(n)`; `work` builds nothing itself (inputs come from `make`).
 * `n` grows (up to 256 times) while a run of it is too short to measure. The two sizes are run in
 * turn, so that a busy machine slows both alike; the fastest run of each counts, and of up to three
 * such measurements the smallest ratio (noise only ever adds time, so a quadratic cost cannot
 * measure below 3 while a linear one will).
 */
export function growthRatio<T>(make: (n: number) => T, work: (input: T) => unknown, n: number, times = 3): number {
  let size = n;
  let small = make(size);
  work(small);
  while (fastest(() => work(small), 1) < MIN_RUN_MS && size < 256 * n) {
    size *= 2;
    small = make(size);
    work(small);
  }
  const large = make(2 * size);
  work(large);
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio >= 3; attempt++) {
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < times; i++) {
      a = Math.min(
        a,
        fastest(() => work(small), 1),
      );
      b = Math.min(
        b,
        fastest(() => work(large), 1),
      );
    }
    ratio = Math.min(ratio, b / Math.max(a, 0.05));
  }
  return ratio;
}

/** Async `growthRatio` (requests over loopback). */
export async function growthRatioAsync<T>(
  make: (n: number) => T,
  work: (input: T) => Promise<unknown>,
  n: number,
  times = 3,
): Promise<number> {
  const small = make(n);
  const large = make(2 * n);
  await work(small);
  await work(large);
  const best = async (input: T): Promise<number> => {
    let min = Infinity;
    for (let i = 0; i < times; i++) {
      const t = performance.now();
      await work(input);
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  const a = await best(small);
  const b = await best(large);
  return b / Math.max(a, 0.05);
}

export function assertLinear(ratio: number, what: string): void {
  assert.ok(ratio < 3, `${what}: doubling the input multiplied the time by ${ratio.toFixed(2)} (linear ≈ 2, quadratic ≈ 4)`);
}
