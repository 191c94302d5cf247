/**
 * The commands of package.json: those it contributes (`contributes.commands`), and those it refers to
 * (menus, keybindings, the walkthrough's `command:` links, in its steps and their markdown). Shared by
 * the unit test (test/unit/client/commands.test.ts) and the integration test in VS Code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Contributes {
  commands?: { command: string }[];
  menus?: Record<string, { command?: string; alt?: string }[]>;
  keybindings?: { command: string }[];
  walkthroughs?: {
    id: string;
    completionEvents?: string[];
    steps: { id: string; description?: string; completionEvents?: string[]; media?: { markdown?: string } }[];
  }[];
}

export interface PackageJson {
  contributes?: Contributes;
}

/** Every `contributes.commands[].command`, in order. */
export function contributedCommands(pkg: PackageJson): string[] {
  return (pkg.contributes?.commands ?? []).map((c) => c.command);
}

/** The command of a `command:` link (`command:id` or `command:id?args`) in markdown or a walkthrough description. */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]);
}

export interface CommandReference {
  command: string;
  /** Where package.json names it: `menus.editor/title`, `keybindings`, `walkthroughs.<id>.<step>`. */
  where: string;
}

/**
 * Every command package.json names outside `contributes.commands`. `extensionRoot` is the folder of
 * the package.json, for the walkthrough steps' markdown (read when it exists).
 */
export function referencedCommands(pkg: PackageJson, extensionRoot: string): CommandReference[] {
  const out: CommandReference[] = [];
  for (const [menu, items] of Object.entries(pkg.contributes?.menus ?? {}))
    for (const item of items) {
      if (item.command) out.push({ command: item.command, where: `menus.${menu}` });
      if (item.alt) out.push({ command: item.alt, where: `menus.${menu} (alt)` });
    }
  for (const k of pkg.contributes?.keybindings ?? []) out.push({ command: k.command, where: 'keybindings' });
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    const onCommand = (events: string[] | undefined, where: string) => {
      for (const e of events ?? []) if (e.startsWith('onCommand:')) out.push({ command: e.slice('onCommand:'.length), where });
    };
    onCommand(w.completionEvents, `walkthroughs.${w.id}`);
    for (const step of w.steps) {
      const where = `walkthroughs.${w.id}.${step.id}`;
      for (const command of commandLinks(step.description ?? '')) out.push({ command, where });
      onCommand(step.completionEvents, where);
      const markdown = step.media?.markdown && join(extensionRoot, step.media.markdown);
      if (markdown && existsSync(markdown))
        for (const command of commandLinks(readFileSync(markdown, 'utf8')))
          out.push({ command, where: `${where} (${step.media!.markdown})` });
    }
  }
  return out;
}

/** Our own commands (the `pingone.` prefix): the others (`workbench.…`) are VS Code's. */
export const isOurs = (command: string): boolean => command.startsWith('pingone.');
