// Runs every path of the HTTP layer with known secret values and scans all that it outputs
// (log entries, formatted log lines, error messages, results after redaction, the stand-in's
// own request log) for them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PingOneClient } from '../../../server/src/pingone/api';
import { PingOneResult } from '../../../server/src/pingone/errors';
import { FetchFunction } from '../../../server/src/pingone/http';
import { formatRequestLogEntry, MemoryLogger } from '../../../server/src/pingone/log';
import { redactJson } from '../../../server/src/pingone/redact';
import { TokenCache } from '../../../server/src/pingone/tokens';
import { startPingOneLocal } from '../../pingone-local/server';
import { customProvider, FAST, fetch } from './helpers';

const GATEWAY_TOKEN = 'gateway-bearer-token-123';
const GATEWAY_API_KEY = 'gateway-api-key-456';

describe('secret hygiene', () => {
  it('no client secret, access token or gateway secret appears in logs, messages or redacted results', async () => {
    const local = await startPingOneLocal({ tokenFormat: 'jwt' });
    const accessTokens: string[] = [];
    // Spy on token answers to learn every access token that was handed out.
    const spyFetch: FetchFunction = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/as/token') && res.ok) {
        const body = (await res.clone().json()) as { access_token: string };
        accessTokens.push(body.access_token);
      }
      return res;
    };
    const logger = new MemoryLogger();
    const outputs: string[] = [];
    const credentials = {
      authBase: local.authBase,
      tokenEnvironmentId: local.environmentId,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
    };
    const client = new PingOneClient({
      fetch: spyFetch,
      apiBase: local.apiBase,
      environmentId: local.environmentId,
      credentials,
      logger,
      ...FAST,
    });
    const secretValues = [GATEWAY_TOKEN, GATEWAY_API_KEY];
    const keep = <T>(r: PingOneResult<T>): PingOneResult<T> => {
      if (r.kind === 'ok')
        outputs.push(JSON.stringify(redactJson(r.value, { secretValues: [...secretValues, local.clientSecret, ...accessTokens] })));
      if (r.kind === 'error') outputs.push(r.error.message, JSON.stringify(r.error));
      if (r.kind === 'unknown-outcome') outputs.push(r.message, JSON.stringify(r));
      return r;
    };

    try {
      // Bad secret on the token endpoint.
      const badTokens = new TokenCache({ fetch: spyFetch, logger });
      await badTokens
        .getToken({ ...credentials, clientSecret: 'not-the-secret-987' })
        .catch((e: Error) => outputs.push(e.message, JSON.stringify(e)));

      // Happy paths.
      const created = keep(await client.create(customProvider(), { secretValues }));
      const id = created.kind === 'ok' ? created.value.id : assert.fail('create failed');
      keep(await client.list());
      keep(await client.read(id));

      // A rejection whose message echoes a secret value: the caller's secretValues keep it out.
      local.control({ rejectFields: [{ target: 'authentication.authToken', message: `bad token ${GATEWAY_TOKEN}` }] });
      const rejected = keep(await client.update(id, customProvider(), { secretValues }));
      assert.equal(rejected.kind, 'error');
      local.control({ rejectFields: null });

      // Faults: 5xx + retry, 401 refresh, 429, reset after processing, malformed and HTML answers.
      local.control({ faults: [{ type: 'server-error', op: 'update', status: 503 }] });
      keep(await client.update(id, customProvider('x'), { secretValues }));
      local.control({ expireTokens: true });
      keep(await client.read(id));
      local.control({ faults: [{ type: 'rate-limit', op: 'list', retryAfterSeconds: 1 }] });
      keep(await client.list());
      local.control({ faults: [{ type: 'reset-after', op: 'create' }] });
      keep(await client.create(customProvider('y'), { secretValues }));
      local.control({ faults: [{ type: 'malformed-json', op: 'read' }] });
      keep(await client.read(id));
      local.control({ faults: [{ type: 'html-error', op: 'list', count: 4 }] });
      keep(await client.list());
      keep(await client.getNotificationSettings());
      keep(await client.delete(id));
    } finally {
      await local.close();
    }

    assert.ok(accessTokens.length >= 2, 'a refresh happened');
    outputs.push(...logger.lines(), JSON.stringify(logger.entries), JSON.stringify(local.state.requests));
    const haystack = outputs.join('\n');
    assert.ok(haystack.length > 1000, 'there is output to scan');
    const needles = { clientSecret: local.clientSecret, wrongSecret: 'not-the-secret-987', GATEWAY_TOKEN, GATEWAY_API_KEY };
    for (const [name, value] of Object.entries(needles)) assert.ok(!haystack.includes(value), `${name} leaked`);
    accessTokens.forEach((t, i) => {
      assert.ok(!haystack.includes(t), `access token ${i} leaked`);
      // JWT-looking tokens: not even their signature part.
      assert.ok(!haystack.includes(t.split('.')[2]), `access token ${i} signature leaked`);
    });
    // And the log has what it should: method, URL, status, duration, correlation id.
    const line = formatRequestLogEntry(logger.entries.find((e) => e.method === 'POST' && e.status === 201) ?? assert.fail('no 201 logged'));
    assert.match(
      line,
      /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/environments\/[^ ]+\/phoneDeliverySettings → 201 \(\d+ ms\) \[[0-9a-f-]{36}\]/,
    );
  });
});
