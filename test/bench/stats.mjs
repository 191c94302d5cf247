// Statistics of the benchmark: a seeded PRNG, median and percentiles, and a paired bootstrap of the
// ratio of medians (the samples of two servers are interleaved, so sample i of each was taken at
// about the same moment and shares its noise).

/** mulberry32: small, fast, deterministic; returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Linear-interpolated percentile (p in [0, 100]) of numbers; NaN for an empty list. */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values) => percentile(values, 50);

export function summarize(values) {
  return { n: values.length, median: median(values), p95: percentile(values, 95), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Ratio of medians a/b with a bootstrap 95% interval. `paired`: a[i] and b[i] were taken together,
 * so indices are resampled jointly; otherwise each side is resampled on its own.
 */
export function bootstrapRatio(a, b, { iterations = 2000, seed = 1, paired = true } = {}) {
  const ratio = median(a) / median(b);
  const rnd = prng(seed);
  const ratios = new Float64Array(iterations);
  const n = Math.min(a.length, b.length);
  const ra = new Array(paired ? n : a.length);
  const rb = new Array(paired ? n : b.length);
  for (let k = 0; k < iterations; k++) {
    if (paired) {
      for (let i = 0; i < n; i++) {
        const j = Math.floor(rnd() * n);
        ra[i] = a[j];
        rb[i] = b[j];
      }
    } else {
      for (let i = 0; i < a.length; i++) ra[i] = a[Math.floor(rnd() * a.length)];
      for (let i = 0; i < b.length; i++) rb[i] = b[Math.floor(rnd() * b.length)];
    }
    ratios[k] = median(ra) / median(rb);
  }
  const list = Array.from(ratios);
  return { ratio, low: percentile(list, 2.5), high: percentile(list, 97.5), iterations, paired };
}

/**
 * Growth of the per-KB cost between two sizes: (median(big)/kbBig) / (median(small)/kbSmall), with
 * an unpaired bootstrap interval (the samples of two sizes were not taken together).
 */
export function bootstrapGrowth(small, kbSmall, big, kbBig, options = {}) {
  const scale = kbSmall / kbBig;
  const r = bootstrapRatio(big, small, { ...options, paired: false });
  return { ratio: r.ratio * scale, low: r.low * scale, high: r.high * scale, iterations: r.iterations, paired: false };
}
