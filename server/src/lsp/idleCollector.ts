/**
 * A full garbage collection once the server has been idle for a moment after a large document's
 * tree became garbage (the document was closed, or parsed again in full). V8 collects such a tree
 * (tens of megabytes for a 2 MB body) only at its next major collection, which can be many documents
 * later: opening and closing a few large bodies grew the resident memory by ~25 MB each, and it
 * stayed there. Collected when idle, the memory goes back to the system before the next request.
 *
 * Node-only (v8, vm): the server core asks for it through `ServerRuntime.releaseMemory`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** V8's `gc()`, exposed at run time (a context created after `--expose-gc` is set gets it); null if not available. */
function fullCollection(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/**
 * `collect(delayMs)`: one full collection `delayMs` after the latest request. A closed document is
 * collected at once (0: the person is not waiting on this server then); the old tree of a document
 * parsed again in full after a pause in typing, not between two keystrokes. The timer never keeps
 * the process alive.
 */
export function createIdleCollector(collectGarbage: () => void = () => fullCollection()?.()): { collect(delayMs: number): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    collect(delayMs) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        collectGarbage();
      }, delayMs);
      timer.unref();
    },
  };
}
