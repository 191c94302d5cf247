/**
 * What a refusal by PingOne (a 4xx with its error envelope) tells the person, and where (issue 14:
 * the notification was a wall of text, and one cause showed up as several problems):
 *
 * - the problems to mark in the document: one per cause. PingOne may name the same target with the
 *   same code more than once; and a cause the local checker already marks at the same range with the
 *   same meaning is not marked a second time (its message stays in the response view);
 * - a short headline: "PingOne refused the update in "dev": <first cause> (and N more)".
 *
 * "The same meaning": PingOne's detail codes say what kind of problem it is. A missing value
 * (`REQUIRED_VALUE`, `EMPTY_VALUE`) means what the checker's missing-property rules mean; a value
 * PingOne does not accept (`INVALID_VALUE`, `OUT_OF_RANGE`, `CONSTRAINT_VIOLATION`) means what any of
 * its value rules means. Other codes (`UNIQUENESS_VIOLATION`, `SIZE_LIMIT_EXCEEDED`, a credential the
 * gateway refused...) say something the checker cannot know, so they are always marked. Only the
 * checker's errors count: a warning that PingOne turns into a refusal is worth the second mark.
 */
import { LOCAL_ONLY_RULES } from '../model/rules';
import type { PingOneError } from '../pingone/errors';
import { redactString } from '../pingone/redact';
import { failureHeadline, type Step } from './send';
import { targetLocator } from './targets';

/** A problem to mark in the sent document: a range, PingOne's words, its code. */
export interface RejectionProblem {
  offset: number;
  length: number;
  message: string;
  code?: string;
  target?: string;
}

/** A diagnostic the local checker shows on the document (its rule code, its range, whether it is an error). */
export interface LocalProblem {
  offset: number;
  length: number;
  code?: string;
  error: boolean;
}

const MISSING_CODES = new Set(['REQUIRED_VALUE', 'EMPTY_VALUE']);
const VALUE_CODES = new Set(['INVALID_VALUE', 'OUT_OF_RANGE', 'CONSTRAINT_VIOLATION']);
const LOCAL_MISSING = new Set(['missing-property', 'missing-on-update', 'openapi-required']);

function sameMeaning(pingoneCode: string | undefined, local: LocalProblem): boolean {
  if (!local.error || !pingoneCode || !local.code) return false;
  if (MISSING_CODES.has(pingoneCode)) return LOCAL_MISSING.has(local.code);
  if (VALUE_CODES.has(pingoneCode)) return !LOCAL_MISSING.has(local.code) && !(LOCAL_ONLY_RULES as ReadonlySet<string>).has(local.code);
  return false;
}

export interface RejectionReport {
  /** To mark in the document, one per cause, in PingOne's order. */
  problems: RejectionProblem[];
  /** Causes PingOne named that the local checker already marks (same range, same meaning). */
  alreadyMarked: RejectionProblem[];
  /** Every distinct cause, marked or not: the headline counts these. */
  causes: RejectionProblem[];
}

/**
 * The causes of `error` located in `text` (parsed once), without repeats; `local` is what the checker
 * marks now. Redacted by `secretValues`: PingOne may quote a value back.
 */
export function rejectionReport(
  text: string,
  error: Pick<PingOneError, 'details' | 'code' | 'message'>,
  local: readonly LocalProblem[],
  secretValues: readonly string[],
): RejectionReport {
  const details = error.details.length ? error.details : [{ code: error.code, message: error.message, target: undefined }];
  const locate = targetLocator(text);
  const seen = new Set<string>();
  const causes: RejectionProblem[] = [];
  for (const d of details) {
    const r = locate(d.target);
    const what = redactString(d.message ?? error.message, secretValues);
    const message = r.matched || !d.target ? what : `${what} (target: ${d.target})`;
    // One cause: the same place with the same code (or, without a code, the same words).
    const key = JSON.stringify([r.offset, r.length, d.code ?? message]);
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push({ offset: r.offset, length: r.length, message, code: d.code, target: d.target });
  }
  const problems: RejectionProblem[] = [];
  const alreadyMarked: RejectionProblem[] = [];
  for (const c of causes) {
    const marked = local.some((l) => l.offset === c.offset && l.length === c.length && sameMeaning(c.code, l));
    (marked ? alreadyMarked : problems).push(c);
  }
  return { problems, alreadyMarked, causes };
}

/** The HTTP method of an operation of a send (the response view's title uses the method, whatever failed). */
export function methodOf(step: Step): string {
  return step === 'create' ? 'POST' : step === 'update' ? 'PUT' : step === 'delete' ? 'DELETE' : 'GET';
}

/** At most this many characters of a cause go into the headline; the response view has all of it. */
const MAX_CAUSE = 160;

/**
 * `PingOne refused the update in "dev": requests[0].url: The value is not valid (and 2 more)`. The first
 * cause names its target when PingOne gave one; without any cause, PingOne's own message.
 */
export function rejectionHeadline(step: Step, envName: string, causes: readonly RejectionProblem[], fallback: string): string {
  const head = failureHeadline(step, envName);
  const first = causes[0];
  // A cause is cut (the response view has all of it); a failure without causes keeps its whole message and hints.
  const text = first ? `${first.target && !first.message.includes(first.target) ? `${first.target}: ` : ''}${first.message}` : fallback;
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = first && flat.length > MAX_CAUSE ? `${flat.slice(0, MAX_CAUSE - 1)}…` : flat;
  const more = causes.length > 1 ? ` (and ${causes.length - 1} more)` : '';
  return `${head}: ${cut.replace(/\.$/, '')}${more}.`;
}
