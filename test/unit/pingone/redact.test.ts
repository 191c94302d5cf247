import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactBodyParameters, redactJson, redactString, redactUrlParameters } from '../../../server/src/pingone/redact';
import { assertLinear, growthRatio } from '../hostile/growth';

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

describe('redact by value: encoded, escaped, collapsed and cut forms (one redaction for every output)', () => {
  const clientId = 'worker-app-1';
  const secret = 'cs/Very+Secret value~42';
  const leftovers = (text: string, s = secret): string[] => {
    // Any 8 characters in a row of the secret, in any of the forms checked here, is a leak.
    const out: string[] = [];
    for (let i = 0; i + 8 <= s.length; i++) if (text.includes(s.slice(i, i + 8))) out.push(s.slice(i, i + 8));
    return out;
  };

  it('the Basic header value (base64 of id:secret, form-encoded or not)', () => {
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    for (const pair of [`${enc(clientId)}:${enc(secret)}`, `${clientId}:${secret}`, `x${clientId}:${secret}`, `xx${clientId}:${secret}`]) {
      const b64 = Buffer.from(pair).toString('base64');
      const out = redactString(`the proxy said: authorization: Basic ${b64} was refused`, [secret]);
      assert.ok(out.includes(REDACTED), out);
      // What is left of the base64 is at most the client id's part and a character or two around it.
      const b64Secret = Buffer.from(pair)
        .toString('base64')
        .slice(Math.ceil(((pair.indexOf(':') + 1) * 8) / 6) + 1, -2);
      assert.ok(!out.includes(b64Secret.slice(0, 8)) && !out.includes(b64Secret.slice(-8)), `${pair}: ${out}`);
    }
  });

  it('form-encoded, URL-encoded and with JSON \\/ and \\uXXXX escapes', () => {
    const forms = [
      `client_id=${clientId}&client_secret=${encodeURIComponent(secret).replace(/%20/g, '+')}`,
      `{"error":"bad","secret":${JSON.stringify(secret).replace(/\//g, '\\/')}}`,
      `{"v":"${[...secret].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}"}`,
      // Mixed: half escaped, half not.
      `{"v":"${secret.slice(0, 10)}${[...secret.slice(10)].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}"}`,
    ];
    for (const text of forms) {
      const out = redactString(text, [secret]);
      assert.ok(out.includes(REDACTED), out);
      assert.deepEqual(leftovers(out), [], out);
      assert.ok(!/\\u00[0-9a-f]{2}\\u00/i.test(out), `no run of escapes is left: ${out}`);
    }
  });

  it('with its white space collapsed, or a line break printed as a space', () => {
    const spaced = 'tok-line\nbreak  0123456789';
    assert.equal(redactString(`token tok-line break 0123456789 expired`, [spaced]), `token ${REDACTED} expired`);
    assert.equal(redactString(`token "tok-line\\nbreak  0123456789"`, [spaced]), `token "${REDACTED}"`);
  });

  it('a cut excerpt: a prefix, a suffix or an infix of 8 characters or more', () => {
    const s = 'abcdefghij0123456789';
    assert.equal(redactString(`starts with "${s.slice(0, 9)}…"`, [s]), `starts with "${REDACTED}…"`);
    assert.equal(redactString(`…${s.slice(-8)} ends`, [s]), `…${REDACTED} ends`);
    assert.equal(redactString(`mid ${s.slice(5, 15)} mid`, [s]), `mid ${REDACTED} mid`);
    // Seven characters are not enough, and a short secret is only redacted whole.
    assert.equal(redactString(`${s.slice(0, 7)}`, [s]), s.slice(0, 7));
    assert.equal(redactString('shorty-x and shorty', ['shorty-x']), `${REDACTED} and shorty`);
  });

  it('UTF-16 bytes read as UTF-8 (a NUL between characters)', () => {
    const text = Buffer.from(`error: ${secret}`, 'utf16le').toString('utf8');
    const out = redactString(text, [secret]);
    assert.ok(out.includes(REDACTED));
    assert.deepEqual(leftovers(out.replace(/\u0000/g, '')), []);
  });

  it('a headerValue echoed with \\/ escapes in a JSON excerpt, and by field in a value', () => {
    const headerValue = 'Bearer abc/def/ghi/jkl';
    const echoed = `{"authentication":{"method":"HEADER","headerValue":"${headerValue.replace(/\//g, '\\/')}"}`;
    assert.deepEqual(leftovers(redactString(echoed, [headerValue]), headerValue), []);
    assert.deepEqual(redactJson({ note: `was ${headerValue}` }, { secretValues: [headerValue] }), { note: `was ${REDACTED}` });
  });

  it('runs in linear time in the text', () => {
    const secrets = [secret, 'abcdefghij0123456789', 'short-1', 'tok-line\nbreak  0123456789'];
    const make = (n: number) => ('a%2Fb\\u0041 c  d+e=' + 'abcdefg' + secret.slice(0, 7)).repeat(n / 30);
    assertLinear(
      growthRatio(make, (t) => redactString(t, secrets), 200_000),
      'redactString',
    );
    assertLinear(
      growthRatio(
        (n) => '"' + 'x\\"'.repeat(n / 3) + '":"',
        (t) => redactBodyParameters(t),
        200_000,
      ),
      'redactBodyParameters',
    );
    assertLinear(
      growthRatio(
        (n) => 'https://x/?' + 'a'.repeat(n),
        (t) => redactUrlParameters(t),
        200_000,
      ),
      'redactUrlParameters',
    );
  });
});
