/** What the PingOne commands share. */
import type { Ctx } from '../ctx';
import type { PingOneSession } from '../session';
import type { ResponseView } from '../responseView';
import type { PingOneDiagnostics } from '../pingoneDiagnostics';
import type { BindingStore } from '../../../server/src/workflow/binding';
import type { CompareView } from '../compareView';
import type { EnvironmentCache } from '../environmentCache';
import type { EnvironmentStatuses } from '../environmentStatuses';

export interface PingOneDeps {
  ctx: Ctx;
  session: PingOneSession;
  responses: ResponseView;
  diagnostics: PingOneDiagnostics;
  bindings: BindingStore;
  compare: CompareView;
  /** What was last read of each environment (the CodeLens, the usage hover, Send to Environment…). */
  environments: EnvironmentCache;
  /** Each open document's status per environment, from that cache. */
  statuses: EnvironmentStatuses;
}
