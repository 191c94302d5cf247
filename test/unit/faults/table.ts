// The fault matrix as data: every PingOne operation under every fault (issue 6), with what the
// person must see, how often the operation's request may be sent, and what must exist in the
// stand-in afterwards. matrix.test.ts checks each cell against the stand-in; `renderMarkdown`
// turns the same table into fault-matrix.md (the README's table).
//
// Retry rules under test (issue 3): 429 is retried for every method after Retry-After (capped by a
// setting); 5xx and network errors (timeouts and resets included) are retried with backoff for GET,
// PUT and DELETE only; a POST is never retried blindly, and a create whose answer is lost is
// resolved by comparing the list before and after; a DELETE that finds 404 after a retry reports
// "already deleted"; a 401 gets one retry with a fresh token.

import type { FaultSpec } from '../../pingone-local/server';

export const OPS = ['create', 'update', 'read', 'list', 'delete', 'token'] as const;
export type MatrixOp = (typeof OPS)[number];

/** Timings of the client under test: small, so that the whole matrix runs in seconds. */
export const TIMING = {
  clientTimeoutMs: 300,
  /** Stand-in latency above the client timeout. */
  slowMs: 600,
  retryBaseDelayMs: 5,
  /** The cap option: a `Retry-After: 1` waits only this long. */
  maxRetryAfterSeconds: 0.1,
  retryAfterSeconds: 1,
  /** Retries of the client (PingOneClient default) and of the token request (TokenCache default). */
  apiRetries: 3,
  tokenRetries: 2,
};

export type Arming =
  /** A fault of the stand-in, hitting the operation's next request. */
  | { kind: 'stand-in'; fault: Omit<FaultSpec, 'op'> }
  /** Stand-in latency on every request of the operation. */
  | { kind: 'latency'; ms: number }
  /** The operation's requests go to a port nothing listens on. */
  | { kind: 'refused' }
  /** Every token expires just before the operation's request (after the client has used its token). */
  | { kind: 'expire-token' };

export interface FaultRow {
  id: string;
  /** Row label in fault-matrix.md. */
  label: string;
  arm: Arming;
  /** Wait this long after the operation before looking at the stand-in (requests it processes late). */
  settleMs?: number;
}

export const FAULTS: FaultRow[] = [
  {
    id: 'slow-once',
    label: `latency past the timeout, once (${TIMING.slowMs} ms > ${TIMING.clientTimeoutMs} ms)`,
    // `hang`: the stand-in drops the request if the client has hung up by then.
    arm: { kind: 'stand-in', fault: { type: 'hang', delayMs: TIMING.slowMs } },
    settleMs: TIMING.slowMs,
  },
  {
    id: 'slow-always',
    label: `latency past the timeout, every request (${TIMING.slowMs} ms)`,
    // Latency: the stand-in processes every request late, even after the client gave up.
    arm: { kind: 'latency', ms: TIMING.slowMs },
    settleMs: TIMING.slowMs,
  },
  {
    id: '429',
    label: `429 with Retry-After: ${TIMING.retryAfterSeconds} (capped to ${TIMING.maxRetryAfterSeconds} s)`,
    arm: { kind: 'stand-in', fault: { type: 'rate-limit', retryAfterSeconds: TIMING.retryAfterSeconds } },
  },
  { id: '500', label: '500', arm: { kind: 'stand-in', fault: { type: 'server-error', status: 500 } } },
  { id: '502', label: '502', arm: { kind: 'stand-in', fault: { type: 'server-error', status: 502 } } },
  { id: '503', label: '503', arm: { kind: 'stand-in', fault: { type: 'server-error', status: 503 } } },
  { id: 'refused', label: 'connection refused', arm: { kind: 'refused' } },
  { id: 'reset-before', label: 'connection reset before processing', arm: { kind: 'stand-in', fault: { type: 'reset-before' } } },
  { id: 'reset-after', label: 'connection reset after processing', arm: { kind: 'stand-in', fault: { type: 'reset-after' } } },
  { id: 'malformed-json', label: 'malformed JSON (after processing)', arm: { kind: 'stand-in', fault: { type: 'malformed-json' } } },
  { id: 'truncated-json', label: 'truncated JSON (after processing)', arm: { kind: 'stand-in', fault: { type: 'truncated-json' } } },
  { id: 'html-error', label: 'HTML error page (502)', arm: { kind: 'stand-in', fault: { type: 'html-error', status: 502 } } },
  {
    id: 'huge',
    label: 'huge response, 6 MB (after processing)',
    arm: { kind: 'stand-in', fault: { type: 'huge', sizeBytes: 6 * 1024 * 1024 } },
  },
  { id: 'expired-token', label: 'token expired mid-sequence', arm: { kind: 'expire-token' } },
];

/** What the person is told. */
export type Sees = 'ok' | 'ok:already-deleted' | 'error' | 'unknown:created' | 'unknown:nothing' | 'unknown:undetermined' | 'cancelled';

/**
 * What exists afterwards: create → created | nothing-created (never duplicate); update → applied |
 * unchanged (never partial); delete → deleted | kept; read, list, token → unchanged.
 */
export type After = 'created' | 'nothing-created' | 'duplicate' | 'applied' | 'unchanged' | 'partial' | 'deleted' | 'kept' | 'changed';

export interface Expect {
  sees: Sees;
  /** Attempts of the operation's request (token column: token requests). */
  sent: number;
  /** Of those, how many reached the stand-in (default: all). */
  served?: number;
  after: After;
  /** The message must match (besides the general rules: short, one line, no HTML, no secret). */
  says?: RegExp;
  /** Short reason shown in the table after "error". */
  tag?: string;
  /** Replaces "retried ×N" in the table. */
  how?: string;
  /** Shown in parentheses after the result in the table. */
  note?: string;
}

const { apiRetries, tokenRetries } = TIMING;
const ok = (op: MatrixOp, sent = 2, extra: Partial<Expect> = {}): Expect => ({ sees: 'ok', sent, after: successState(op), ...extra });
const successState = (op: MatrixOp): After =>
  op === 'create' ? 'created' : op === 'update' ? 'applied' : op === 'delete' ? 'deleted' : 'unchanged';
const failState = (op: MatrixOp): After => (op === 'create' ? 'nothing-created' : op === 'delete' ? 'kept' : 'unchanged');
/** Sent twice: the fault hit the first attempt, the retry went through. */
const retriedOk = (op: MatrixOp): Expect => ok(op, 2);
const error = (op: MatrixOp, sent: number, tag: string, says: RegExp, extra: Partial<Expect> = {}): Expect => ({
  sees: 'error',
  sent,
  after: failState(op),
  tag,
  says,
  ...extra,
});

/** 5xx (JSON envelope) and the HTML page from a proxy: retried except for a POST. */
function serverError(status: number, html = false): Record<MatrixOp, Expect> {
  const says = html ? new RegExp(`${status} with an HTML page.*${status} Bad Gateway`) : new RegExp(`${status} UNEXPECTED_ERROR`);
  return {
    // AMBIGUOUS: a 5xx on a POST is taken as "not processed" (it is an answer, not a lost one) and
    // reported as an error, not retried and not resolved by the list. Even if it had been processed,
    // sending again binds by provider + name and updates instead of creating a duplicate.
    create: error('create', 1, html ? 'HTML page, short title only' : String(status), says),
    update: retriedOk('update'),
    read: retriedOk('read'),
    list: retriedOk('list'),
    delete: retriedOk('delete'),
    token: retriedOk('token'),
  };
}

/** A 2xx whose body cannot be used: the operation was done; only reading its answer failed. */
function brokenBody(tag: string, says: RegExp, tokenSays: RegExp): Record<MatrixOp, Expect> {
  return {
    // The 201 proves the create happened; only its id is unknown: resolved by the list, and bound.
    create: { sees: 'unknown:created', sent: 1, after: 'created', says: /did create the provider/ },
    // The 200 proves the PUT was applied: the resource is read back, so the person sees it updated.
    update: ok('update', 1, { note: 'read back' }),
    // AMBIGUOUS: a broken 200 on a GET is not a transport failure, so it is not retried (a retry
    // would usually get the same answer); reported as an error, nothing changes.
    read: error('read', 1, tag, says),
    list: error('list', 1, tag, says),
    // A DELETE answers 204, which has no body to break: unaffected.
    delete: ok('delete', 1, { note: '204 has no body' }),
    // The token answer cannot be read: not retried, reported clearly (no token, no API call).
    token: error('token', 1, tag, tokenSays),
  };
}

export const EXPECTED: Record<string, Record<MatrixOp, Expect>> = {
  'slow-once': {
    // AMBIGUOUS: after a timed-out POST the list cannot prove that nothing was created (PingOne may
    // still be processing it), so "nothing new in the list" is reported as not determined.
    create: { sees: 'unknown:undetermined', sent: 1, after: 'nothing-created', says: /may still be processing it/ },
    update: retriedOk('update'),
    read: retriedOk('read'),
    list: retriedOk('list'),
    delete: retriedOk('delete'),
    token: retriedOk('token'),
  },
  'slow-always': {
    // The stand-in creates it after the client gave up and looked at the list: hence "not determined".
    create: { sees: 'unknown:undetermined', sent: 1, after: 'created', says: /may still be processing it/ },
    // Every PUT times out but the stand-in applies them late: the person is told the update may or
    // may not have been applied (and that sending again is safe), never "could not update".
    update: {
      sees: 'unknown:undetermined',
      sent: 1 + apiRetries,
      after: 'applied',
      says: /may or may not have done it.*Sending the document again is safe/,
    },
    read: error('read', 1 + apiRetries, 'timeout', /no answer within 300 ms/),
    list: error('list', 1 + apiRetries, 'timeout', /no answer within 300 ms/),
    // The DELETE is done late: the error says it may have been done anyway.
    delete: error('delete', 1 + apiRetries, 'timeout, may be done', /no answer within 300 ms.*may or may not have done it/, {
      after: 'deleted',
    }),
    token: error('token', 1 + tokenRetries, 'timeout', /Token request .* no answer within 300 ms/),
  },
  '429': {
    // 429 means "not processed": retried for every method, the POST included, after the capped wait.
    create: ok('create'),
    update: ok('update'),
    read: ok('read'),
    list: ok('list'),
    delete: ok('delete'),
    token: ok('token'),
  },
  '500': serverError(500),
  '502': serverError(502),
  '503': serverError(503),
  refused: {
    // Refused: nothing reached PingOne, so even a POST is known not to have been done.
    create: error('create', 1, 'ECONNREFUSED, not sent', /ECONNREFUSED.*not sent/, { served: 0 }),
    update: error('update', 1 + apiRetries, 'ECONNREFUSED', /ECONNREFUSED/, { served: 0 }),
    read: error('read', 1 + apiRetries, 'ECONNREFUSED', /ECONNREFUSED/, { served: 0 }),
    list: error('list', 1 + apiRetries, 'ECONNREFUSED', /ECONNREFUSED/, { served: 0 }),
    delete: error('delete', 1 + apiRetries, 'ECONNREFUSED', /ECONNREFUSED/, { served: 0 }),
    token: error('token', 1 + tokenRetries, 'ECONNREFUSED', /Token request .* ECONNREFUSED/, { served: 0 }),
  },
  'reset-before': {
    // AMBIGUOUS: a reset (unlike a timeout) means the server has stopped working on the request, so
    // an unchanged list is taken as proof that nothing was created.
    create: { sees: 'unknown:nothing', sent: 1, after: 'nothing-created', says: /no provider was created; it is safe to send again/ },
    update: retriedOk('update'),
    read: retriedOk('read'),
    list: retriedOk('list'),
    delete: retriedOk('delete'),
    // The token request is a POST but creates nothing that lasts: retried like a GET.
    token: retriedOk('token'),
  },
  'reset-after': {
    create: { sees: 'unknown:created', sent: 1, after: 'created', says: /did create the provider/ },
    // Applied twice with the same body: a PUT is a full replacement, so repeating it is harmless.
    update: retriedOk('update'),
    read: retriedOk('read'),
    list: retriedOk('list'),
    delete: { sees: 'ok:already-deleted', sent: 2, after: 'deleted' },
    token: retriedOk('token'),
  },
  'malformed-json': brokenBody('not JSON', /not valid JSON/, /Token request .* not valid JSON/),
  'truncated-json': brokenBody('not JSON', /not valid JSON/, /Token request .* not valid JSON/),
  'html-error': serverError(502, true),
  huge: brokenBody('too large', /too large to read/, /Token request .* too large to read/),
  'expired-token': {
    // A 401 means "not processed": one retry with a fresh token, for a POST too.
    create: ok('create', 2, { how: '401 → new token' }),
    update: ok('update', 2, { how: '401 → new token' }),
    read: ok('read', 2, { how: '401 → new token' }),
    list: ok('list', 2, { how: '401 → new token' }),
    delete: ok('delete', 2, { how: '401 → new token' }),
    token: ok('token', 1, { how: 'API 401 → 1 new token' }),
  },
};

const SEES_TEXT: Record<Sees, string> = {
  ok: 'ok',
  'ok:already-deleted': 'ok, "already deleted"',
  error: 'error',
  'unknown:created': 'unknown → resolved: created',
  'unknown:nothing': 'unknown → resolved: nothing created',
  'unknown:undetermined': 'unknown, not determined',
  cancelled: 'cancelled',
};

/** The very short outcome of one cell, e.g. "retried ×1 → ok", "not retried → error (500), nothing created". */
export function cellText(op: MatrixOp, e: Expect): string {
  const retried = e.how ?? (e.sent <= 1 ? 'not retried' : `retried ×${e.sent - 1}`);
  const result = e.sees === 'error' && e.tag ? `error (${e.tag})` : SEES_TEXT[e.sees];
  let state = '';
  const doubtful = e.sees === 'error' || e.sees === 'unknown:undetermined';
  if (doubtful && op === 'create') state = e.after === 'created' ? '; created late' : '; nothing created';
  if (doubtful && op === 'update') state = e.after === 'applied' ? '; applied' : '; unchanged';
  if (doubtful && op === 'delete') state = e.after === 'deleted' ? '; deleted' : '; kept';
  return `${retried} → ${result}${e.note ? ` (${e.note})` : ''}${state}`;
}

/** The table alone, as the README shows it (between `<!-- faults:start -->` and `<!-- faults:end -->`). */
export function renderTable(): string {
  return [
    `| fault | ${OPS.join(' | ')} |`,
    `| --- | ${OPS.map(() => '---').join(' | ')} |`,
    ...FAULTS.map((f) => `| ${f.label} | ${OPS.map((op) => cellText(op, EXPECTED[f.id][op])).join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(): string {
  const lines = [
    '<!-- Generated by test/unit/faults/matrix.test.ts from test/unit/faults/table.ts. Do not edit by hand:',
    '     UPDATE_FAULT_MATRIX=1 node --test out/test/unit/faults/  (after npx tsc -p tsconfig.json) -->',
    '',
    '# Every PingOne operation under every fault',
    '',
    `Each cell is checked against the local PingOne stand-in (client timeout ${TIMING.clientTimeoutMs} ms, ${TIMING.apiRetries} retries for`,
    `API calls, ${TIMING.tokenRetries} for the token request). *create* and *update* run through "Send to PingOne" (a create whose`,
    'answer is lost is resolved by comparing the list before and after); *token* is the token request made by a list.',
    '"retried ×N" counts the requests of that operation sent again; "not retried" means sent once.',
    '',
    renderTable(),
    '',
    'In every cell: no duplicate provider, an update is applied fully or not at all, a failure is never',
    'reported as a success, and messages are one short line without HTML, huge bodies or secrets.',
    '"unknown, not determined" tells the person to look in PingOne before sending again; for an update it',
    'also says that sending again is safe (a PUT replaces the whole resource).',
    '',
  ];
  return lines.join('\n');
}
