/** The PingOne commands' options: help, usage errors, var files, the proxy agent, echoed secrets. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { mainHelp } from '../../../server/src/cli/cli';
import { CommandFailure } from '../../../server/src/cli/command';
import { COMMANDS } from '../../../server/src/cli/commands';
import { placeholdersForEchoedSecrets } from '../../../server/src/workflow/echoedSecrets';
import { noProxyWithLoopback, proxyConfigured } from '../../../server/src/cli/proxy';
import { parseVarFile } from '../../../server/src/cli/variables';
import { defaultFiles, envFlags, memoryIo, run, secretEnv, withLocal } from './remote-helpers';

describe('cli help', () => {
  it('lists send, pull and delete, each with its own --help', async () => {
    const help = mainHelp();
    for (const name of ['send', 'pull', 'delete']) {
      assert.match(help, new RegExp(`^  ${name} `, 'm'));
      const io = memoryIo();
      const r = await run([name, '--help'], io);
      assert.equal(r.code, 0);
      assert.equal(r.out, COMMANDS.find((c) => c.name === name)!.help);
      assert.match(r.out, new RegExp(`^Usage: pingone-phone-delivery ${name} `));
      assert.match(r.out, /PINGONE_CLIENT_SECRET/);
    }
  });

  it('usage errors exit 2 with a hint', async () => {
    const io = memoryIo();
    for (const args of [
      ['send'],
      ['send', 'a.json', 'b.json'],
      ['send', 'a.json', '--bogus'],
      ['send', 'a.json', '--token-auth', 'private_key_jwt', '--region', 'EU'],
      ['pull'],
      ['delete', '--yes'],
      // The allowance to fill a secret outside a credential field means something only where a body is written.
      ['pull', '--allow-secret-in', 'k=requests[0].url', '--region', 'EU', '--environment-id', 'e', '--client-id', 'c'],
      ['delete', 'a.json', '--allow-secret-in', 'k=requests[0].url'],
    ]) {
      const r = await run(args, io);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /Run 'pingone-phone-delivery \w+ --help' for usage\./);
    }
    // plan's usage errors exit 1, so that 2 always means drift.
    const plan = await run(['plan', 'a.json', '--allow-secret-in', 'k=requests[0].url'], io);
    assert.equal(plan.code, 1);
    assert.match(plan.err, /Unknown option '--allow-secret-in'/);
    const timeout = await run(
      ['send', 'a.json', '--region', 'EU', '--environment-id', 'abc-123', '--client-id', 'c', '--timeout', 'soon'],
      memoryIo({ env: { PINGONE_CLIENT_SECRET: 's' } }),
    );
    assert.equal(timeout.code, 2);
    assert.match(timeout.err, /--timeout takes a number of seconds/);
  });

  it('--region sets the documented URLs', async () => {
    // No request is made: the secret is missing, which is reported after the environment resolved.
    const r = await run(['send', 'a.json', '--region', 'eu', '--environment-id', 'abc-123', '--client-id', 'c'], memoryIo());
    assert.equal(r.code, 2);
    assert.match(r.err, /PINGONE_CLIENT_SECRET/);
  });
});

describe('var files', () => {
  it('reads a JSON object or NAME=VALUE lines', () => {
    assert.deepEqual(Object.fromEntries(parseVarFile('{"a": "1", "b.c": 2}', 'v.json')), { a: '1', 'b.c': '2' });
    assert.deepEqual(Object.fromEntries(parseVarFile('# comment\n\nexport A=x=y\nB = "quoted value" \nC=\'single\'\r\nD=\n', 'v.env')), {
      A: 'x=y',
      B: 'quoted value',
      C: 'single',
      D: '',
    });
  });

  it('never quotes the file in its complaints', () => {
    for (const text of ['{"apiKey": "top-secret-123"', 'apiKey top-secret-123', '{"apiKey": {"x": "top-secret-123"}}']) {
      assert.throws(
        () => parseVarFile(text, 'v'),
        (e: unknown) => e instanceof CommandFailure && e.exitCode === 2 && !e.message.includes('top-secret-123'),
      );
    }
  });
});

describe('proxy', () => {
  it('adds loopback to NO_PROXY and keeps the given entries', () => {
    assert.equal(noProxyWithLoopback({}), 'localhost,127.0.0.1,::1,[::1]');
    assert.equal(noProxyWithLoopback({ NO_PROXY: 'corp.example.com, localhost' }), 'corp.example.com,localhost,127.0.0.1,::1,[::1]');
    assert.equal(noProxyWithLoopback({ no_proxy: '*' }), '*');
    assert.equal(proxyConfigured({}), false);
    assert.equal(proxyConfigured({ https_proxy: 'http://proxy:3128' }), true);
  });

  it('with a proxy set, loopback requests still go direct (undici fetch through EnvHttpProxyAgent)', async () => {
    // A "proxy" that counts what reaches it and answers nothing useful.
    let proxied = 0;
    const proxy = createServer((_req, res) => {
      proxied++;
      res.writeHead(502).end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      await withLocal(async (local) => {
        const io = memoryIo({
          files: defaultFiles(),
          env: secretEnv(local, { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: 'corp.example.com' }),
        });
        delete io.fetch; // the CLI's own fetch
        const r = await run(['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.env', '--yes'], io);
        assert.equal(r.code, 0, r.err);
        assert.equal(local.state.resources().length, 1);
      });
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    assert.equal(proxied, 0);
  });
});

describe('echoed gateway credentials in a pulled document', () => {
  const pulled = (requests: unknown[]) => JSON.stringify({ provider: 'CUSTOM_PROVIDER', name: 'G', requests }, null, 2);

  it('headers, url and body parameters become placeholders; known values get their own name', () => {
    const text = pulled([
      {
        deliveryMethod: 'SMS',
        url: 'https://g.example.com/send?api_key=abc123&to=${to}',
        body: '{"token":"tok-999","to":"${to}"}',
        headers: { 'X-Api-Key': 'k-1', Authorization: 'Basic known-value-42', 'content-type': 'application/json' },
      },
      {
        deliveryMethod: 'VOICE',
        url: 'https://g.example.com/call',
        body: 'secret=s3&message=${message}',
        headers: { 'X-Api-Key': 'k-2', 'x-signature': '{{sig}}' },
      },
    ]);
    const { text: out, added } = placeholdersForEchoedSecrets(text, new Map([['basicAuth', 'Basic known-value-42']]));
    const doc = JSON.parse(out);
    assert.equal(doc.requests[0].headers.Authorization, '{{basicAuth}}');
    assert.equal(doc.requests[0].headers['X-Api-Key'], '{{xApiKey}}');
    assert.equal(doc.requests[1].headers['X-Api-Key'], '{{xApiKey2}}', 'a different value gets a name of its own');
    assert.equal(doc.requests[1].headers['x-signature'], '{{sig}}');
    assert.equal(doc.requests[0].headers['content-type'], 'application/json');
    assert.equal(doc.requests[0].url, 'https://g.example.com/send?api_key={{apiKey}}&to=${to}');
    assert.equal(doc.requests[0].body, '{"token":"{{token}}","to":"${to}"}');
    assert.equal(doc.requests[1].body, 'secret={{secret}}&message=${message}');
    for (const v of ['abc123', 'tok-999', 'k-1', 'k-2', 's3', 'known-value-42']) assert.ok(!out.includes(v), v);
    assert.deepEqual(
      added.map((a) => a.name),
      ['basicAuth', 'xApiKey', 'apiKey', 'token', 'xApiKey2', 'secret'],
    );
  });
});
