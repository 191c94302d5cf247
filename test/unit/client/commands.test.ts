/**
 * The commands of package.json against the client's command tables, without VS Code: every command
 * that a menu, a keybinding or the walkthrough names is contributed, and the client registers
 * exactly the contributed commands. (The integration suite checks the same in a real VS Code, after
 * activation: test/integration/contributions.test.ts.)
 */
import assert from 'node:assert/strict';
import Module from 'node:module';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { contributedCommands, isOurs, referencedCommands, type PackageJson } from '../../support/contributions';

const ROOT = resolve(__dirname, '../../../..');
const pkg = require(resolve(ROOT, 'package.json')) as PackageJson;

/**
 * The ids the client passes to `vscode.commands.registerCommand` when `registerCommands` runs over
 * its tables (as client/src/extension.ts registers them), with a stand-in for the `vscode` module (the tables only build closures: nothing else
 * of it is used until a command runs).
 */
function registeredCommands(): string[] {
  const registered: string[] = [];
  const stub = {
    commands: {
      registerCommand: (id: string) => {
        registered.push(id);
        return { dispose: () => undefined };
      },
    },
  };
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'vscode' ? stub : load.call(this, request, parent, isMain);
  };
  try {
    const { LANGUAGE_COMMANDS, registerCommands } =
      require('../../../client/src/commands') as typeof import('../../../client/src/commands');
    const { pingoneCommands } =
      require('../../../client/src/commands/pingoneCommands') as typeof import('../../../client/src/commands/pingoneCommands');
    const { explorerCommands } = require('../../../client/src/explorer/commands') as typeof import('../../../client/src/explorer/commands');
    const deps = { ctx: { extension: { subscriptions: [] } }, files: {} } as unknown as Parameters<typeof registerCommands>[0];
    registerCommands(
      deps,
      LANGUAGE_COMMANDS,
      pingoneCommands({} as Parameters<typeof pingoneCommands>[0]),
      explorerCommands({} as Parameters<typeof explorerCommands>[0], {} as Parameters<typeof explorerCommands>[1]),
    );
  } finally {
    loader._load = load;
  }
  return registered;
}

describe('package.json commands', () => {
  const contributed = contributedCommands(pkg);

  it('contributes each command once', () => {
    assert.ok(contributed.length > 0);
    assert.deepEqual(
      contributed.filter((c, i) => contributed.indexOf(c) !== i),
      [],
    );
  });

  it('every command of our own that a menu, a keybinding or the walkthrough names is contributed', () => {
    const references = referencedCommands(pkg, ROOT);
    assert.ok(
      references.some((r) => r.where.startsWith('menus.')) && references.some((r) => r.where.startsWith('walkthroughs.')),
      `menus and walkthrough references found: ${JSON.stringify(references)}`,
    );
    const missing = references.filter((r) => isOurs(r.command) && !contributed.includes(r.command));
    assert.deepEqual(missing, [], 'named but not contributed');
    // VS Code's own commands are checked in VS Code (the integration test); ours all carry the prefix.
    for (const c of contributed) assert.ok(isOurs(c), `${c} has no pingone. prefix`);
  });

  it('the client registers exactly the contributed commands (its command tables, client/src/commands)', () => {
    const registered = registeredCommands();
    assert.deepEqual(
      registered.filter((c, i) => registered.indexOf(c) !== i),
      [],
      'registered twice',
    );
    assert.deepEqual(
      registered.filter((c) => !contributed.includes(c)),
      [],
      'registered but not contributed (no title in the palette)',
    );
    assert.deepEqual(
      contributed.filter((c) => !registered.includes(c)),
      [],
      'contributed but not registered ("command not found")',
    );
  });
});
