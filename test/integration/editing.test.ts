/**
 * Editing as a person meets it in the workbench (issue 14): completion offers only what the checker
 * then accepts, and no whole-file template inside an object; a quick fix that inserts an example
 * leaves it flagged; one syntax error is one problem; a literal secret's quick fix moves the value
 * into secret storage (or says that it is not kept); a POST without a content-type gets a fix.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  api,
  assertNoSecretsAnywhere,
  clearNotifications,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  driver,
  labelOf,
  LANGUAGE_ID,
  ours,
  setSetting,
  test,
  waitForDiagnostics,
  waitForNotification,
} from './harness';

const ERROR = vscode.DiagnosticSeverity.Error;
const WARNING = vscode.DiagnosticSeverity.Warning;

/** The templates' snippet prefixes, and their names (the labels VS Code gives a snippet, and the server's). */
const TEMPLATE_WORDS = /^pingone-|^Custom provider,|^Twilio|^Syniverse/;

async function untitled(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  return vscode.window.showTextDocument(doc);
}

async function completion(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'command' in a);
}

const lines = (...l: string[]): string => l.join('\n') + '\n';

/** A custom provider as Terraform's acceptance test writes it (BEARER, one request, numbers of each type). */
const CUSTOM = lines(
  '{',
  '  "name": "Editing",',
  '  "provider": "CUSTOM_PROVIDER",',
  '  "authentication": {',
  '    "method": "BEARER",',
  '    "authToken": "{{gatewayAuthToken}}"',
  '  },',
  '  "requests": [',
  '    {',
  '      "deliveryMethod": "SMS",',
  '      "url": "https://pingdevops.com/fake-send-to-test?to=${to}&message=${message}",',
  '      "method": "GET",',
  '      "phoneNumberFormat": "FULL"',
  '    }',
  '  ],',
  '  "numbers": [',
  '    {',
  '      "type": "PHONE_NUMBER",',
  '      "number": "+441234567892",',
  '      "capabilities": [',
  '        "SMS"',
  '      ]',
  '    },',
  '    {',
  '      "type": "TOLL_FREE",',
  '      "number": "+441234567890",',
  '      "capabilities": ["SMS", "VOICE"],',
  '      "supportedCountries": ["US", "FR"]',
  '    }',
  '  ]',
  '}',
);

test('completion in a nested object: no whole-file template, and nothing the checker then flags (no supportedCountries on a PHONE_NUMBER)', async () => {
  const editor = await untitled(CUSTOM);
  const uri = editor.document.uri;
  await waitForDiagnostics(uri, 'the document checked', (d) => !ours(d).some((x) => x.severity === ERROR));
  const line = (text: string): number => CUSTOM.split('\n').findIndex((l) => l.includes(text));

  // A new property inside authentication, and inside the PHONE_NUMBER (after its "type" line).
  for (const [where, at] of [
    ['authentication', new vscode.Position(line('"method": "BEARER"'), '    "method": "BEARER",'.length)],
    ['the PHONE_NUMBER', new vscode.Position(line('"type": "PHONE_NUMBER"'), '      "type": "PHONE_NUMBER",'.length)],
  ] as const) {
    await editor.edit((b) => b.insert(at, '\n    '));
    const position = new vscode.Position(at.line + 1, 4);
    const items = await completion(uri, position);
    const labels = items.map(labelOf);
    assert.deepStrictEqual(
      labels.filter((l) => TEMPLATE_WORDS.test(l)),
      [],
      `whole-file templates offered inside ${where}: ${JSON.stringify(labels)}`,
    );
    assert.ok(
      !items.some((i) => i.kind === vscode.CompletionItemKind.Snippet && /^pingone-/.test(labelOf(i))),
      `a pingone- snippet inside ${where}: ${JSON.stringify(labels)}`,
    );
    if (where === 'the PHONE_NUMBER') {
      assert.ok(!labels.includes('supportedCountries'), `supportedCountries offered on a PHONE_NUMBER: ${JSON.stringify(labels)}`);
      assert.ok(labels.includes('selected') && labels.includes('available'), JSON.stringify(labels));
    }
    await vscode.commands.executeCommand('undo');
  }

  // The type of the TOLL_FREE number (two countries): not PHONE_NUMBER, not SHORT_CODE.
  const typeLine = line('"type": "TOLL_FREE"');
  const types = (await completion(uri, new vscode.Position(typeLine, '      "type": "TO'.length))).map(labelOf);
  assert.deepStrictEqual(
    types.filter((l) => ['PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE'].includes(l)),
    ['TOLL_FREE'],
    JSON.stringify(types),
  );
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('whole-file templates come where a whole document goes: an empty file and an empty {}, each accepted without errors', async () => {
  for (const content of ['', '{}']) {
    const editor = await untitled(content);
    const items = await completion(editor.document.uri, new vscode.Position(0, content.length ? 1 : 0));
    const templates = items.filter((i) => /^pingone-/.test(labelOf(i)));
    assert.ok(templates.length >= 6, `${JSON.stringify(content)}: ${JSON.stringify(items.map(labelOf))}`);
    assert.deepStrictEqual(
      [...new Set(templates.map(labelOf))].length,
      templates.length,
      'a template offered twice (the snippets file and the server)',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
});

test('"Add missing property url" on a VOICE request: the inserted example stays flagged, the problems do not all clear', async () => {
  const editor = await untitled(
    lines(
      '{',
      '  "name": "Voice",',
      '  "provider": "CUSTOM_PROVIDER",',
      '  "authentication": { "method": "BEARER", "authToken": "{{gatewayAuthToken}}" },',
      '  "requests": [',
      '    {',
      '      "deliveryMethod": "VOICE",',
      '      "method": "POST",',
      '      "body": "to=${to}&message=${message}",',
      '      "headers": { "content-type": "application/x-www-form-urlencoded" },',
      '      "phoneNumberFormat": "FULL"',
      '    }',
      '  ]',
      '}',
    ),
  );
  const uri = editor.document.uri;
  const ds = await waitForDiagnostics(uri, 'missing url', (d) => ours(d).some((x) => codeOf(x) === 'missing-property'));
  const missing = ours(ds).find((x) => codeOf(x) === 'missing-property')!;
  const fixes = await quickFixes(uri, missing);
  const fix = fixes.find((a) => a.title === 'Add missing property "url"');
  assert.ok(fix?.edit, `no "Add missing property url" among ${JSON.stringify(fixes.map((a) => a.title))}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(editor.document.getText(), /"url": "https:\/\/gateway\.example\.com\//);
  const after = await waitForDiagnostics(uri, 'the example flagged', (d) => !ours(d).some((x) => codeOf(x) === 'missing-property'));
  const flagged = ours(after).filter((x) => codeOf(x) === 'example-value');
  assert.strictEqual(flagged.length, 1, describeDiagnostics(after));
  assert.strictEqual(flagged[0].severity, WARNING);
  assert.match(flagged[0].message, /^Example value, replace it: "gateway\.example\.com"/);
  assert.match(editor.document.getText(flagged[0].range), /^"https:\/\/gateway\.example\.com\//);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('one missing "]": one problem in the Problems view, not a cascade; the finding of the intact part before it stays', async () => {
  // The "]" of the toll-free number's capabilities deleted: the keys after it read as items of that array.
  const broken = CUSTOM.replace('["SMS", "VOICE"],', '["SMS", "VOICE",').replace('"{{gatewayAuthToken}}"', '"literal-bearer-token"');
  assert.notStrictEqual(broken, CUSTOM);
  const editor = await untitled(broken);
  const uri = editor.document.uri;
  const ds = ours(await waitForDiagnostics(uri, 'the syntax error', (d) => ours(d).some((x) => codeOf(x) === 'invalid-json')));
  assert.deepStrictEqual(
    ds.map((d) => `${String(codeOf(d))} ${editor.document.getText(d.range)}`),
    ['literal-secret "literal-bearer-token"', 'invalid-json "supportedCountries"'],
    describeDiagnostics(ds),
  );
  const syntax = ds.find((d) => codeOf(d) === 'invalid-json')!;
  assert.match(syntax.message, /A closing bracket `\]` is expected before "supportedCountries": the array above it is not closed\./);
  // The Problems view, as the person reads it: that one error.
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await driver.waitForText('A closing bracket `]` is expected before "supportedCountries"', { selector: '.markers-panel' });
  const html = String((await driver.drive({ action: 'html', selector: '.markers-panel' })).html);
  assert.doesNotMatch(
    html,
    /is not a valid item|must be an object|Missing required property/,
    'a finding of the parser’s guess in the Problems view',
  );
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closePanel');
});

test('a POST without a content-type: a quick fix adds "Content-Type" with the type that matches the body', async () => {
  const editor = await untitled(
    lines(
      '{',
      '  "name": "JSON gateway",',
      '  "provider": "CUSTOM_PROVIDER",',
      '  "authentication": { "method": "BEARER", "authToken": "{{gatewayAuthToken}}" },',
      '  "requests": [',
      '    {',
      '      "deliveryMethod": "SMS",',
      '      "url": "https://pingdevops.com/fake-send-to-test",',
      '      "method": "POST",',
      '      "body": "{\\"to\\":\\"${to}\\",\\"text\\":\\"${message}\\"}",',
      '      "phoneNumberFormat": "FULL"',
      '    }',
      '  ]',
      '}',
    ),
  );
  const uri = editor.document.uri;
  const ds = await waitForDiagnostics(uri, 'content-type-missing', (d) => ours(d).some((x) => codeOf(x) === 'content-type-missing'));
  const fixes = await quickFixes(
    uri,
    ours(ds).find((x) => codeOf(x) === 'content-type-missing')!,
  );
  const titles = fixes.map((a) => a.title);
  assert.deepStrictEqual(
    titles.filter((t) => t.startsWith('Add header')),
    ['Add header "Content-Type: application/json" (matches the body)', 'Add header "Content-Type: application/x-www-form-urlencoded"'],
  );
  const fix = fixes.find((a) => a.title.includes('application/json'))!;
  assert.strictEqual(fix.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  const after = await waitForDiagnostics(
    uri,
    'content-type-missing gone',
    (d) => !ours(d).some((x) => codeOf(x) === 'content-type-missing'),
  );
  assert.deepStrictEqual(ours(after), [], describeDiagnostics(after));
  const body = JSON.parse(editor.document.getText()) as { requests: { headers: Record<string, string> }[] };
  assert.deepStrictEqual(body.requests[0].headers, { 'Content-Type': 'application/json' });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

const EDIT_ENV = {
  name: 'editing-env',
  region: 'EU',
  environmentId: '6d2b1c38-2f5e-4b8f-9c39-8f1f3f0d1e2a',
  clientId: '0b7a3f5e-9d1c-4e6b-a2f8-3c5d7e9f1a2b',
};
const LITERAL = 'Bearer-9f83b2c1d4e5a6f7-literal';

test('the literal-secret quick fix moves the value into secret storage for the active environment, then puts {{gatewayAuthToken}} in its place', async () => {
  const a = await api();
  const config = vscode.workspace.getConfiguration('pingone');
  const before = { environments: config.inspect('environments')?.globalValue, active: config.inspect('activeEnvironment')?.globalValue };
  await setSetting('environments', [EDIT_ENV]);
  await setSetting('activeEnvironment', EDIT_ENV.name);
  const env = a.pingone.session.environments().choices.find((c) => c.env.name === EDIT_ENV.name)!.env;
  try {
    await clearNotifications();
    const content = CUSTOM.replace('"{{gatewayAuthToken}}"', JSON.stringify(LITERAL));
    const editor = await untitled(content);
    const uri = editor.document.uri;
    const found = async (): Promise<vscode.CodeAction[]> => {
      const ds = await waitForDiagnostics(uri, 'literal-secret', (d) => ours(d).some((x) => codeOf(x) === 'literal-secret'));
      const d = ours(ds).find((x) => codeOf(x) === 'literal-secret')!;
      assert.ok(!d.message.includes(LITERAL), 'the secret in a diagnostic');
      return quickFixes(uri, d);
    };
    let fixes = await found();
    assert.deepStrictEqual(
      fixes.map((f) => f.title),
      ['Move the secret into secret storage as {{gatewayAuthToken}}', 'Replace it with {{gatewayAuthToken}} (the value is not kept)'],
    );
    let move = fixes[0];
    assert.strictEqual(move.isPreferred, true);
    assert.strictEqual(move.edit, undefined, 'the move replaces nothing before the value is stored');
    assert.ok(!JSON.stringify(move).includes(LITERAL), 'the secret in the code action');

    // The file changed after the fix was offered: nothing stored, nothing replaced, and it says so.
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '  \n'));
    await vscode.commands.executeCommand(move.command!.command, ...(move.command!.arguments ?? []));
    await waitForNotification('Nothing was stored, and the file is unchanged: the file changed since the quick fix was offered');
    assert.ok(editor.document.getText().includes(JSON.stringify(LITERAL)), 'the literal is gone though nothing was stored');
    assert.strictEqual(await a.pingone.session.secretVariable(env, 'gatewayAuthToken'), undefined);

    // As the person picks it from the light bulb: the workbench runs the action's command.
    fixes = await found();
    move = fixes[0];
    await vscode.commands.executeCommand(move.command!.command, ...(move.command!.arguments ?? []));
    await waitForNotification('{{gatewayAuthToken}} is stored in secret storage for "editing-env"');
    assert.strictEqual(await a.pingone.session.secretVariable(env, 'gatewayAuthToken'), LITERAL);
    const text = editor.document.getText();
    assert.ok(!text.includes(LITERAL), 'the literal is still in the file');
    assert.strictEqual((JSON.parse(text) as { authentication: { authToken: string } }).authentication.authToken, '{{gatewayAuthToken}}');
    const after = await waitForDiagnostics(uri, 'literal-secret gone', (d) => !ours(d).some((x) => codeOf(x) === 'literal-secret'));
    assert.deepStrictEqual(ours(after), [], describeDiagnostics(after));
    await assertNoSecretsAnywhere(
      [{ label: 'the literal bearer token, moved into secret storage', value: LITERAL }],
      'literal-secret move',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } finally {
    await a.pingone.session.setSecretVariable(env, 'gatewayAuthToken', undefined);
    await setSetting('environments', before.environments ?? []);
    await setSetting('activeEnvironment', before.active);
    await closeAllEditors();
  }
});
