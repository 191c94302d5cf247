/** Values for a document's `{{placeholders}}`: plain variables from settings, secret ones from SecretStorage. */
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { findPlaceholders } from '../../../server/src/model/placeholders';
import type { PingOneSession } from '../session';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import type { VariableValue } from '../../../server/src/workflow/prepare';

export function placeholderNames(text: string): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') findPlaceholders(v).forEach((p) => names.add(p.name));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(parse(text, [], { allowTrailingComma: true }));
  return [...names].sort();
}

/**
 * Looks every placeholder up; asks for the missing ones with a password box (stored in
 * SecretStorage for this environment) when `ask` is set. Undefined when the person cancels.
 */
export async function gatherVariables(
  session: PingOneSession,
  env: ResolvedEnvironment,
  text: string,
  ask: boolean,
): Promise<Map<string, VariableValue> | undefined> {
  const values = new Map<string, VariableValue>();
  const missing: string[] = [];
  for (const name of placeholderNames(text)) {
    // Own members only: `{{toString}}` is not a variable of every environment.
    if (Object.hasOwn(env.variables, name) && typeof env.variables[name] === 'string') {
      values.set(name, { value: env.variables[name], secret: false });
      continue;
    }
    const secret = await session.secretVariable(env, name);
    if (secret !== undefined) values.set(name, { value: secret, secret: true });
    else missing.push(name);
  }
  if (!missing.length) return values;
  const list = missing.map((m) => `{{${m}}}`).join(', ');
  if (!ask) {
    void vscode.window.showErrorMessage(
      `No value for ${list} in "${env.name}". Set ${missing.length > 1 ? 'them' : 'it'} with "PingOne: Set Secret Variable", or add plain values to the environment's "variables".`,
    );
    return undefined;
  }
  const answer = await vscode.window.showWarningMessage(
    `No value for ${list} in "${env.name}".`,
    {
      modal: true,
      detail: "Enter the values now? They are kept in VS Code's secret storage for this environment, never in a file or in settings.",
    },
    'Enter Values',
  );
  if (answer !== 'Enter Values') return undefined;
  for (const name of missing) {
    const value = await vscode.window.showInputBox({
      title: `Secret variable {{${name}}} for ${env.name}`,
      prompt: `The value of {{${name}}}. Stored in secret storage for ${env.name}.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    await session.setSecretVariable(env, name, value);
    values.set(name, { value, secret: true });
  }
  return values;
}
