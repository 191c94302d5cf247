/**
 * The editing side, the way a person meets it: which files get the language mode, the lazily started
 * language server, diagnostics, completion, hover, quick fixes, snippets and the "New File" templates.
 * The first test must run in a fresh host (nothing of our language open yet).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  api,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  documentFor,
  driver,
  extension,
  fixtureUri,
  labelOf,
  LANGUAGE_ID,
  openFixture,
  ours,
  test,
  waitFor,
  waitForDiagnostics,
} from './harness';

const ERROR = vscode.DiagnosticSeverity.Error;

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<{ labels: string[]; items: vscode.CompletionItem[] }> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  const items = list?.items ?? [];
  return { labels: items.map(labelOf), items };
}

function duplicates(labels: string[]): string[] {
  return [...new Set(labels.filter((l, i) => labels.indexOf(l) !== i))];
}

/** The contributed snippets, as shipped (read from the running extension's own folder). */
function contributedSnippets(): Record<string, { prefix?: string; isFileTemplate?: boolean; body: string[] }> {
  const file = path.join(extension().extensionPath, 'snippets', 'phone-delivery-settings.code-snippets');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix?: string; isFileTemplate?: boolean; body: string[] }>;
}

async function untitled(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  return vscode.window.showTextDocument(doc);
}

test(
  'the extension is present and activates; the language server is not started before a phone delivery document',
  async () => {
    const ext = extension();
    const a = await api();
    assert.ok(ext.isActive);
    if (process.env.EXPECT_VSIX === '1') {
      assert.strictEqual(a.ctx.extension.extensionMode, vscode.ExtensionMode.Production, 'the installed .vsix runs in Production mode');
      assert.ok(
        !ext.extensionPath.startsWith(path.resolve(__dirname, '..', '..', '..')),
        `loaded from ${ext.extensionPath}, not from the installed .vsix`,
      );
      assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.js')), 'the .vsix ships dist/server.js');
    }
    const ourDocs = vscode.workspace.textDocuments.filter((d) => d.languageId === LANGUAGE_ID);
    assert.deepStrictEqual(
      ourDocs.map((d) => d.uri.toString()),
      [],
      'no phone delivery document should be open in a fresh host',
    );
    assert.strictEqual(a.ctx.serverRunning, false, 'the language server must start lazily');
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'pingone.send',
      'pingone.newFile',
      'pingone.setClientSecret',
      'pingone.selectEnvironment',
      'pingone.treatAsPhoneDelivery',
    ]) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  },
  { smoke: true },
);

test('a plain .json file with unrelated content keeps the json mode, gets nothing from the extension, and starts no server', async () => {
  const a = await api();
  const editor = await openFixture('unrelated.json');
  const uri = editor.document.uri;
  assert.strictEqual(editor.document.languageId, 'json');
  // A round trip through the workbench after the open: the extension's open handlers have run by now.
  await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
  assert.strictEqual(documentFor(uri)?.languageId, 'json');
  assert.strictEqual(a.ctx.serverRunning, false, 'a JSON file must not start the PingOne language server');
  // Completion inside the object: VS Code's JSON support may answer, the extension must not.
  const { labels } = await completionLabels(uri, new vscode.Position(6, 3));
  assert.deepStrictEqual(
    labels.filter((l) => l.startsWith('pingone-') || ['authentication', 'requests', 'numbers'].includes(l)),
    [],
    JSON.stringify(labels),
  );
  assert.deepStrictEqual(ours(vscode.languages.getDiagnostics(uri)), []);
});

test('recognised-by-content.json switches to the phone delivery mode and starts the server; unrelated.json stays json', async () => {
  const a = await api();
  const serverStarted = waitFor('the language server to start', () => a.ctx.serverRunning, {
    timeoutMs: 30_000,
    events: [a.ctx.onDidChangeServer],
  });
  const editor = await openFixture('recognised-by-content.json', LANGUAGE_ID);
  assert.strictEqual(documentFor(editor.document.uri)?.languageId, LANGUAGE_ID);
  await serverStarted;
  // Both went through the same open handler, unrelated.json first: its decision is final by now.
  assert.strictEqual(documentFor(fixtureUri('unrelated.json'))?.languageId, 'json');
  assert.deepStrictEqual(ours(vscode.languages.getDiagnostics(fixtureUri('unrelated.json'))), []);
  // The PingOne server answers for it: its outline is named after the provider's "name".
  const syms = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
  assert.deepStrictEqual(
    syms?.map((s) => s.name),
    ['Recognised by its content'],
  );
  await closeAllEditors();
});

test(
  'diagnostics of invalid.phone-delivery.json: codes, severities and ranges',
  async () => {
    const editor = await openFixture('invalid.phone-delivery.json', LANGUAGE_ID);
    const uri = editor.document.uri;
    const ds = ours(await waitForDiagnostics(uri, '4 pingone diagnostics', (d) => ours(d).length >= 4));
    const got = ds
      .map((d) => ({
        code: codeOf(d),
        severity: d.severity,
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      }))
      .sort((x, y) => x.range[0] - y.range[0] || String(x.code).localeCompare(String(y.code)));
    assert.deepStrictEqual(
      got,
      [
        { code: 'invalid-value', severity: ERROR, range: [9, 24, 9, 31] }, // "Voice"
        { code: 'example-value', severity: vscode.DiagnosticSeverity.Warning, range: [10, 13, 10, 69] }, // gateway.example.com
        { code: 'url-not-https', severity: vscode.DiagnosticSeverity.Warning, range: [10, 13, 10, 69] }, // "http://…"
        { code: 'property-not-allowed', severity: vscode.DiagnosticSeverity.Warning, range: [14, 2, 14, 10] }, // "colour"
      ],
      describeDiagnostics(ds),
    );
    // Nothing from VS Code's own JSON support (the mode is not json): every diagnostic is the server's.
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'pingone'),
      [],
    );
  },
  { smoke: true },
);

test(
  "completion offers the provider's properties once each (nothing doubled by VS Code's JSON support)",
  async () => {
    const editor = await untitled('{\n  "provider": "CUSTOM_PROVIDER",\n  ""\n}\n');
    const { labels, items } = await completionLabels(editor.document.uri, new vscode.Position(2, 3));
    for (const l of ['name', 'authentication', 'requests', 'numbers'])
      assert.ok(labels.includes(l), `${l} missing from ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('sid'), "sid is a Twilio field, not CUSTOM_PROVIDER's");
    assert.ok(!labels.includes('provider'), 'provider is already in the document');
    assert.deepStrictEqual(duplicates(labels), [], `duplicate completion items: ${JSON.stringify(labels)}`);
    const props = items.filter((i) => i.kind === vscode.CompletionItemKind.Property).map(labelOf);
    assert.deepStrictEqual(duplicates(props), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  },
  { smoke: true },
);

test("hover on a key shows the field's markdown, once", async () => {
  const editor = await openFixture('valid.phone-delivery.json', LANGUAGE_ID);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    editor.document.uri,
    new vscode.Position(2, 5),
  );
  assert.strictEqual(hovers.length, 1, `expected one hover, got ${hovers.length}`);
  const texts = hovers[0].contents.map((c) => (typeof c === 'string' ? c : c.value));
  assert.strictEqual(texts.length, 1, JSON.stringify(texts));
  assert.match(texts[0], /\*\*`provider`\*\*/);
  assert.match(texts[0], /CUSTOM_PROVIDER/);
  assert.strictEqual(hovers[0].range?.start.line, 2);
});

test('a quick fix repairs its diagnostic (code action applied, diagnostics updated)', async () => {
  const editor = await openFixture('invalid.phone-delivery.json', LANGUAGE_ID);
  const uri = editor.document.uri;
  const ds = await waitForDiagnostics(uri, 'invalid-value', (d) => ours(d).some((x) => codeOf(x) === 'invalid-value'));
  const diag = ds.find((x) => codeOf(x) === 'invalid-value')!;
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diag.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a): a is vscode.CodeAction => a.title === 'Change to "VOICE"' && 'edit' in a && !!a.edit);
  assert.ok(fix, `no "Change to \\"VOICE\\"" quick fix with an edit among ${JSON.stringify(titles)}`);
  assert.strictEqual(titles.filter((t) => t === fix.title).length, 1, `the quick fix is offered more than once: ${JSON.stringify(titles)}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit failed');
  assert.strictEqual(editor.document.lineAt(9).text.trim(), '"deliveryMethod": "VOICE",');
  const after = await waitForDiagnostics(
    uri,
    'invalid-value gone',
    (d) => !d.some((x) => codeOf(x) === 'invalid-value') && ours(d).length === 3,
  );
  assert.deepStrictEqual(ours(after).map(codeOf).sort(), ['example-value', 'property-not-allowed', 'url-not-https']);
  await closeAllEditors();
});

test('accepting the pingone-custom-basic snippet in an empty file gives a document without errors', async () => {
  const editor = await untitled('');
  const uri = editor.document.uri;
  // The person types the prefix: not JSON yet, so the server reports an error.
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'pingone-custom-basic'));
  await waitForDiagnostics(uri, 'an error for the bare prefix', (d) => ours(d).some((x) => x.severity === ERROR));
  const { labels, items } = await completionLabels(uri, new vscode.Position(0, 'pingone-custom-basic'.length));
  assert.deepStrictEqual(duplicates(labels), [], `duplicate completion items: ${JSON.stringify(labels)}`);
  const item = items.find((i) => labelOf(i) === 'pingone-custom-basic');
  assert.ok(item, `no pingone-custom-basic snippet in ${JSON.stringify(labels)}`);
  assert.ok(item.insertText instanceof vscode.SnippetString, 'the snippet item has snippet text');
  const range =
    item.range instanceof vscode.Range ? item.range : (item.range?.replacing ?? new vscode.Range(0, 0, 0, 'pingone-custom-basic'.length));
  assert.ok(await editor.insertSnippet(item.insertText, range));
  assert.match(editor.document.getText(), /^\{\s+"\$schema": "https:.*\n\s+"name": "Custom provider \(BASIC\)"/);
  const ds = await waitForDiagnostics(uri, 'no errors after the snippet', (d) => !ours(d).some((x) => x.severity === ERROR));
  assert.deepStrictEqual(
    ds.filter((d) => d.severity === ERROR),
    [],
    describeDiagnostics(ds),
  );
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('every contributed snippet, inserted by name (editor.action.insertSnippet), gives no errors', async () => {
  const snippets = contributedSnippets();
  const names = Object.keys(snippets);
  assert.ok(names.length >= 6, `only ${names.length} snippets`);
  for (const name of names) {
    // No prefix: VS Code would offer it in every completion list, nested objects included (the server
    // offers the templates in an empty document). A file template: Fill File with Snippet lists it.
    assert.strictEqual(snippets[name].prefix, undefined, name);
    assert.strictEqual(snippets[name].isFileTemplate, true, name);
    const editor = await untitled('x');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, `an error for "x" (${name})`, (d) => ours(d).some((x) => x.severity === ERROR));
    editor.selection = new vscode.Selection(0, 0, 0, 1);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { name, langId: LANGUAGE_ID });
    assert.ok(editor.document.getText().includes('"provider"'), `snippet "${name}" was not inserted: ${editor.document.getText()}`);
    const ds = await waitForDiagnostics(uri, `no errors after "${name}"`, (d) => !ours(d).some((x) => x.severity === ERROR));
    assert.deepStrictEqual(
      ours(ds).filter((d) => d.severity === ERROR),
      [],
      `${name}: ${describeDiagnostics(ds)}`,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
});

test('no pingone- snippet or diagnostic in a package.json', async () => {
  const editor = await openFixture('package.json');
  const uri = editor.document.uri;
  assert.strictEqual(editor.document.languageId, 'json');
  // At the start of a new property key, and at the top level.
  const inKey = await completionLabels(uri, new vscode.Position(5, 3));
  const atTop = await completionLabels(uri, new vscode.Position(0, 1));
  const leaked = [...inKey.labels, ...atTop.labels].filter((l) => l.startsWith('pingone-'));
  assert.deepStrictEqual(leaked, []);
  assert.strictEqual(documentFor(uri)?.languageId, 'json');
  assert.deepStrictEqual(ours(vscode.languages.getDiagnostics(uri)), []);
  await closeAllEditors();
});

test(
  '"PingOne: New Phone Delivery Settings File": the quick pick opens an untitled document in the language mode',
  async () => {
    const created = vscode.commands.executeCommand('pingone.newFile');
    const q = await driver.pickQuickItem('Custom provider, BEARER authentication');
    assert.ok(q.items.includes('Custom provider, BASIC authentication'), JSON.stringify(q.items));
    assert.strictEqual(q.title, 'New phone delivery settings file');
    await created;
    const editor = await waitFor(
      'the new untitled editor',
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.scheme === 'untitled' && e.document.getText().includes('BEARER') ? e : undefined;
      },
      { events: [vscode.window.onDidChangeActiveTextEditor] },
    );
    assert.strictEqual(editor.document.languageId, LANGUAGE_ID);
    assert.match(editor.document.getText(), /"provider": "CUSTOM_PROVIDER"/);
    const ds = await waitForDiagnostics(
      editor.document.uri,
      'no errors in the new file',
      (d) => !ours(d).some((x) => x.severity === ERROR),
    );
    assert.deepStrictEqual(
      ds.filter((d) => d.severity === ERROR),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  },
  { smoke: true },
);
