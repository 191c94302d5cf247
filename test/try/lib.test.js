// `npm run try` serves a whole VS Code (a terminal, the files, the extension's secrets) on a loopback port:
// it must refuse whoever does not hold its connection token (another user of the machine, a web page in the
// browser that guesses the port). Starts the server the way try.js does (lib.js startVSCode, without a .vsix),
// then asks for the workbench without the token, with a wrong one, and with the one in the printed URL.
// Run by test/integration/run.sh after the test host is installed: `node --test test/try/lib.test.js`.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { startVSCode } = require('./lib');

/** GET `pathAndQuery` on 127.0.0.1:port; resolves with { status, headers } (the body is dropped). */
function get(port, pathAndQuery, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathAndQuery, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

test(
  'the served workbench refuses a request without its connection token (403) and serves the printed URL',
  { timeout: 120_000 },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingone-try-token-'));
    const vscode = await startVSCode({ dataDir, preferredPort: 0 });
    try {
      assert.match(vscode.token, /^[A-Za-z0-9_-]{32,}$/, 'a random token');
      const url = new URL(vscode.url('/some/folder'));
      assert.equal(url.searchParams.get('tkn'), vscode.token, 'the printed URL holds the token');
      assert.equal(url.searchParams.get('folder'), '/some/folder');
      // The token is not on the command line (ps shows it to every user of the machine).
      assert.ok(!vscode.child.spawnargs.some((a) => a.includes(vscode.token)), 'the token is on the command line');
      assert.equal(
        (fs.statSync(path.join(dataDir, 'connection-token')).mode & 0o077).toString(8),
        '0',
        'the token file is readable by others',
      );

      // Without the token, with a wrong one (query or cookie): refused.
      assert.equal((await get(vscode.port, '/')).status, 403);
      assert.equal((await get(vscode.port, '/?folder=/etc')).status, 403);
      assert.equal((await get(vscode.port, '/?tkn=wrong-token')).status, 403);
      assert.equal((await get(vscode.port, '/', { cookie: 'vscode-tkn=wrong-token' })).status, 403);

      // With the printed URL: the server keeps the token in a cookie and redirects to the clean URL, which it serves.
      const first = await get(vscode.port, url.pathname + url.search);
      assert.ok(first.status === 200 || first.status === 302, `the printed URL: ${first.status}`);
      const cookie = [].concat(first.headers['set-cookie'] ?? []).find((c) => c.startsWith('vscode-tkn='));
      if (first.status === 302) {
        assert.ok(cookie, 'no vscode-tkn cookie with the redirect');
        const next = new URL(first.headers.location, `http://127.0.0.1:${vscode.port}`);
        assert.equal(next.searchParams.get('tkn'), null, 'the redirect keeps the token in the URL');
        assert.equal((await get(vscode.port, next.pathname + next.search, { cookie: cookie.split(';')[0] })).status, 200);
      }
      assert.equal((await get(vscode.port, '/', { cookie: `vscode-tkn=${vscode.token}` })).status, 200);
    } finally {
      await vscode.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
