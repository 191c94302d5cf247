/** "PingOne: Compare with PingOne": a diff editor between the document and the live resource, both normalised. */
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { fillPlaceholders } from '../../../server/src/model/placeholders';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { liveSideForCompare, normalizeForCompare } from '../../../server/src/workflow/compare';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import type { PingOneDeps } from './pingoneDeps';
import { boundResource } from './boundResource';
import { placeholderNames } from './variables';

/**
 * Opens the diff; only plain (non-secret) variables are filled in on the document's side. Without
 * `live` (nothing there yet: a send would create it) PingOne's side is empty.
 */
export async function showCompare(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  live: PhoneDeliverySettings | undefined,
  /** Redacted by value from the live side (the client's secret and tokens, secret variables). */
  secretValues: readonly string[] = [],
): Promise<void> {
  const docValue = parse(doc.getText(), [], { allowTrailingComma: true }) as Record<string, unknown>;
  const fill = (v: unknown): unknown =>
    typeof v === 'string'
      ? fillPlaceholders(v, (n) => env.variables[n]).value
      : Array.isArray(v)
        ? v.map(fill)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, c]) => [k, fill(c)]))
          : v;
  const left = normalizeForCompare(fill(docValue) as Record<string, unknown>);
  // Every secret known for the environment is redacted from PingOne's side, wherever PingOne echoes it:
  // the session's (secret variables, client secret, tokens seen) and the client's (its secret and tokens).
  const known = await deps.session.knownSecrets(env, placeholderNames(doc.getText()));
  const right = live
    ? normalizeForCompare(liveSideForCompare(docValue, live, [...secretValues, ...known.values, ...known.byName.values()]))
    : '';
  const base = doc.uri.path.split('/').pop() ?? 'document';
  const l = deps.compare.set(`${env.name}/${base} (document).json`, left);
  const r = deps.compare.set(`${env.name}/${live ? live.id : 'not created'} (PingOne).json`, right);
  const what = live ? String(live.name ?? live.id) : 'not created';
  await vscode.commands.executeCommand('vscode.diff', l, r, `${base} ↔ PingOne ${env.name} (${what})`, {
    preview: true,
  });
}

export async function compareCommand(deps: PingOneDeps, doc: vscode.TextDocument): Promise<void> {
  const found = await boundResource(deps, doc);
  if (found) await showCompare(deps, doc, found.env, found.live, found.client.knownSecrets());
}
