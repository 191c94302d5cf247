/**
 * The password boxes that put a secret into secret storage, for any environment (the palette's
 * commands ask for the active one, the explorer and Pull for the one they work on).
 */
import * as vscode from 'vscode';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { askText } from '../quickPick';
import type { PingOneSession } from '../session';

/** "Set Client Secret" for `env`: stored, or cleared when left empty; false when the box was closed. */
export async function promptClientSecret(session: PingOneSession, env: ResolvedEnvironment): Promise<boolean> {
  const secret = await askText({
    title: `Client secret for "${env.name}"`,
    prompt: `The secret of worker app ${env.clientId}. Kept in VS Code's secret storage for ${env.tokenUrl} only.`,
    password: true,
    ignoreFocusOut: true,
  });
  if (secret === undefined) return false;
  await session.setClientSecret(env, secret || undefined);
  void vscode.window.showInformationMessage(
    secret ? `Client secret stored for "${env.name}".` : `Client secret cleared for "${env.name}".`,
  );
  return true;
}

/** The value of `{{name}}` for `env`: stored, or cleared when left empty; undefined when the box was closed. */
export async function promptSecretVariable(
  session: PingOneSession,
  env: ResolvedEnvironment,
  name: string,
): Promise<'stored' | 'cleared' | undefined> {
  const value = await askText({
    title: `{{${name}}} for "${env.name}"`,
    prompt: "Kept in VS Code's secret storage; empty to clear.",
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return undefined;
  await session.setSecretVariable(env, name, value || undefined);
  return value ? 'stored' : 'cleared';
}
