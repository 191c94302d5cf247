/**
 * Where a setting's value comes from, and which scope may decide it (issue "A secret goes only where
 * its owner meant it to go"): a workspace's settings come with a cloned repository, so they can only
 * make things stricter. No `vscode` here: the extension passes what `WorkspaceConfiguration.inspect()`
 * returns.
 */

/** The fields of `WorkspaceConfiguration.inspect()` that are read. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  /** User settings. */
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** A setting only the person decides: the user settings' value, else the default; workspace and folder values are ignored. */
export function userValue<T>(inspected: InspectedSetting<T> | undefined): T | undefined {
  return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

/** Workspace or folder values of `inspected` that `userValue` ignores (to say so). */
export function ignoredWorkspaceValue<T>(inspected: InspectedSetting<T> | undefined): boolean {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}

/**
 * A protection that a workspace can turn on, never off: on when the user settings (or, without one,
 * the default) turn it on, or when the workspace or folder settings do.
 */
export function stricterFlag(inspected: InspectedSetting<boolean> | undefined): boolean {
  return userValue(inspected) === true || inspected?.workspaceValue === true || inspected?.workspaceFolderValue === true;
}
