// Self-test of the test host, loaded in the extension host through extensionTestsPath.
// Plain JS and a tiny runner (no mocha). Env (set by selftest.sh through run.js --env):
//   SELFTEST_EXPECT_MODE  'development' or 'vsix' (which copy of the extension must be running)
//   SELFTEST_SCREENSHOT   where the screenshot goes
//   SELFTEST_FAIL         when set, one test fails on purpose (the run must exit non-zero)
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
// The launcher passes the client's absolute path (handy for compiled tests whose relative paths differ).
const driver = require(process.env.CODE_TEST_DRIVER_CLIENT || '../../driver-client');

const EXT_ID = 'code-test-host.code-test-host-selftest';
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('driver channel is available (CODE_TEST_DRIVER_URL reached the extension host)', async () => {
  assert.ok(driver.available(), 'CODE_TEST_DRIVER_URL not set');
  assert.match(process.env.CODE_TEST_DRIVER_URL, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.strictEqual(process.env.CODE_TEST_DRIVER_CLIENT, path.resolve(__dirname, '..', '..', 'driver-client.js'));
});

test('the extension under test is the expected copy (development folder or installed .vsix)', async () => {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `${EXT_ID} not found`);
  const api = await ext.activate();
  const mode = process.env.SELFTEST_EXPECT_MODE || 'development';
  if (mode === 'vsix') {
    assert.strictEqual(api.extensionMode, vscode.ExtensionMode.Production, 'installed extension should run in Production mode');
    assert.ok(!ext.extensionPath.includes('/selftest/extension'), `loaded from ${ext.extensionPath}, not from the installed .vsix`);
    assert.ok(vscode.extensions.getExtension('code-test-host.code-test-driver'), 'driver extension should be the development extension');
  } else {
    assert.strictEqual(api.extensionMode, vscode.ExtensionMode.Test);
    assert.ok(ext.extensionPath.endsWith(path.join('selftest', 'extension')), ext.extensionPath);
  }
  console.log(`    (${vscode.env.appName} ${vscode.version}, ${process.version}, extension at ${ext.extensionPath})`);
});

test('fresh profile settings, plus CODE_TEST_USER_SETTINGS from the caller', async () => {
  assert.strictEqual(vscode.workspace.getConfiguration('workbench').get('startupEditor'), 'none');
  if (process.env.SELFTEST_EXPECT_FONT_SIZE)
    assert.strictEqual(vscode.workspace.getConfiguration('editor').get('fontSize'), Number(process.env.SELFTEST_EXPECT_FONT_SIZE));
});

test('command: driver answers modal dialog (Yes), quick pick (beta) and input box (hello)', async () => {
  const result = vscode.commands.executeCommand('selftest.ask'); // shows the UI; answered below
  const d = await driver.clickDialogButton('Yes');
  assert.strictEqual(d.message, 'Proceed?');
  assert.strictEqual(d.detail, 'Self-test dialog');
  assert.ok(d.buttons.includes('Yes') && d.buttons.includes('No'), JSON.stringify(d.buttons));
  const q = await driver.pickQuickItem('beta');
  assert.deepStrictEqual(q.items, ['alpha', 'beta']);
  await driver.typeInput('hello');
  assert.deepStrictEqual(await result, { answer: 'Yes', pick: 'beta', input: 'hello' });
});

test('driver request sent BEFORE the dialog exists waits for it', async () => {
  const clicked = driver.clickDialogButton('Later');
  await delay(1000);
  const answer = await vscode.window.showInformationMessage('Now or later?', { modal: true }, 'Now', 'Later');
  assert.strictEqual(answer, 'Later');
  await clicked;
});

test('VS Code call first, driver second (the "No" button)', async () => {
  const shown = vscode.window.showWarningMessage('Proceed?', { modal: true }, 'Yes', 'No');
  await driver.clickDialogButton('No');
  assert.strictEqual(await shown, 'No');
});

test('quick pick of items with descriptions, picked after filtering a long list', async () => {
  const items = Array.from({ length: 200 }, (_, i) => ({ label: `item ${i}`, description: `number ${i}` }));
  const shown = vscode.window.showQuickPick(items, { placeHolder: 'Pick item 150' });
  await driver.pickQuickItem('item 150');
  const picked = await shown;
  assert.strictEqual(picked && picked.label, 'item 150');
});

test('multi-select quick pick (canPickMany): labels are ticked, then accepted', async () => {
  const shown = vscode.window.showQuickPick(['red', 'green', 'blue'], { canPickMany: true });
  const r = await driver.drive({ action: 'pickQuickItem', labels: ['red', 'blue'] });
  assert.strictEqual(r.multi, true);
  assert.deepStrictEqual(await shown, ['red', 'blue']);
});

test('input box validation is reported, then a valid value is accepted', async () => {
  const shown = vscode.window.showInputBox({ prompt: 'A number', validateInput: (v) => (/^\d+$/.test(v) ? undefined : 'digits only') });
  const bad = await driver.typeInput('abc');
  assert.strictEqual(bad.stillOpen, true);
  assert.match(bad.validation, /digits only/);
  await driver.typeInput('42');
  assert.strictEqual(await shown, '42');
});

test('notification: waitForText and clickNotificationButton', async () => {
  const shown = vscode.window.showInformationMessage('Self-test notification 42', 'Open', 'Dismiss');
  await driver.waitForText('Self-test notification 42', { selector: '.notifications-toasts' });
  const list = await driver.notifications();
  assert.ok(
    list.toasts.some((t) => t.includes('Self-test notification 42')),
    JSON.stringify(list.toasts),
  );
  await driver.clickNotificationButton('Open');
  assert.strictEqual(await shown, 'Open');
});

test('screenshot of the workbench with an editor open', async () => {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{\n  "hello": "world"\n}\n' });
  await vscode.window.showTextDocument(doc);
  await driver.waitForText('"world"', { selector: '.monaco-editor' });
  const file = process.env.SELFTEST_SCREENSHOT || path.join(os.tmpdir(), 'code-test-host-selftest', 'workbench.png');
  try {
    fs.unlinkSync(file);
  } catch {}
  const r = await driver.screenshot(file);
  const png = fs.readFileSync(file);
  assert.strictEqual(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.length > 10000, `suspiciously small screenshot: ${png.length} bytes`);
  console.log(`    screenshot ${r.path} (${r.bytes} bytes)`);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('a failing driver action rejects with the reason (no dialog shown)', async () => {
  await assert.rejects(driver.clickDialogButton('Nope', { timeout: 1000 }), /clickDialogButton: .*(Timeout|timeout)/);
  await assert.rejects(driver.drive({ action: 'noSuchAction' }), /unknown action/);
});

if (process.env.SELFTEST_FAIL) {
  test('forced failure (SELFTEST_FAIL set)', async () => assert.strictEqual(1, 2));
}

async function run() {
  let passed = 0,
    failed = 0;
  for (const t of tests) {
    const start = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${t.name} (${Date.now() - start} ms)\n${String((e && e.stack) || e).replace(/^/gm, '       ')}`);
      await driver.pressKey('Escape').catch(() => {}); // close whatever the failed test left open
    }
  }
  const summary = `${passed} passed, ${failed} failed`;
  console.log(summary);
  if (failed) throw new Error(summary);
}
module.exports = { run };
