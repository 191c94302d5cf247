/**
 * A workspace's settings can only make things stricter (issue "A secret goes only where its owner meant
 * it to go"): which environment entries are offered, from which scope, what an approval covers, and the
 * settings a workspace cannot decide.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  approvalDetail,
  approvalKey,
  approvalKeyName,
  environmentChoices,
  resolveEnvironment,
  type ResolvedEnvironment,
} from '../../../server/src/workflow/environments';
import { ignoredWorkspaceValue, stricterFlag, userValue } from '../../../server/src/workflow/settingScopes';

const USER = {
  name: 'prod',
  apiUrl: 'https://api.example.com/v1',
  authUrl: 'https://auth.example.com',
  environmentId: 'aaaaaaaa-0000-4000-8000-000000000001',
  clientId: 'client-1',
  production: true,
};
/** The same name, the same token endpoint and client (so the user's stored secret), but not production. */
const SHADOW = { ...USER, production: false, environmentId: 'bbbbbbbb-0000-4000-8000-000000000002' };

function resolved(raw: Record<string, unknown>): ResolvedEnvironment {
  const r = resolveEnvironment(raw);
  assert.ok(r.env, JSON.stringify(r.problems));
  return r.env;
}

describe('environment entries by scope', () => {
  it("a workspace entry with a user entry's name is ignored, with a warning: the user's entry (and production) is used", () => {
    const r = environmentChoices({ user: [USER], workspace: [SHADOW] }, { trusted: true });
    assert.deepStrictEqual(
      r.choices.map((c) => [c.env.name, c.scope, c.env.environmentId, c.env.production]),
      [['prod', 'user', USER.environmentId, true]],
    );
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0], /"prod" of the workspace settings is ignored: your user settings define "prod"/);
    assert.ok(r.problems.includes(r.warnings[0]));
    // The same from folder settings.
    const f = environmentChoices({ user: [USER], workspaceFolder: [SHADOW] }, { trusted: true });
    assert.deepStrictEqual(
      f.choices.map((c) => c.scope),
      ['user'],
    );
  });

  it('a workspace entry of another name is offered as a workspace entry, after the user entries', () => {
    const r = environmentChoices({ user: [USER], workspace: [{ ...SHADOW, name: 'project' }] }, { trusted: true });
    assert.deepStrictEqual(
      r.choices.map((c) => [c.env.name, c.scope]),
      [
        ['prod', 'user'],
        ['project', 'workspace'],
      ],
    );
    assert.deepStrictEqual(r.warnings, []);
  });

  it('a workspace entry for an environment that a user entry marks production is production too', () => {
    const r = environmentChoices(
      { user: [USER], workspace: [{ ...USER, name: 'same-env', production: false, apiUrl: 'https://custom.example.com' }] },
      { trusted: true },
    );
    const ws = r.choices.find((c) => c.env.name === 'same-env');
    assert.equal(ws?.scope, 'workspace');
    assert.equal(ws?.env.production, true);
    // Another environment keeps its own flag.
    const other = environmentChoices({ user: [USER], workspace: [{ ...SHADOW, name: 'other' }] }, { trusted: true });
    assert.equal(other.choices.find((c) => c.env.name === 'other')?.env.production, false);
  });

  it('an untrusted workspace adds no entries (and warns about none)', () => {
    const r = environmentChoices(
      { user: [USER], workspace: [{ ...SHADOW, name: 'project' }], workspaceFolder: [SHADOW] },
      { trusted: false },
    );
    assert.deepStrictEqual(
      r.choices.map((c) => [c.env.name, c.scope]),
      [['prod', 'user']],
    );
    assert.deepStrictEqual(r.warnings, []);
  });

  it('problems of broken entries are reported from every scope, never thrown', () => {
    const r = environmentChoices({ user: [{ name: 'x' }, 'nonsense'], workspace: [{}] }, { trusted: true });
    assert.deepStrictEqual(r.choices, []);
    assert.ok(r.problems.length >= 3, JSON.stringify(r.problems));
  });
});

describe('the approval of a workspace entry', () => {
  const base = {
    name: 'ws',
    apiUrl: 'https://api.example.com',
    authUrl: 'https://auth.example.com',
    environmentId: 'cccccccc-0000-4000-8000-000000000003',
    clientId: 'client-3',
    variables: { gatewayUrl: 'https://gw.example.com' },
  };
  const key = approvalKey(resolved(base));

  const changes: [string, Record<string, unknown>][] = [
    ['apiUrl', { apiUrl: 'https://elsewhere.example.com' }],
    ['authUrl', { authUrl: 'https://auth.elsewhere.example.com' }],
    ['environmentId', { environmentId: 'dddddddd-0000-4000-8000-000000000004' }],
    ['tokenEnvironmentId', { tokenEnvironmentId: 'eeeeeeee-0000-4000-8000-000000000005' }],
    ['clientId', { clientId: 'client-4' }],
    ['tokenAuthMethod', { tokenAuthMethod: 'CLIENT_SECRET_POST' }],
    ['production', { production: true }],
    ['a variable changed', { variables: { gatewayUrl: 'https://attacker.example.com' } }],
    ['a variable added', { variables: { ...base.variables, to: '+61400000000' } }],
    ['region instead of URLs', { apiUrl: undefined, authUrl: undefined, region: 'EU' }],
  ];
  for (const [what, change] of changes) {
    it(`covers ${what}: a changed entry gets another key (asked again)`, () => {
      assert.notEqual(approvalKey(resolved({ ...base, ...change })), key);
    });
  }

  it('is the same for the same entry (variables in another order too), and names its entry', () => {
    assert.equal(approvalKey(resolved({ ...base })), key);
    const two = { ...base, variables: { a: '1', b: '2' } };
    assert.equal(approvalKey(resolved(two)), approvalKey(resolved({ ...base, variables: { b: '2', a: '1' } })));
    assert.equal(approvalKeyName(key), 'ws');
    assert.equal(approvalKeyName('["ws","https://api","https://token","client"]'), undefined, 'an approval of the old form');
    assert.equal(approvalKeyName('not json'), undefined);
  });

  it('shows every field it covers', () => {
    const env = resolved({ ...base, production: true, tokenAuthMethod: 'CLIENT_SECRET_POST' });
    const d = approvalDetail(env);
    for (const part of [
      `Token endpoint: ${env.tokenUrl}`,
      `API: ${env.apiBase}`,
      `Environment id: ${env.environmentId}`,
      'Client id: client-3 (CLIENT_SECRET_POST)',
      'Production: yes',
      'Variables: gatewayUrl = https://gw.example.com',
    ])
      assert.ok(d.includes(part), `${part} not in:\n${d}`);
    assert.match(approvalDetail(resolved({ ...base, variables: undefined })), /Variables: none/);
  });
});

describe('settings a workspace cannot decide', () => {
  it('activeEnvironment (userValue): the user settings, else the default; never the workspace or folder', () => {
    assert.equal(userValue({ defaultValue: '', globalValue: 'mine', workspaceValue: 'theirs', workspaceFolderValue: 'folder' }), 'mine');
    assert.equal(userValue({ defaultValue: '', workspaceValue: 'theirs' }), '');
    assert.equal(userValue({ defaultValue: '', workspaceFolderValue: 'folder' }), '');
    assert.equal(userValue(undefined), undefined);
    assert.equal(ignoredWorkspaceValue({ defaultValue: '', workspaceValue: 'theirs' }), true);
    assert.equal(ignoredWorkspaceValue({ defaultValue: '', globalValue: 'mine' }), false);
  });

  it('confirmEverySend (stricterFlag): a workspace turns it on, never off', () => {
    assert.equal(stricterFlag({ defaultValue: false, globalValue: true, workspaceValue: false }), true);
    assert.equal(stricterFlag({ defaultValue: false, globalValue: true, workspaceFolderValue: false }), true);
    assert.equal(stricterFlag({ defaultValue: false, workspaceValue: true }), true);
    assert.equal(stricterFlag({ defaultValue: false, workspaceFolderValue: true }), true);
    assert.equal(stricterFlag({ defaultValue: false, globalValue: false }), false);
    assert.equal(stricterFlag({ defaultValue: true, workspaceValue: false }), true);
    assert.equal(stricterFlag(undefined), false);
  });
});
