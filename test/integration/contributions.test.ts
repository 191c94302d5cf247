/**
 * What package.json promises, checked in VS Code after activation: every contributed command is
 * registered (a palette entry, menu item or walkthrough link never ends in "command not found"), and
 * every command a menu, keybinding or walkthrough link names exists (VS Code's own ones included).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { contributedCommands, referencedCommands, type PackageJson } from '../support/contributions';
import { api, extension, test } from './harness';

test(
  'every command contributed in package.json is registered after activation, and every command it names exists',
  async () => {
    await api();
    const ext = extension();
    assert.ok(ext.isActive);
    // The running extension's own package.json: with EXPECT_VSIX, the installed one.
    const pkg = ext.packageJSON as PackageJson;
    const contributed = contributedCommands(pkg);
    assert.ok(contributed.length > 0, 'package.json contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      'contributed but not registered',
    );
    const references = referencedCommands(pkg, ext.extensionPath);
    assert.ok(references.length > 0, 'package.json names no command in menus or the walkthrough');
    assert.deepStrictEqual(
      references.filter((r) => !registered.has(r.command)),
      [],
      'named in package.json but not a command',
    );
  },
  { smoke: true },
);
