/**
 * The idle collector (server/src/node/idleCollector.ts) really collects: a large graph that only a
 * WeakRef still points at is gone after `collect(0)`, without the test process having --expose-gc;
 * and requests close together give one collection, after the last of them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createIdleCollector } from '../../../server/src/node/idleCollector';

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

  it('debounces: a later request postpones the collection', async () => {
    const collector = createIdleCollector();
    const ref = garbage();
    await sleep(0);
    collector.collect(300);
    await sleep(100);
    collector.collect(300); // pushes it to ~400 ms from the first request
    await sleep(120);
    // Not asserting that the object is still alive here: V8 may collect it on its own at any time.
    await sleep(400);
    assert.equal(ref.deref(), undefined, 'no collection after the last request');
  });
});
