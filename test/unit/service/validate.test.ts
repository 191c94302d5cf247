import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPhoneDeliveryService, type Diagnostic } from '../../../server/src/service';
import { RULES } from '../../../server/src/model/rules';
import { TEMPLATES } from '../../../server/src/model/templates';
import { toPlainText } from '../../../server/src/model/snippet';
import { doc, withRanges } from '../../support/markers';
import { expectedInvalid, fixtureFiles, offsetOf } from '../../support/fixtures';

const service = createPhoneDeliveryService();

/**
 * `openapi-required` is a hint for a property PingOne fills in itself (`phoneNumberFormat`, a
 * Syniverse `sid`); the bodies of these tests are written as PingOne's docs write them, without
 * it. They see it only where they ask for it (its own tests and fixture expectations).
 */
const notOpenapiHint = (x: Diagnostic): boolean => x.code !== 'openapi-required';

function diagnose(text: string, all = false): { d: Diagnostic[]; document: ReturnType<typeof doc> } {
  const document = doc(text);
  const d = service.validate(document, service.parse(document));
  return { d: all ? d : d.filter(notOpenapiHint), document };
}

/** Asserts exactly the marked ranges, with these codes, in order of position. */
function expectMarked(marked: string, ...codes: string[]): Diagnostic[] {
  const { text, ranges } = withRanges(marked);
  const { d, document } = diagnose(text);
  const got = d.map(
    (x) => `${x.code}@${document.offsetAt(x.range.start)}+${document.offsetAt(x.range.end) - document.offsetAt(x.range.start)}`,
  );
  const want = ranges.map((r, i) => `${codes[i]}@${r.offset}+${r.length}`);
  assert.deepEqual(
    got.sort(),
    want.sort(),
    JSON.stringify(
      d.map((x) => x.message),
      null,
      1,
    ),
  );
  return d;
}

describe('validate: the fixture corpus', () => {
  for (const f of fixtureFiles('valid')) {
    it(`valid/${f.name} has no diagnostic`, () => {
      const { d } = diagnose(f.text, true);
      assert.deepEqual(
        d.map((x) => `${x.code}: ${x.message}`),
        [],
      );
    });
  }
  const expected = expectedInvalid();
  for (const f of fixtureFiles('invalid')) {
    it(`invalid/${f.name} reports exactly its expected diagnostics`, () => {
      const want = expected[f.name];
      assert.ok(want, `no expectation for ${f.name} in invalid.expected.json`);
      const { d, document } = diagnose(
        f.text,
        want.some((w) => w.code === 'openapi-required'),
      );
      const got = d.map((x) => ({ code: String(x.code), start: document.offsetAt(x.range.start), end: document.offsetAt(x.range.end) }));
      const wanted = want.map((w) => {
        const start = offsetOf(f.text, w.at, w.nth);
        return { code: w.code, start, end: start + (w.length ?? w.at.length) };
      });
      const key = (x: { code: string; start: number; end: number }) => `${x.code}@${x.start}-${x.end}`;
      assert.deepEqual(got.map(key).sort(), wanted.map(key).sort(), d.map((x) => x.message).join('\n'));
    });
  }
  it('every rule of the severity table has an invalid fixture', () => {
    const covered = new Set(
      Object.values(expectedInvalid())
        .flat()
        .map((e) => e.code),
    );
    const missing = Object.keys(RULES).filter((c) => !covered.has(c) && c !== 'document-too-large');
    assert.deepEqual(missing, []);
  });
});

describe('validate: diagnostics carry source, code, severity from the table, and docs links', () => {
  it('severity comes from the rule table', () => {
    const { d } = diagnose(
      '{"provider":"CUSTOM_SYNIVERSE","authToken":"{{t}}","numbers":[{"type":"PHONE_NUMBER","number":"555","supportedCountries":["US"]}]}',
    );
    const sev = { error: 1, warning: 2, information: 3, hint: 4 } as const;
    assert.ok(d.length >= 2);
    for (const x of d) {
      assert.equal(x.source, 'pingone');
      assert.equal(x.severity, sev[RULES[x.code as keyof typeof RULES].severity]);
    }
  });
  it('schema and semantic diagnostics link to the provider page; syntax ones do not', () => {
    const { d } = diagnose('{"provider":"CUSTOM_SYNIVERSE", "sid": 1,}');
    const typeErr = d.find((x) => x.code === 'invalid-type')!;
    assert.match(typeErr.codeDescription!.href, /^https:\/\/developer\.pingidentity\.com\/.*syniverse/);
    assert.equal(d.find((x) => x.code === 'trailing-comma')!.codeDescription, undefined);
  });
});

describe('validate: ranges point at the culprit', () => {
  it('missing property at the top level: the opening brace', () => {
    expectMarked('[[{]]"provider":"CUSTOM_TWILIO_VERIFY","sid":"AC1","authToken":"{{t}}"}', 'missing-property');
  });
  it('missing property in a nested object: the key of the object', () => {
    expectMarked(
      '{"provider":"CUSTOM_PROVIDER","name":"n",[["authentication"]]:{"method":"CUSTOM_HEADER","headerName":"X"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?t=${to}&m=${message}","method":"GET"}]}',
      'missing-property',
    );
  });
  it('wrong type and wrong enum value: the value', () => {
    expectMarked(
      '{"provider":"CUSTOM_TWILIO","sid":[[true]],"authToken":"{{t}}","numbers":[{"type":[["MOBILE"]],"number":"+14155552671"}]}',
      'invalid-type',
      'invalid-value',
    );
  });
  it('a property not allowed: the key, and the message says where it belongs', () => {
    const d = expectMarked(
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}",[["username"]]:"u"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?t=${to}&m=${message}","method":"GET"}]}',
      'property-not-allowed',
    );
    assert.match(d[0].message, /BEARER/);
    assert.match(d[0].message, /belongs to BASIC/);
  });
  it('only the selected branch is reported: no oneOf pile', () => {
    const { d } = diagnose('{"provider":"CUSTOM_SYNIVERSE","authToken":"{{t}}","sid":"x","name":"y"}');
    assert.deepEqual(d, []);
  });
  it('OAUTH2 selects the JWT variant when an assertion is present, leniently', () => {
    expectMarked(
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"OAUTH2","authUrl":"https://a/t","grantType":"JWT_BEARER","assertion":"{{a}}",[["audience"]]:"x"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?t=${to}&m=${message}","method":"GET"}]}',
      'property-not-documented',
    );
  });
  it('a template variable inside an escaped string is found at its source offset', () => {
    expectMarked(
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/","method":"POST","headers":{"content-type":"application/json"},"body":"{\\"to\\":\\"${to}\\",\\"m\\":\\"${message}\\",\\"x\\":\\"[[${nope}]]\\"}"}]}',
      'template-variable-unknown',
    );
  });
  it('the messages of enum errors list the allowed values', () => {
    const { d } = diagnose(
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?t=${to}&m=${message}","method":"PUT"}]}',
    );
    assert.equal(d.length, 1);
    assert.match(d[0].message, /GET, POST/);
  });
});

describe('validate: {{placeholders}}', () => {
  it('a string with a placeholder passes format, pattern, template, country and number checks', () => {
    const { d } = diagnose(
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"OAUTH2","authUrl":"{{authUrl}}","clientId":"c","clientSecret":"{{s}}"},"requests":[{"deliveryMethod":"SMS","url":"{{gatewayUrl}}","method":"GET"}],"numbers":[{"type":"PHONE_NUMBER","number":"{{phone}}","capabilities":["SMS"]}]}',
    );
    assert.deepEqual(
      d.map((x) => x.code),
      [],
    );
  });
  it('satisfies an enum only when the whole string is one placeholder', () => {
    assert.deepEqual(
      diagnose('{"provider":"{{provider}}"}').d.map((x) => x.code),
      [],
    );
    assert.deepEqual(
      diagnose('{"provider":"X{{provider}}"}').d.map((x) => x.code),
      ['invalid-value'],
    );
  });
  it('an escaped \\{{ is a literal, so a literal secret is still flagged', () => {
    const { d } = diagnose('{"provider":"CUSTOM_SYNIVERSE","authToken":"\\\\{{notAPlaceholder}}"}');
    assert.deepEqual(
      d.map((x) => x.code),
      ['literal-secret', 'literal-placeholder'],
    );
  });
});

describe('validate: robustness', () => {
  for (const text of [
    '',
    '   ',
    '{',
    '[',
    'null',
    '"x"',
    '{"provider":',
    '{"provider": {}}',
    '{"requests": 5, "provider": "CUSTOM_PROVIDER"}',
    '\u0000\u0001',
    '{"a":1}{"b":2}',
  ]) {
    it(`does not throw on ${JSON.stringify(text)}`, () => {
      const { d, document } = diagnose(text);
      for (const x of d) assert.ok(document.offsetAt(x.range.end) <= text.length);
    });
  }
  it('a document nested too deep gets one clear diagnostic', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const { d } = diagnose(deep);
    assert.deepEqual(
      d.map((x) => x.code),
      ['document-too-large'],
    );
  });
  it('a document over the size limit gets one clear diagnostic', () => {
    const small = createPhoneDeliveryService({ limits: { maxSize: 10 } });
    const document = doc('{"provider":"CUSTOM_SYNIVERSE"}');
    assert.deepEqual(
      small.validate(document, small.parse(document)).map((x) => x.code),
      ['document-too-large'],
    );
  });
});

describe('templates', () => {
  for (const t of TEMPLATES) {
    it(`${t.prefix} is valid against the model; what is left to fill in is an example-value warning`, () => {
      const { d } = diagnose(toPlainText(t.body));
      assert.deepEqual(
        d.filter((x) => x.code !== 'example-value').map((x) => `${x.code}: ${x.message}`),
        [],
      );
      for (const x of d) assert.equal(x.severity, 2, x.message);
    });
  }
});

describe('validate: what PingOne’s sources say (OpenAPI, Terraform, docs)', () => {
  const custom = (auth: Record<string, unknown>, requests: unknown[]) =>
    JSON.stringify({ provider: 'CUSTOM_PROVIDER', name: 'n', authentication: auth, requests });
  const sms = { deliveryMethod: 'SMS', url: 'https://a/?t=${to}&m=${message}', method: 'GET', phoneNumberFormat: 'FULL' };
  const oauth2 = { method: 'OAUTH2', authUrl: 'https://l/t', clientId: 'c', clientSecret: '{{s}}' };
  it('OAUTH2 takes scopes (Terraform provider example), in both grant types', () => {
    assert.deepEqual(diagnose(custom({ ...oauth2, scopes: ['sms:send', 'voice:send'] }, [sms])).d, []);
    const jwt = { method: 'OAUTH2', authUrl: 'https://l/t', grantType: 'JWT_BEARER', assertion: '{{a}}', scopes: ['sms:send'] };
    assert.deepEqual(diagnose(custom(jwt, [sms])).d, []);
  });
  it('the JWT grant type is JWT_BEARER; clientAuthenticationMethod may be BODY (read-only, as PingOne answers)', () => {
    const { d } = diagnose(custom({ method: 'OAUTH2', authUrl: 'https://l/t', grantType: 'JWT', assertion: '{{a}}' }, [sms]));
    assert.deepEqual(
      d.map((x) => x.code),
      ['invalid-value'],
    );
    assert.deepEqual(diagnose(custom({ ...oauth2, clientAuthenticationMethod: 'BODY' }, [sms])).d, []);
  });
  it('several requests may share a delivery method (Terraform’s acceptance test sends 2 SMS + 2 VOICE)', () => {
    assert.deepEqual(
      diagnose(custom({ method: 'BEARER', authToken: '{{t}}' }, [sms, { ...sms, url: 'https://b/?t=${to}&m=${message}' }])).d,
      [],
    );
  });
  it('an unknown property is a warning that names what the object takes', () => {
    const { d } = diagnose(custom({ method: 'BEARER', authToken: '{{t}}', colour: 'blue' }, [sms]));
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'property-not-allowed');
    assert.equal(d[0].severity, 2);
    assert.match(d[0].message, /It takes: method, authToken/);
  });
  it('a missing phoneNumberFormat is a hint with a fix, never an error', () => {
    const { d } = diagnose(custom({ method: 'BEARER', authToken: '{{t}}' }, [{ ...sms, phoneNumberFormat: undefined }]), true);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity]),
      [['openapi-required', 4]],
    );
  });
  it('an id that is not a UUID, an empty requests list: a warning and a hint, not errors', () => {
    const twilio = { provider: 'CUSTOM_TWILIO', sid: 'AC1', authToken: '{{t}}' };
    assert.deepEqual(
      diagnose(JSON.stringify({ id: 'x', ...twilio })).d.map((x) => [x.code, x.severity]),
      [['id-format', 2]],
    );
    assert.deepEqual(
      diagnose(custom({ method: 'BEARER', authToken: '{{t}}' }, [])).d.map((x) => [x.code, x.severity]),
      [['requests-empty', 4]],
    );
  });
  it('a Twilio Messaging Service update needs messagingServices, with one selected (docs update page)', () => {
    const ms = { provider: 'CUSTOM_TWILIO_MESSAGING_SERVICE', name: 'n', sid: 'AC1', authToken: '{{t}}' };
    assert.deepEqual(diagnose(JSON.stringify(ms)).d, [], 'a create needs none');
    const id = '10520e48-3d04-49bf-bcf7-2e0300f81abb';
    assert.deepEqual(
      diagnose(JSON.stringify({ id, ...ms })).d.map((x) => x.code),
      ['missing-property'],
    );
    const services = [
      { messagingServiceId: 'MG1', name: 'a', selected: true },
      { messagingServiceId: 'MG2', name: 'b', selected: true },
    ];
    const { d } = diagnose(JSON.stringify({ id, ...ms, messagingServices: services }));
    assert.deepEqual(
      d.map((x) => x.code),
      ['invalid-value'],
    );
    assert.deepEqual(diagnose(JSON.stringify({ id, ...ms, messagingServices: [services[0], { ...services[1], selected: false }] })).d, []);
  });
});
