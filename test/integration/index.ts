/**
 * The integration suite's runner, loaded inside VS Code by test/vscode-host/run.js (`--tests
 * out/test/integration/index.js`). No mocha: the test files register their tests in order (the
 * imports below), `run()` runs them one by one and prints `  ok   name` / `  FAIL name` + stack, then
 * a closing line `N passed, N failed`, and throws when something failed.
 *
 * SMOKE=1 (run.js --env SMOKE=1) runs only the smoke subset (what is checked against the installed .vsix).
 * UNTRUSTED=1 runs only the `untrusted:` tests (untrusted.test.ts: run.sh's third run, with workspace trust
 * enabled and the folder not trusted); without it they are left out.
 * ONLY=regex runs the tests whose name matches (for debugging).
 */
import { afterAll, driver, tests, withTimeout } from './harness';
import * as vscode from 'vscode';
// Order matters: the first file checks what a fresh host looks like (language server not started yet).
import './language.test';
// What package.json promises: its commands registered (after activation).
import './contributions.test';
// Completion, quick fixes and diagnostics while editing (issue 14).
import './editing.test';
import './send.test';
// Pull, Compare, Copy as cURL, Select Environment, Sign Out, Delete, settings, a killed language server (last).
import './commands.test';
// The file against each environment: CodeLens, usage hover, Send to Environment… (three stand-ins of its own).
import './environments.test';
// Only with UNTRUSTED=1 (a VS Code with workspace trust enabled, on test/fixtures/untrusted).
import './untrusted.test';
// The PingOne explorer (its stand-in of its own); its `untrusted:` test after those of untrusted.test.ts.
import './explorer.test';
// Issue 14: what a first try in the workbench showed (its own stand-in; after the killed language server is back).
import './firsttry.test';

export async function run(): Promise<void> {
  const smoke = process.env.SMOKE === '1';
  const untrusted = process.env.UNTRUSTED === '1';
  const only = process.env.ONLY;
  const selected = tests.filter(
    (t) => t.name.startsWith('untrusted:') === untrusted && (!smoke || t.smoke) && (!only || new RegExp(only).test(t.name)),
  );
  console.log(
    `PingOne integration suite${smoke ? ' (SMOKE subset)' : ''}${untrusted ? ' (UNTRUSTED workspace)' : ''}: ${selected.length} tests, VS Code ${vscode.version}`,
  );
  let passed = 0;
  let failed = 0;
  for (const t of selected) {
    const start = Date.now();
    try {
      await withTimeout(t.fn(), t.timeoutMs, t.name);
      passed++;
      console.log(`  ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${t.name} (${Date.now() - start} ms)\n${String((e instanceof Error && e.stack) || e).replace(/^/gm, '       ')}`);
      if (process.env.FAILURE_SCREENSHOT_DIR) {
        await driver
          .screenshot(`${process.env.FAILURE_SCREENSHOT_DIR}/${t.name.replace(/[^\w-]+/g, '_').slice(0, 80)}.png`)
          .catch(() => undefined);
      }
      // Close whatever the failed test left open (a dialog, a quick pick, an input box).
      for (let i = 0; i < 3; i++) await driver.pressKey('Escape').catch(() => undefined);
    }
  }
  for (const fn of afterAll) {
    try {
      await fn();
    } catch (e) {
      console.log(`  (clean-up failed: ${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const summary = `${passed} passed, ${failed} failed`;
  console.log(summary);
  if (failed) throw new Error(summary);
}
