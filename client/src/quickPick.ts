/**
 * The quick picks of the PingOne commands, made to survive the walkthrough (issue 14). When a command
 * runs from the command palette while the walkthrough is the active editor, the palette closes on the
 * keydown of Enter and gives the focus back to the walkthrough's step button; the keyup of that Enter
 * then "selects" the step, and the walkthrough focuses it again 250 ms later (VS Code 1.100,
 * gettingStarted.ts: selectStep). A picker from the extension host opens in between, loses the focus
 * and closes: the command seemed to do nothing. VS Code's own pickers open during the keydown, so the
 * keyup goes to them.
 *
 * So, while an editor the API cannot see into is active (the walkthrough, the welcome page): the pick
 * does not close when it loses the focus, and once the walkthrough has taken the focus, the pick is
 * shown again, untouched, so that the keyboard reaches it.
 */
import * as vscode from 'vscode';

/** Past the walkthrough's 250 ms after the keyup of the Enter that ran the command (a key held ~350 ms still fits). */
const RECLAIM_AFTER_MS = 600;

export interface PickOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder?: string;
  /** The item the pick opens on (the current choice). */
  active?: T;
}

/** True when the active editor is one the API cannot see into (no text editor, no known tab input): the walkthrough. */
function opaqueEditorActive(): boolean {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return !!tab && tab.input === undefined && !vscode.window.activeTextEditor;
}

/**
 * Shows what `open` creates; while the walkthrough may take the focus, it does not close on focus
 * loss and is shown again (a new one, untouched) once the walkthrough has taken it. `open` wires the
 * answer to `finish`; a replaced input is hidden by its successor, which is not an answer.
 */
function guarded<R, Q extends vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox>(
  open: (finish: (value: R | undefined) => void, isCurrent: () => boolean) => Q,
  wantsIgnoreFocusOut = false,
): Promise<R | undefined> {
  const guard = opaqueEditorActive();
  return new Promise<R | undefined>((resolve) => {
    let current: Q | undefined;
    let settled = false;
    let touched = false;
    const finish = (value: R | undefined): void => {
      if (settled) return;
      settled = true;
      current?.dispose();
      resolve(value);
    };
    const show = (): void => {
      let input: Q | undefined = undefined;
      input = open(finish, () => input === current);
      // Assigned, never left to the default: the extension host reports `true` for a new input without
      // telling the workbench, where it is `false` (so `ignoreFocusOut ||= guard` would change nothing).
      input.ignoreFocusOut = guard || wantsIgnoreFocusOut;
      input.onDidChangeValue(() => (touched = true));
      current = input;
      input.show();
    };
    show();
    if (!guard) return;
    setTimeout(() => {
      if (settled || touched) return;
      const replaced = current;
      show();
      replaced?.dispose();
    }, RECLAIM_AFTER_MS);
  });
}

/** One item, or undefined when the person closes the pick. */
export function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T | undefined> {
  return guarded<T, vscode.QuickPick<T>>((finish, isCurrent) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.items = items;
    if (options.active) pick.activeItems = [options.active];
    pick.onDidAccept(() => finish(pick.selectedItems[0] ?? pick.activeItems[0]));
    pick.onDidHide(() => isCurrent() && finish(undefined));
    return pick;
  });
}

export interface AskOptions {
  title: string;
  prompt?: string;
  password?: boolean;
  ignoreFocusOut?: boolean;
  validateInput?: (value: string) => string | undefined;
}

/** A text (or a password), or undefined when the person closes the box; `showInputBox` with the walkthrough's focus handled. */
export function askText(options: AskOptions): Promise<string | undefined> {
  return guarded<string, vscode.InputBox>((finish, isCurrent) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.password = !!options.password;
    const validate = options.validateInput;
    if (validate) box.onDidChangeValue((v) => (box.validationMessage = validate(v)));
    box.onDidAccept(() => {
      const problem = validate?.(box.value);
      if (problem) box.validationMessage = problem;
      else finish(box.value);
    });
    box.onDidHide(() => isCurrent() && finish(undefined));
    return box;
  }, !!options.ignoreFocusOut);
}
