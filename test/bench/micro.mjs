// In-process timing of small operations, for the scripts that weigh a hand-written part against the
// library it stands in for (textDocument.mjs, jsonc.mjs): each operation is repeated in batches of
// about `batchMs`, the batches of the compared operations are interleaved round by round, and the
// median per operation is reported.
import { performance } from 'node:perf_hooks';
import { median, percentile } from './stats.mjs';

/** Milliseconds on `clock`: 'cpu' (the process's CPU time, steadier on a busy machine) or 'wall'. */
export function clockOf(clock) {
  if (clock === 'wall') return () => performance.now();
  if (clock === 'cpu')
    return () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
  throw new Error(`clock ${clock}: cpu or wall`);
}

/**
 * Times each of `ops` (functions of the run index) `rounds` times, interleaved; returns, per op,
 * the median and the 90th percentile in microseconds per run.
 */
export function compare(ops, { rounds, batchMs, clock }) {
  const now = clockOf(clock);
  const batch = (op, n) => {
    const start = now();
    for (let i = 0; i < n; i++) op(i);
    return ((now() - start) * 1000) / n;
  };
  const calibrate = (op) => {
    for (let n = 1; ; n *= 4) {
      const start = now();
      for (let i = 0; i < n; i++) op(i);
      const ms = now() - start;
      if (ms >= batchMs / 4 || n >= 1 << 20) return Math.max(1, Math.round((n * batchMs) / Math.max(ms, 1e-3)));
    }
  };
  const sizes = ops.map((op) => {
    for (let i = 0; i < 3; i++) batch(op, calibrate(op)); // warm-up
    return calibrate(op);
  });
  const samples = ops.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Each round starts with a different op.
    for (let k = 0; k < ops.length; k++) {
      const j = (r + k) % ops.length;
      samples[j].push(batch(ops[j], sizes[j]));
    }
  }
  return samples.map((s) => ({ median: median(s), p90: percentile(s, 90) }));
}

/** Microseconds for a table: three significant digits or so. */
export const fmt = (us) => (us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2));
