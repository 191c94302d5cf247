import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactBodyParameters, redactJson, redactString, redactUrlParameters } from '../../../server/src/pingone/redact';

describe('redact', () => {
  it('redacts the write-only fields wherever they are', () => {
    const input = {
      provider: 'CUSTOM_PROVIDER',
      authentication: { method: 'BASIC', username: 'alice', password: 'pw-1' },
      nested: [{ clientSecret: 'cs-1', assertion: 'eyJ.x.y', headerValue: 'hv-1' }],
      authToken: 'twilio-token',
    };
    const out = redactJson(input);
    assert.deepEqual(out, {
      provider: 'CUSTOM_PROVIDER',
      authentication: { method: 'BASIC', username: 'alice', password: REDACTED },
      nested: [{ clientSecret: REDACTED, assertion: REDACTED, headerValue: REDACTED }],
      authToken: REDACTED,
    });
    assert.equal(input.authentication.password, 'pw-1', 'the input is not modified');
  });

  it('keeps placeholders: they are not secrets', () => {
    const out = redactJson({ authentication: { password: '{{gatewayPassword}}' }, requests: [{ headers: { Authorization: '{{auth}}' } }] });
    assert.deepEqual(out, { authentication: { password: '{{gatewayPassword}}' }, requests: [{ headers: { Authorization: '{{auth}}' } }] });
  });

  it('redacts credential-looking request headers, url and body parameters, and nothing else', () => {
    const out = redactJson({
      _embedded: {
        phoneDeliverySettings: [
          {
            requests: [
              {
                url: 'https://gw.example.com/send?to=${to}&api_key=K123&message=${message}&sig=x&Signature=S9',
                body: 'to=${to}&message=${message}&access_token=T1&from=${from}',
                headers: { 'content-type': 'application/json', 'X-API-Key': 'K456', Authorization: 'Basic abc', 'x-tenant': 't1' },
              },
              { method: 'POST', body: '{"to":"${to}","apiKey":"K789","text":"${message}","token":"${otp}"}' },
            ],
          },
        ],
      },
    });
    const [r0, r1] = (out._embedded.phoneDeliverySettings[0] as { requests: Record<string, unknown>[] }).requests;
    assert.equal(r0.url, `https://gw.example.com/send?to=\${to}&api_key=${REDACTED}&message=\${message}&sig=x&Signature=${REDACTED}`);
    assert.equal(r0.body, `to=\${to}&message=\${message}&access_token=${REDACTED}&from=\${from}`);
    assert.deepEqual(r0.headers, { 'content-type': 'application/json', 'X-API-Key': REDACTED, Authorization: REDACTED, 'x-tenant': 't1' });
    assert.equal(r1.body, `{"to":"\${to}","apiKey":"${REDACTED}","text":"\${message}","token":"\${otp}"}`);
  });

  it('redacts user info passwords in URLs', () => {
    assert.equal(redactUrlParameters('https://user:p4ss@gw.example.com/x?to=${to}'), `https://user:${REDACTED}@gw.example.com/x?to=\${to}`);
  });

  it('redacts known secret values as substrings, in every string, longest first', () => {
    const out = redactJson(
      { name: 'contains s3cr3t-value inside', list: ['s3cr3t-value', 'tok'], deep: { x: 'Bearer tok-abc' } },
      { secretValues: ['s3cr3t-value', 'tok-abc', 'tok-abc-longer'] },
    );
    assert.deepEqual(out, { name: `contains ${REDACTED} inside`, list: [REDACTED, 'tok'], deep: { x: `Bearer ${REDACTED}` } });
    assert.equal(redactString('x=tok-abc-longer', ['tok-abc', 'tok-abc-longer']), `x=${REDACTED}`);
  });

  it('redacts the JSON-escaped and URL-encoded forms of a secret in text', () => {
    const secret = 'a"b/c&d';
    assert.equal(redactString(JSON.stringify({ v: secret }), [secret]), `{"v":"${REDACTED}"}`);
    assert.equal(redactString(`q=${encodeURIComponent(secret)}`, [secret]), `q=${REDACTED}`);
    assert.equal(redactString('nothing here', ['', 'zzz']), 'nothing here');
  });

  it('leaves bodies without credential names untouched', () => {
    const body = 'messageType=ARN&message=${message}&phoneNumber=${to}&sender=${from}';
    assert.equal(redactBodyParameters(body), body);
  });
});
