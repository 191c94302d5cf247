// Client of code-test-host.js's workbench driver, for tests running INSIDE the extension host:
//   const { drive } = require('<repo>/test/vscode-host/driver-client');
//   const shown = vscode.window.showWarningMessage('Send?', { modal: true }, 'Send'); // do not await yet
//   await drive({ action: 'clickDialogButton', label: 'Send' });                      // the launcher clicks it
//   assert.strictEqual(await shown, 'Send');
// The order does not matter: each action waits (up to `timeout` ms, default 15000) for its element, so
// the request may also be sent before the dialog / quick pick / input box is shown.
// drive() resolves with the launcher's answer ({ok:true, ...}) and rejects with an Error when the action
// failed ({ok:false, error}) or when there is no driver (CODE_TEST_DRIVER_URL unset: not under code-test-host).
// CommonJS, node's http only.
'use strict';
const http = require('http');

function driverUrl() {
  return process.env.CODE_TEST_DRIVER_URL;
}

function available() {
  return !!driverUrl();
}

function drive(action) {
  return new Promise((resolve, reject) => {
    const url = driverUrl();
    if (!url) return reject(new Error('CODE_TEST_DRIVER_URL is not set: not running under test/vscode-host/code-test-host.js'));
    const body = JSON.stringify(action);
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          raw += d;
        });
        res.on('end', () => {
          let answer;
          try {
            answer = JSON.parse(raw);
          } catch {
            return reject(new Error(`driver: bad answer (HTTP ${res.statusCode}): ${raw.slice(0, 200)}`));
          }
          if (answer && answer.ok) resolve(answer);
          else reject(new Error(`driver ${action && action.action}: ${(answer && answer.error) || 'failed'}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e) => reject(new Error(`driver ${action && action.action}: ${e.message}`)));
    req.end(body);
  });
}

const clickDialogButton = (label, opts) => drive({ action: 'clickDialogButton', label, ...opts });
const pickQuickItem = (label, opts) => drive({ action: 'pickQuickItem', label, ...opts });
const typeInput = (text, opts) => drive({ action: 'typeInput', text, ...opts });
const clickNotificationButton = (label, opts) => drive({ action: 'clickNotificationButton', label, ...opts });
const notifications = (opts) => drive({ action: 'notifications', ...opts });
const waitForText = (text, opts) => drive({ action: 'waitForText', text, ...opts });
const screenshot = (path, opts) => drive({ action: 'screenshot', path, ...opts });
const pressKey = (key, opts) => drive({ action: 'pressKey', key, ...opts });
const click = (text, opts) => drive({ action: 'click', text, ...opts });

module.exports = {
  drive,
  available,
  driverUrl,
  clickDialogButton,
  pickQuickItem,
  typeInput,
  clickNotificationButton,
  notifications,
  waitForText,
  screenshot,
  pressKey,
  click,
};
