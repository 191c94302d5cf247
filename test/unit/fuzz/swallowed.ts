/**
 * Completion and hover catch everything and answer "nothing" (so that a bug costs one answer, never
 * the server): a property that only asks "does it throw?" cannot see their bugs. This looks
 * through that guard: the functions they call in other modules are wrapped to record what they
 * throw, and completion's catch-all answer is recognised by identity (it returns one shared empty
 * list, otherwise a fresh one).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, PhoneDeliveryService } from '../../../server/src/service';

/** The modules completion and hover call into (compiled CommonJS: their exports are looked up at each call). */
const WATCHED = [
  '../../../server/src/service/completeContext',
  '../../../server/src/service/completeSnippet',
  '../../../server/src/service/hoverText',
  '../../../server/src/model/modelNav',
  '../../../server/src/service/ranges',
  '../../../server/src/model/placeholders',
  '../../../server/src/service/similar',
  '../../../server/src/model/variables',
  '../../../server/src/model/templates',
];

const thrown: string[] = [];
let installed = false;

/** Wraps every exported function of the watched modules (once per process). */
export function watchThrows(): void {
  if (installed) return;
  installed = true;
  for (const path of WATCHED) {
    const exports = require(path) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      const descriptor = Object.getOwnPropertyDescriptor(exports, name);
      if (typeof value !== 'function' || /^[A-Z]/.test(name) || !descriptor?.writable) continue;
      const fn = value as (...args: unknown[]) => unknown;
      exports[name] = function (this: unknown, ...args: unknown[]): unknown {
        try {
          return fn.apply(this, args);
        } catch (e) {
          thrown.push(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          throw e;
        }
      };
    }
  }
}

/** What the watched functions threw since the last call (and forget it). */
export function takeThrown(): string[] {
  return thrown.splice(0, thrown.length);
}

/** The list completion answers after an exception (and for a skipped document). */
export function completionFallback(service: PhoneDeliveryService): CompletionList {
  const document = TextDocument.create('file:///fuzz/skipped.json', 'json', 1, '{}');
  return service.complete(document, { line: 0, character: 1 }, { ...service.parse(document), skipped: 'too-large' });
}
