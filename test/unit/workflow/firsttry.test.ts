/**
 * Issue 14, the parts without VS Code: a refusal's causes (one problem per cause, none repeated where
 * the checker already says it), its headline, the syntax error Send and Compare refuse, the names a new
 * or pulled document suggests, and the "updated … ago" of the Pull pick.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PingOneError } from '../../../server/src/pingone/errors';
import { methodOf, rejectionHeadline, rejectionReport, type LocalProblem } from '../../../server/src/workflow/rejection';
import { firstSyntaxError, syntaxRefusal } from '../../../server/src/workflow/syntax';
import { fileStem, suggestedFileName } from '../../../server/src/workflow/documentNames';
import { timeAgo } from '../../../server/src/workflow/relativeTime';

const DOC = `{
  "name": "Gateway",
  "provider": "CUSTOM_PROVIDER",
  "requests": [
    { "deliveryMethod": "Sms", "url": "https://gateway.example.com/send", "method": "GET" }
  ]
}
`;

function refusal(
  details: { code?: string; target?: string; message?: string }[],
  message = 'Could not update …: 400 INVALID_DATA',
): PingOneError {
  return new PingOneError('api', message, {
    status: 400,
    code: 'INVALID_DATA',
    envelope: { id: '7a1c3e2f-0000-4000-8000-000000000000', code: 'INVALID_DATA', message: 'One or more validation errors.', details },
  });
}

/** The range of the first occurrence of `text` in DOC. */
function at(text: string): { offset: number; length: number } {
  const offset = DOC.indexOf(text);
  assert.ok(offset >= 0, text);
  return { offset, length: text.length };
}

describe('a refusal by PingOne: one problem per cause', () => {
  it('the same target with the same code twice is one cause; another target is another', () => {
    const e = refusal([
      { code: 'INVALID_VALUE', target: 'requests[0].url', message: 'The url is not valid.' },
      { code: 'INVALID_VALUE', target: 'requests[0].url', message: 'The url is not valid (again).' },
      { code: 'UNIQUENESS_VIOLATION', target: 'name', message: 'The name is taken.' },
    ]);
    const r = rejectionReport(DOC, e, [], []);
    assert.deepStrictEqual(
      r.problems.map((p) => [DOC.slice(p.offset, p.offset + p.length), p.code, p.message]),
      [
        ['"https://gateway.example.com/send"', 'INVALID_VALUE', 'The url is not valid.'],
        ['"Gateway"', 'UNIQUENESS_VIOLATION', 'The name is taken.'],
      ],
    );
    assert.strictEqual(r.causes.length, 2);
  });

  it('a value the checker already marks as an error at the same range is not marked again; a warning there, or another range, is', () => {
    const e = refusal([
      { code: 'INVALID_VALUE', target: 'requests[0].deliveryMethod', message: 'deliveryMethod must be SMS or VOICE.' },
      { code: 'INVALID_VALUE', target: 'requests[0].url', message: 'The url is not valid.' },
    ]);
    const checker: LocalProblem[] = [
      { ...at('"Sms"'), code: 'invalid-value', error: true },
      { ...at('"https://gateway.example.com/send"'), code: 'url-not-https', error: false },
    ];
    const r = rejectionReport(DOC, e, checker, []);
    assert.deepStrictEqual(
      r.problems.map((p) => p.target),
      ['requests[0].url'],
    );
    assert.deepStrictEqual(
      r.alreadyMarked.map((p) => p.target),
      ['requests[0].deliveryMethod'],
    );
    assert.strictEqual(r.causes.length, 2, 'the headline still counts both');
  });

  it('a missing value means what the missing-property rules mean, not what a value rule means; other codes are always marked', () => {
    const e = refusal([
      { code: 'REQUIRED_VALUE', target: 'requests[0].phoneNumberFormat', message: 'phoneNumberFormat is required.' },
      { code: 'SIZE_LIMIT_EXCEEDED', target: 'name', message: 'Too many.' },
    ]);
    const missing = rejectionReport(
      DOC,
      e,
      [{ offset: DOC.indexOf('{ "deliveryMethod"'), length: 1, code: 'missing-property', error: true }],
      [],
    );
    assert.deepStrictEqual(
      missing.problems.map((p) => p.code),
      ['SIZE_LIMIT_EXCEEDED'],
    );
    const other = rejectionReport(
      DOC,
      e,
      [{ offset: DOC.indexOf('{ "deliveryMethod"'), length: 1, code: 'invalid-value', error: true }],
      [],
    );
    assert.deepStrictEqual(
      other.problems.map((p) => p.code),
      ['REQUIRED_VALUE', 'SIZE_LIMIT_EXCEEDED'],
    );
  });

  it('a target the document lacks names itself in the message; PingOne quoting a secret back is redacted', () => {
    const secret = 's3cr3t-value-123';
    const e = refusal([{ code: 'INVALID_VALUE', target: 'authentication.password', message: `The password ${secret} was refused.` }]);
    const r = rejectionReport(DOC, e, [], [secret]);
    assert.strictEqual(r.problems.length, 1);
    assert.ok(!r.problems[0].message.includes(secret), r.problems[0].message);
    assert.match(r.problems[0].message, /\(target: authentication\.password\)$/);
  });

  it('without details, the whole error is the one cause', () => {
    const r = rejectionReport(DOC, new PingOneError('api', 'Could not update: 403 with an HTML page.', { status: 403 }), [], []);
    assert.deepStrictEqual(
      r.problems.map((p) => [p.offset, p.message]),
      [[0, 'Could not update: 403 with an HTML page.']],
    );
  });

  it('a thousand repeated details are one problem, in linear time', () => {
    const many = Array.from({ length: 5000 }, () => ({ code: 'INVALID_VALUE', target: 'name', message: 'Bad name.' }));
    const started = Date.now();
    const r = rejectionReport(DOC, refusal(many), [], []);
    assert.strictEqual(r.problems.length, 1);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('the headline of a refusal', () => {
  const causes = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ offset: 0, length: 1, message: `Cause ${i + 1}.`, code: 'INVALID_VALUE', target: `f${i}` }));

  it('the first cause with its target, and how many more; no status, no envelope id, no ".;"', () => {
    const h = rejectionHeadline('update', 'dev', causes(3), 'unused');
    assert.strictEqual(h, 'PingOne refused the update in "dev": f0: Cause 1 (and 2 more).');
    assert.strictEqual(rejectionHeadline('create', 'dev', causes(1), 'unused'), 'PingOne refused the create in "dev": f0: Cause 1.');
  });

  it('a long cause is cut (the response view has it all); a failure without causes keeps its message', () => {
    const long = [{ offset: 0, length: 1, message: 'x'.repeat(500) }];
    assert.ok(rejectionHeadline('update', 'dev', long, '').length < 220);
    const token = 'Token request to https://auth.example.com/x/as/token was refused: invalid_client (401). Check the client id.';
    assert.strictEqual(
      rejectionHeadline('list', 'dev', [], token),
      `Could not list the phone delivery settings of "dev", so nothing was sent: ${token}`,
    );
  });

  it('the HTTP method of each step (the response view is titled with it)', () => {
    assert.deepStrictEqual((['create', 'update', 'delete', 'list', 'read'] as const).map(methodOf), [
      'POST',
      'PUT',
      'DELETE',
      'GET',
      'GET',
    ]);
  });
});

describe('a document that does not parse', () => {
  it('names the first syntax error by line and column, as the editor counts', () => {
    const broken = '{\n  "name": "x"\n  "provider": "CUSTOM_PROVIDER"\n}\n';
    assert.deepStrictEqual(firstSyntaxError(broken), { line: 3, column: 3, message: 'A comma is expected between items.' });
    assert.strictEqual(
      syntaxRefusal('Nothing was sent', firstSyntaxError(broken)!),
      'Nothing was sent: line 3 is not valid JSON (A comma is expected between items). Fix it, then try again.',
    );
  });

  it('comments and trailing commas do not stop a send (the checker warns about them); an empty document does', () => {
    assert.strictEqual(firstSyntaxError('{\n  // note\n  "name": "x",\n}\n'), undefined);
    assert.strictEqual(firstSyntaxError(DOC), undefined);
    assert.deepStrictEqual(firstSyntaxError('  \n'), { line: 1, column: 1, message: 'The document is empty.' });
  });

  it('a long broken document is read once', () => {
    const big = `{\n${'  "a": 1,\n'.repeat(200_000)}  "b": 2\n  "c": 3\n}\n`;
    const started = Date.now();
    assert.strictEqual(firstSyntaxError(big)?.line, 200_003);
    assert.ok(Date.now() - started < 3000);
  });
});

describe('the names Save As suggests', () => {
  it('a provider name becomes a recognised file name; a name that is taken gets a number', () => {
    assert.strictEqual(fileStem('Gateway with API key (pulled)'), 'gateway-with-api-key-pulled');
    assert.strictEqual(fileStem('Ünïcödé  SMS / Voice'), 'unicode-sms-voice');
    assert.strictEqual(fileStem('***', 'CUSTOM_TWILIO'), 'custom-twilio');
    assert.strictEqual(fileStem('***'), 'provider');
    assert.strictEqual(suggestedFileName('twilio', new Set()), 'twilio.phone-delivery.json');
    assert.strictEqual(
      suggestedFileName('twilio', new Set(['twilio.phone-delivery.json', 'twilio-2.phone-delivery.json'])),
      'twilio-3.phone-delivery.json',
    );
    assert.ok(fileStem('a'.repeat(10_000)).length <= 60);
  });
});

describe('"updated … ago"', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('past times in words; an unreadable or missing time says so; the future is "just now"', () => {
    assert.strictEqual(timeAgo('2025-06-01T11:59:30Z', now), 'just now');
    assert.strictEqual(timeAgo('2025-06-01T11:58:00Z', now), '2 minutes ago');
    assert.strictEqual(timeAgo('2025-06-01T11:00:00Z', now), '1 hour ago');
    assert.strictEqual(timeAgo('2025-05-31T10:00:00Z', now), 'yesterday');
    assert.strictEqual(timeAgo('2025-05-20T12:00:00Z', now), '12 days ago');
    assert.strictEqual(timeAgo('2025-01-01T12:00:00Z', now), '5 months ago');
    assert.strictEqual(timeAgo('2022-06-01T12:00:00Z', now), '3 years ago');
    assert.strictEqual(timeAgo('2025-06-01T12:05:00Z', now), 'just now');
    assert.strictEqual(timeAgo('not a time', now), 'at an unknown time');
    assert.strictEqual(timeAgo(undefined, now), 'at an unknown time');
  });
});
