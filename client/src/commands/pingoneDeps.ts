/** What the PingOne commands share. */
import type { Ctx } from '../ctx';
import type { PingOneSession } from '../session';
import type { ResponseView } from '../responseView';
import type { PingOneDiagnostics } from '../pingoneDiagnostics';
import type { BindingStore } from '../../../server/src/workflow/binding';
import type { CompareView } from '../compareView';

export interface PingOneDeps {
  ctx: Ctx;
  session: PingOneSession;
  responses: ResponseView;
  diagnostics: PingOneDiagnostics;
  bindings: BindingStore;
  compare: CompareView;
}
