import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationToken, CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { formatError, runSafe, runSafeAsync, runSafeNotification } from '../../../server/src/lsp/runner';

function recorder() {
  const messages: string[] = [];
  return { messages, log: { error: (m: string) => void messages.push(m) } };
}

describe('runSafe', () => {
  it('returns the result', async () => {
    const { log, messages } = recorder();
    assert.equal(await runSafe(log, () => 42, 0, 'x', CancellationToken.None), 42);
    assert.deepEqual(messages, []);
  });

  it('logs a throwing handler and answers the neutral value', async () => {
    const { log, messages } = recorder();
    const result = await runSafe(
      log,
      (): number[] => {
        throw new TypeError('bad');
      },
      [],
      'Error while doing it',
      CancellationToken.None,
    );
    assert.deepEqual(result, []);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^Error while doing it: bad\n/);
  });

  it('answers RequestCancelled without running a cancelled request', async () => {
    const { log } = recorder();
    const source = new CancellationTokenSource();
    source.cancel();
    let ran = false;
    const result = await runSafe(log, () => (ran = true), false, 'x', source.token);
    assert.ok(result instanceof ResponseError);
    assert.equal(result.code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
  });

  it('answers RequestCancelled when cancelled while running', async () => {
    const { log } = recorder();
    const source = new CancellationTokenSource();
    const result = await runSafe(log, () => (source.cancel(), 1), 0, 'x', source.token);
    assert.ok(result instanceof ResponseError);
  });
});

describe('runSafeAsync and runSafeNotification', () => {
  it('logs a rejected or throwing handler', async () => {
    const { log, messages } = recorder();
    assert.equal(await runSafeAsync(log, () => Promise.reject(new Error('no')), null, 'A', CancellationToken.None), null);
    assert.equal(
      await runSafeAsync(
        log,
        () => {
          throw new Error('sync');
        },
        null,
        'B',
        CancellationToken.None,
      ),
      null,
    );
    assert.equal(await runSafeAsync(log, async () => 7, null, 'C', CancellationToken.None), 7);
    runSafeNotification(
      log,
      () => {
        throw 'plain';
      },
      'D',
    );
    assert.deepEqual(
      messages.map((m) => m.split(':')[0]),
      ['A', 'B', 'D'],
    );
  });
});

describe('formatError', () => {
  it('formats errors, strings, objects and nothing', () => {
    assert.match(formatError('M', new Error('e')), /^M: e\n/);
    assert.equal(formatError('M', 'text'), 'M: text');
    assert.equal(formatError('M', { a: 1 }), 'M: {"a":1}');
    assert.equal(formatError('M', undefined), 'M');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.equal(formatError('M', circular), 'M: [object Object]');
  });
});
