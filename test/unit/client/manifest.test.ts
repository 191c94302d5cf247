/**
 * The extension manifest (package.json) says what VS Code itself enforces: the untrusted-workspace
 * capabilities are read only at the top level (not inside `contributes`), and the settings that change
 * where a secret or a write goes are restricted there and cannot be chosen by a workspace.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] };
    virtualWorkspaces?: unknown;
  };
  contributes: {
    capabilities?: unknown;
    configuration: { id: string; title: string; properties: Record<string, { scope?: string }> }[];
  };
}
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
// Categories with ids (so that the Settings editor names them "PingOne", "Files", "Limits", not "Pingone: …").
const categories = manifest.contributes.configuration;
const settings = Object.assign({}, ...categories.map((c) => c.properties));

describe('package.json: what VS Code enforces for the extension', () => {
  it('declares `capabilities` at the top level, where VS Code reads it (not inside `contributes`)', () => {
    assert.equal(manifest.contributes.capabilities, undefined, '`contributes.capabilities` is ignored by VS Code');
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  });

  it('restricts, in untrusted workspaces, every setting that changes where a secret or a write goes', () => {
    const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    for (const key of ['pingone.environments', 'pingone.activeEnvironment', 'pingone.confirmEverySend'])
      assert.ok(restricted.includes(key), `${key} is not restricted: ${JSON.stringify(restricted)}`);
    for (const key of restricted) assert.ok(settings[key], `${key} is restricted but not contributed`);
  });

  it('pingone.activeEnvironment can only be set in user settings (scope application)', () => {
    assert.equal(settings['pingone.activeEnvironment'].scope, 'application');
  });

  it('names its settings "PingOne › …", not "Pingone: …": every setting is in a category whose id is its key prefix', () => {
    // VS Code's Settings editor drops a key's prefix only when it equals the category's id (settingsTreeModels.ts trimCategoryForGroup).
    assert.equal(categories[0].title, 'PingOne');
    for (const c of categories)
      for (const key of Object.keys(c.properties)) assert.ok(key.startsWith(`${c.id}.`), `${key} in category ${c.id}`);
  });

  it('pingone.trace.server can only be set in user settings: a workspace cannot make whole documents go to the output channel', () => {
    assert.equal(settings['pingone.trace.server'].scope, 'application');
  });
});
