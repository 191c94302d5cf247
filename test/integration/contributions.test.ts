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

test(
  "the installed extension's details page gets its pictures: every README image is an inlined PNG, no link points at a repository file",
  async () => {
    if (process.env.EXPECT_VSIX !== '1') return; // the development folder's README.md is the repository's own
    const ext = extension();
    const names = await vscode.workspace.fs.readDirectory(ext.extensionUri);
    const readme = names.find(([n]) => n.toLowerCase() === 'readme.md');
    assert.ok(readme, 'the installed extension has no README');
    const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, readme[0]))).toString('utf8');
    // The details page renders it under `img-src https: data:`: a relative image is a broken image there.
    const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, `only ${images.length} images`);
    for (const src of images) assert.match(src, /^data:image\/png;base64,iVBORw0KGgo/, `not an inlined PNG: ${src.slice(0, 40)}`);
    const links = [...text.matchAll(/(?<!!)\[[^\]]+\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.deepStrictEqual(
      links.filter((l) => !/^(https?:|mailto:|#)/.test(l)),
      [],
      'links the details page cannot open',
    );
    // The first section an installed user reads is how to use it, not how to build it.
    const firstSection = /^## (.+)$/m.exec(text)?.[1];
    assert.strictEqual(firstSection, 'Getting started');
  },
  { smoke: true },
);
