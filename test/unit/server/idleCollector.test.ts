/**
 * The idle collector (server/src/node/idleCollector.ts) really collects: a large graph that only a
 * WeakRef still points at is gone after `collect(0)`, without the test process having --expose-gc;
 * and requests close together give one collection, after the last of them (counted with a stand-in).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createIdleCollector } from '../../../server/src/lsp/idleCollector';

function garbage(): WeakRef<object> {
  const tree = { children: Array.from({ length: 50_000 }, (_, i) => ({ offset: i, value: `v${i}` })) };
  return new WeakRef(tree);
}

describe('idle collector', () => {
  it('collects a dropped tree when asked, at once', async () => {
    const ref = garbage();
    await sleep(0); // WeakRef targets stay alive until the end of the current job
    createIdleCollector().collect(0);
    await sleep(50);
    assert.equal(ref.deref(), undefined, 'the dropped tree is still alive after collect(0)');
  });

  it('debounces: requests close together give one collection, after the last of them', async () => {
    const runs: number[] = [];
    const started = Date.now();
    const collector = createIdleCollector(() => runs.push(Date.now() - started));
    collector.collect(150);
    await sleep(100);
    collector.collect(150); // due at ~250 ms now, not ~150 ms
    await sleep(100);
    assert.deepEqual(runs, [], 'collected before the last request had waited its delay');
    await sleep(150);
    assert.equal(runs.length, 1, `collections at ${runs.join(', ')} ms`);
    assert.ok(runs[0] >= 240, `collected at ${runs[0]} ms, before the postponed time`);
    collector.collect(0); // a close: at once
    await sleep(20);
    assert.equal(runs.length, 2);
  });
});
