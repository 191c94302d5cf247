/**
 * Running fast-check properties in CI: a logged seed that `FUZZ_SEED` replays (with `FUZZ_PATH`,
 * the exact counterexample), `FUZZ_RUNS_SCALE` to run more (or fewer) cases, a time limit per
 * property as a safety net, and a count of the cases each property actually ran.
 */
import fc from 'fast-check';

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name}=${raw} is not a number`);
  return n;
}

/** A replay of one seed (and maybe one path) is not a full run: the case count is not checked. */
export const REPLAY_SEED = envNumber('FUZZ_SEED');
export const REPLAY_PATH = process.env.FUZZ_PATH?.trim() || undefined;
/** Only the property of this name runs (a path belongs to one property). */
export const ONLY_PROPERTY = process.env.FUZZ_PROPERTY?.trim() || undefined;
export const RUNS_SCALE = envNumber('FUZZ_RUNS_SCALE') ?? 1;
if (!(RUNS_SCALE > 0)) throw new Error(`FUZZ_RUNS_SCALE must be positive, not ${RUNS_SCALE}`);

/** One seed for the whole suite, logged up front so that a failure can always be replayed. */
export const SEED = REPLAY_SEED !== undefined ? REPLAY_SEED | 0 : (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;

export interface PropertyRun {
  name: string;
  numRuns: number;
  planned: number;
  interrupted: boolean;
  ms: number;
}

/** What every property ran, in order (read by the summary test). */
export const RUNS: PropertyRun[] = [];

export interface RunOptions {
  /** Cases at FUZZ_RUNS_SCALE=1. */
  numRuns: number;
  /** The safety net at FUZZ_RUNS_SCALE=1 (scaled like the runs): the property stops there, and says so. */
  timeLimitMs: number;
}

/**
 * Checks the property (`fc.check`, so that the number of cases run is known), logs that number,
 * and on failure throws fast-check's report with the line that replays it.
 */
export function runProperty<Ts>(name: string, property: fc.IProperty<Ts>, options: RunOptions): PropertyRun | undefined {
  if (ONLY_PROPERTY !== undefined && ONLY_PROPERTY !== name) {
    console.log(`[fuzz] ${name}: skipped (FUZZ_PROPERTY=${ONLY_PROPERTY})`);
    return undefined;
  }
  const planned = Math.max(1, Math.round(options.numRuns * RUNS_SCALE));
  const started = process.hrtime.bigint();
  const details = fc.check(property, {
    seed: SEED,
    path: REPLAY_PATH,
    numRuns: planned,
    interruptAfterTimeLimit: Math.round(options.timeLimitMs * Math.max(1, RUNS_SCALE)),
    markInterruptAsFailure: false,
    endOnFailure: false,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const run: PropertyRun = { name, numRuns: details.numRuns, planned, interrupted: details.interrupted, ms };
  RUNS.push(run);
  const note = details.interrupted ? ` (INTERRUPTED by the ${options.timeLimitMs} ms safety net: planned ${planned})` : '';
  console.log(`[fuzz] ${name}: ${details.numRuns} cases in ${(ms / 1000).toFixed(1)} s${note}`);
  if (details.failed) {
    const report = fc.defaultReportMessage(details) ?? 'failed';
    const cause =
      details.errorInstance instanceof Error
        ? (details.errorInstance.stack ?? details.errorInstance.message)
        : String(details.errorInstance);
    throw new Error(
      `${report}\n\nError: ${cause}\n\n` +
        `Replay this failure: FUZZ_SEED=${details.seed} FUZZ_PROPERTY="${name}" FUZZ_PATH="${details.counterexamplePath ?? ''}" node --test out/test/unit/fuzz/\n` +
        `(or the whole run: FUZZ_SEED=${details.seed} node --test out/test/unit/fuzz/)`,
    );
  }
  return run;
}
