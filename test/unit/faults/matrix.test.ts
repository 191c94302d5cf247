// Every PingOne operation under every fault (issue 6), table-driven: for each (fault, operation)
// pair of table.ts, what the person sees, what was (re)sent, and what exists in the stand-in
// afterwards. Also keeps fault-matrix.md (the README's table) in step with the table:
//   UPDATE_FAULT_MATRIX=1 node --test out/test/unit/faults/   (after npx tsc -p tsconfig.json)

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runCell, type Observed } from './harness';
import { EXPECTED, FAULTS, OPS, renderMarkdown, renderTable, TIMING, type Expect, type FaultRow, type MatrixOp } from './table';

/** Source file next to this test's source (the test runs from out/test/unit/faults/). */
const MARKDOWN = resolve(__dirname, '../../../../test/unit/faults/fault-matrix.md');
const README = resolve(__dirname, '../../../../README.md');
const README_START = '<!-- faults:start (generated from test/unit/faults/table.ts) -->';
const README_END = '<!-- faults:end -->';

function readmeWithTable(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return readme;
  return readme.slice(0, start + README_START.length) + '\n' + renderTable() + '\n' + readme.slice(end);
}

function describeObserved(o: Observed): string {
  const { secrets: _secrets, ...shown } = o;
  return JSON.stringify(shown);
}

/** The rules every cell obeys, whatever its expectation says. */
function checkInvariants(op: MatrixOp, fault: FaultRow, o: Observed, why: string): void {
  // What the person sees: one short line, no HTML, no multi-MB body, no secret.
  if (o.sees !== 'ok' && o.sees !== 'ok:already-deleted') {
    assert.ok(o.message.trim() !== '', `an empty message ${why}`);
    assert.ok(o.message.length <= 600, `a message of ${o.message.length} characters ${why}`);
    assert.ok(!/[\r\n]/.test(o.message), `a multi-line message ${why}`);
    assert.ok(!/<\/?(html|head|body|title|h1|p|!doctype)\b/i.test(o.message), `raw HTML in the message ${why}`);
    assert.ok(!/x{64}/.test(o.message), `a huge body's padding in the message ${why}`);
  }
  for (const secret of o.secrets) assert.ok(!o.message.includes(secret), `a secret in the message ${why}`);

  // What exists afterwards: never a duplicate, never half an update.
  assert.notEqual(o.after, 'duplicate', `a duplicate provider ${why}`);
  assert.notEqual(o.after, 'partial', `a partly applied update ${why}`);
  if (op === 'read' || op === 'list' || op === 'token') assert.equal(o.after, 'unchanged', `a read changed something ${why}`);

  // No silent success: what is reported as done is done...
  if (o.sees === 'ok' || o.sees === 'ok:already-deleted' || o.sees === 'unknown:created') {
    const done = op === 'create' ? 'created' : op === 'update' ? 'applied' : op === 'delete' ? 'deleted' : 'unchanged';
    assert.equal(o.after, done, `reported as done but not done ${why}`);
  }
  if (o.sees === 'unknown:nothing') assert.equal(o.after, 'nothing-created', `"nothing created" but something was ${why}`);
  // ...and what is reported as failed was not done, unless the message says it may have been.
  if (o.sees === 'error' && (o.after === 'created' || o.after === 'applied' || o.after === 'deleted')) {
    assert.match(o.message, /may or may not/, `reported as failed, but it was done, and the message does not say it may have been ${why}`);
  }

  // What is retried: a POST only after 429 or 401 (both mean "not processed").
  if (op === 'create' && fault.id !== '429' && fault.id !== 'expired-token') assert.equal(o.sent, 1, `a POST sent again ${why}`);
}

function checkCell(op: MatrixOp, fault: FaultRow, e: Expect, o: Observed): void {
  const why = `(${fault.id} × ${op}: ${describeObserved(o)})`;
  assert.equal(o.sees, e.sees, `what the person sees ${why}`);
  if (e.says) assert.match(o.message, e.says, `the wording ${why}`);
  assert.equal(o.sent, e.sent, `requests sent ${why}`);
  assert.equal(o.served, e.served ?? e.sent, `requests that reached the stand-in ${why}`);
  assert.equal(o.after, e.after, `what exists afterwards ${why}`);
  checkInvariants(op, fault, o, why);

  if (op === 'create' && (o.sees === 'ok' || o.sees === 'unknown:created'))
    assert.ok(o.boundToCreated, `the document is not bound to what it created ${why}`);
  if (op === 'update' && o.sees === 'ok')
    assert.ok(o.bindingCurrent, `the binding does not record the updated resource's updatedAt ${why}`);
  if (fault.id === '429') {
    // The wait honoured Retry-After, cut to the cap: at least the cap, well below Retry-After.
    const gap = o.gapsMs[0];
    assert.ok(gap >= TIMING.maxRetryAfterSeconds * 1000 - 5, `retried after ${gap} ms, before the (capped) Retry-After ${why}`);
    assert.ok(gap < TIMING.retryAfterSeconds * 1000 - 100, `waited ${gap} ms: Retry-After was not capped ${why}`);
  }
  if (fault.id === 'expired-token') assert.equal(o.tokenRequests, 1, `exactly one fresh token ${why}`);
}

describe('fault matrix: every PingOne operation under every fault', () => {
  for (const fault of FAULTS) {
    describe(fault.label, () => {
      for (const op of OPS) {
        it(op, async () => checkCell(op, fault, EXPECTED[fault.id][op], await runCell(op, fault)));
      }
    });
  }

  it('the table covers every fault × operation', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), FAULTS.map((f) => f.id).sort());
    for (const f of FAULTS) assert.deepEqual(Object.keys(EXPECTED[f.id]).sort(), [...OPS].sort(), f.id);
  });

  it('fault-matrix.md is up to date (regenerate: UPDATE_FAULT_MATRIX=1 node --test out/test/unit/faults/)', () => {
    const expected = renderMarkdown();
    if (process.env.UPDATE_FAULT_MATRIX === '1') {
      writeFileSync(MARKDOWN, expected);
      writeFileSync(README, readmeWithTable(readFileSync(README, 'utf8')));
      return;
    }
    const readme = readFileSync(README, 'utf8');
    assert.ok(readme.includes(README_START), 'README.md has no fault table block');
    assert.equal(
      readme,
      readmeWithTable(readme),
      'the fault table in README.md is out of date: UPDATE_FAULT_MATRIX=1 node --test out/test/unit/faults/',
    );
    let actual = '';
    try {
      actual = readFileSync(MARKDOWN, 'utf8');
    } catch {
      // missing: reported below
    }
    assert.equal(
      actual,
      expected,
      `${MARKDOWN} is out of date with test/unit/faults/table.ts. Regenerate it: npx tsc -p tsconfig.json && UPDATE_FAULT_MATRIX=1 node --test out/test/unit/faults/`,
    );
  });
});
