/**
 * Runs every path of `send`, `pull` and `delete` with known secret values (the client secret, a
 * wrong one, a write-only field from PINGONE_VAR_x, a gateway API key header from a var file, and
 * every access token the token endpoint hands out) and finds none of them in standard output,
 * standard error, or any file written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FetchFunction } from '../../../server/src/pingone/http';
import type { PingOneLocal } from '../../pingone-local/server';
import {
  API_KEY,
  BODY,
  BODY_TEXT,
  defaultFiles,
  envFlags,
  fetch,
  GATEWAY_TOKEN,
  memoryIo,
  run,
  secretEnv,
  withLocal,
  type Run,
} from './remote-helpers';

const WRONG_SECRET = 'not-the-client-secret-3141';

describe('cli secret hygiene', () => {
  it('no secret in any output or written file, on every path', () =>
    withLocal(
      async (local: PingOneLocal) => {
        const accessTokens: string[] = [];
        let breakListAfterPost = false;
        const spy: FetchFunction = async (input, init) => {
          if (breakListAfterPost && init?.method === 'POST' && /\/phoneDeliverySettings$/.test(String(input))) {
            local.control({ faults: [{ type: 'server-error', op: 'list', count: 20 }] });
          }
          const res = await fetch(input, init);
          if (String(input).endsWith('/as/token') && res.ok)
            accessTokens.push(((await res.clone().json()) as { access_token: string }).access_token);
          return res;
        };
        const io = memoryIo({
          files: defaultFiles({
            'gw2.json': JSON.stringify({ ...BODY, name: 'Second' }, null, 2),
            'gw3.json': JSON.stringify({ ...BODY, name: 'Third' }, null, 2),
          }),
          env: secretEnv(local),
          fetch: spy,
        });
        const runs: Run[] = [];
        const go = async (args: string[], expected: number, options: { io?: typeof io } = {}): Promise<Run> => {
          const r = await run(args, options.io ?? io);
          runs.push(r);
          assert.equal(r.code, expected, `${args.join(' ')} → ${r.code}\n${r.err}`);
          return r;
        };
        const flags = [...envFlags(local), '--var-file', 'secrets.env', '--verbose'];

        // send: refused create, create, update, rejected (a message echoing the secrets), stale-free update after 401.
        await go(['send', 'gw.json', ...flags], 2);
        const created = await go(['send', 'gw.json', ...flags, '--yes'], 0);
        const id = JSON.parse(created.out).id as string;
        // The secrets were really used: what PingOne stored has them.
        const stored = local.state.storedBody(local.environmentId, id) as {
          authentication: { authToken: string };
          requests: { headers: Record<string, string> }[];
        };
        assert.equal(stored.authentication.authToken, GATEWAY_TOKEN);
        assert.equal(stored.requests[0].headers['X-Api-Key'], API_KEY);
        await go(['send', 'gw.json', ...flags], 0);
        local.control({
          rejectFields: [{ target: 'requests[0].headers.X-Api-Key', message: `key ${API_KEY} and token ${GATEWAY_TOKEN} refused` }],
        });
        const rejected = await go(['send', 'gw.json', ...flags], 1);
        assert.match(rejected.err, /requests\[0\]\.headers\.X-Api-Key/);
        local.control({ rejectFields: null, expireTokens: true });
        await go(['send', 'gw.json', ...flags], 0);
        // Faults: 503 on the PUT (retried), malformed read, lost create resolved, lost create unresolved.
        local.control({ faults: [{ type: 'server-error', op: 'update', status: 503 }] });
        await go(['send', 'gw.json', ...flags], 0);
        local.control({ faults: [{ type: 'malformed-json', op: 'read' }] });
        await go(['send', 'gw.json', ...flags], 1);
        local.control({ faults: [{ type: 'reset-after', op: 'create' }] });
        await go(['send', 'gw2.json', ...flags, '--yes'], 0);
        local.control({ faults: [{ type: 'reset-after', op: 'create' }] });
        breakListAfterPost = true;
        await go(['send', 'gw3.json', ...flags, '--yes'], 3);
        breakListAfterPost = false;
        local.control({ clearFaults: true });
        // The document's errors with --force, missing variables, a wrong client secret.
        io.files.set('bad.json', JSON.stringify({ ...BODY, name: 'Bad', extra: 1 }, null, 2));
        await go(['send', 'bad.json', ...flags, '--force', '--yes'], 0);
        await go(['send', 'gw.json', ...envFlags(local)], 2);
        await go(['send', 'gw.json', ...flags], 2, {
          io: memoryIo({ files: defaultFiles(), env: secretEnv(local, { PINGONE_CLIENT_SECRET: WRONG_SECRET }), fetch: spy }),
        });

        // pull: to files (with and without the var file) and to standard output.
        await go(['pull', '--id', id, '-o', 'pulled.json', ...envFlags(local), '--verbose'], 0);
        await go(['pull', '--id', id, '-o', 'pulled-named.json', ...flags], 0);
        await go(['pull', '--name', 'Gateway', ...flags], 0);
        // The pulled file sent back.
        await go(['send', 'pulled-named.json', ...flags], 0);

        // delete: refused, in the fallback chain, deleted, already deleted.
        await go(['delete', 'gw.json', ...flags], 2);
        local.control({ faults: [{ type: 'reset-after', op: 'delete' }] });
        await go(['delete', 'gw2.json', ...flags, '--yes'], 0);
        await go(['delete', 'gw.json', ...flags, '--yes'], 0);

        assert.ok(accessTokens.length >= 2, 'tokens were issued, one after the expiry');

        const written = [...io.written].map((p) => io.files.get(p) ?? '');
        assert.equal(written.length, 2);
        const haystack = [...runs.flatMap((r) => [r.out, r.err]), ...written].join('\n');
        assert.ok(haystack.length > 5000, 'there is output to scan');
        assert.match(haystack, /\*\*\*REDACTED\*\*\*/);
        const needles: Record<string, string> = { clientSecret: local.clientSecret, WRONG_SECRET, GATEWAY_TOKEN, API_KEY };
        for (const [name, value] of Object.entries(needles)) assert.ok(!haystack.includes(value), `${name} leaked`);
        accessTokens.forEach((t, i) => {
          assert.ok(!haystack.includes(t), `access token ${i} leaked`);
          assert.ok(!haystack.includes(t.split('.')[2]), `access token ${i} signature leaked`);
        });
        // The var file itself was only read.
        assert.equal(io.files.get('secrets.env'), `# gateway\napiKey=${API_KEY}\n`);
        assert.equal(io.files.get('gw.json'), BODY_TEXT);
      },
      { tokenFormat: 'jwt' },
    ));
});
