import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPhoneDeliveryService, type CodeAction } from '../../../server/src/service';
import { applyEdits, doc } from '../../support/markers';

const service = createPhoneDeliveryService();

/** Validates, asks for the fixes of the diagnostic with `code`, applies the one titled like `title`. */
function fix(text: string, code: string, title?: RegExp): { result: string; actions: CodeAction[]; after: string[] } {
  const document = doc(text);
  const parsed = service.parse(document);
  const diags = service.validate(document, parsed).filter((d) => d.code === code);
  assert.ok(diags.length, `no ${code} diagnostic`);
  const actions = service.codeActions(document, diags[0].range, diags, parsed);
  const chosen = title ? actions.find((a) => title.test(a.title)) : actions[0];
  assert.ok(chosen, `no action ${title} among ${actions.map((a) => a.title).join(' | ')}`);
  const result = applyEdits(text, chosen.edit!.changes![document.uri]);
  const d2 = doc(result);
  // `openapi-required` (a hint: PingOne fills the property in) is left out; its own test below sees it.
  const after = service
    .validate(d2, service.parse(d2))
    .map((d) => String(d.code))
    .filter((c) => c !== 'openapi-required');
  return { result, actions, after };
}

describe('quick fixes', () => {
  it('adds "phoneNumberFormat": "FULL" to a request, and "sid": "" to Syniverse (openapi-required hints)', () => {
    const text =
      '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "n",\n  "authentication": { "method": "BEARER", "authToken": "{{t}}" },\n  "requests": [{ "deliveryMethod": "SMS", "url": "https://a/?t=${to}&m=${message}", "method": "GET" }]\n}';
    const { result, actions } = fix(text, 'openapi-required');
    assert.equal(actions[0].title, 'Add missing property "phoneNumberFormat"');
    assert.equal(JSON.parse(result).requests[0].phoneNumberFormat, 'FULL');
    const d = doc(result);
    assert.deepEqual(service.validate(d, service.parse(d)), []);
    const syn = fix('{\n  "provider": "CUSTOM_SYNIVERSE",\n  "authToken": "{{t}}"\n}', 'openapi-required');
    assert.equal(JSON.parse(syn.result).sid, '');
  });
  it('where a key repeats, fixes the value of the last one (the one that counts and that the diagnostic is on)', () => {
    const text =
      '{"provider":"CUSTOM_TWILIO","sid":"AC00000000000000000000000000000000","authToken":"{{t}}",\n"numbers":[{"type":"PHONE_NUMBER","number":"+14155550100","capabilities":["SMS"]}],\n"numbers":[{"type":"PHONE_NUMBER","number":"+1 415 555 0101","capabilities":["SMS"]}]}';
    const { result } = fix(text, 'number-not-e164');
    assert.ok(result.includes('"number":"+14155550100"'), 'the first "numbers" is not touched');
    assert.ok(result.includes('"number":"+14155550101"'), result);
  });
  it('adds the missing required properties with placeholder values', () => {
    const { result, after } = fix('{\n  "provider": "CUSTOM_TWILIO"\n}', 'missing-property');
    assert.deepEqual(JSON.parse(result), {
      provider: 'CUSTOM_TWILIO',
      sid: 'AC00000000000000000000000000000000',
      authToken: '{{twilioAuthToken}}',
    });
    // The inserted example SID stays visibly unfinished.
    assert.deepEqual(after, ['example-value']);
  });
  it('adds missing authentication fields inside the nested object', () => {
    const text =
      '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "n",\n  "authentication": { "method": "OAUTH2" },\n  "requests": [{ "deliveryMethod": "SMS", "url": "https://a/?t=${to}&m=${message}", "method": "GET" }]\n}';
    const { result, after } = fix(text, 'missing-property');
    assert.deepEqual(Object.keys(JSON.parse(result).authentication), ['method', 'authUrl', 'clientId', 'clientSecret']);
    assert.equal(JSON.parse(result).authentication.clientSecret, '{{customProviderClientSecret}}');
    // The example token URL and client id are flagged until replaced.
    assert.deepEqual(after, ['example-value', 'example-value']);
  });
  it('replaces an invalid enum value by the closest valid one (Voice → VOICE)', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"Voice","url":"https://a/?t=${to}&m=${message}","method":"GET"}]}';
    const { result, after, actions } = fix(text, 'invalid-value');
    assert.equal(actions[0].title, 'Change to "VOICE"');
    assert.equal(JSON.parse(result).requests[0].deliveryMethod, 'VOICE');
    assert.deepEqual(after, []);
  });
  it('renames messageType to body as the form parameter it really is', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/m","method":"POST","headers":{"content-type":"application/x-www-form-urlencoded"},"messageType":"ARN&message=${message}&phoneNumber=${to}"}]}';
    const { result, after } = fix(text, 'message-type-quirk');
    assert.equal(JSON.parse(result).requests[0].body, 'messageType=ARN&message=${message}&phoneNumber=${to}');
    assert.equal(JSON.parse(result).requests[0].messageType, undefined);
    assert.deepEqual(after, []);
  });
  it('removes a property the provider does not allow, with its comma', () => {
    const text = '{\n  "provider": "CUSTOM_TWILIO",\n  "verifyServiceId": "VA1",\n  "sid": "AC1",\n  "authToken": "{{t}}"\n}';
    const { result, after } = fix(text, 'property-not-allowed');
    assert.equal(result, '{\n  "provider": "CUSTOM_TWILIO",\n  "sid": "AC1",\n  "authToken": "{{t}}"\n}');
    assert.deepEqual(after, []);
  });
  it('removes the last property without leaving a trailing comma', () => {
    const { result } = fix('{"provider":"CUSTOM_TWILIO","sid":"AC1","authToken":"{{t}}","bogus":1}', 'property-not-allowed');
    assert.equal(result, '{"provider":"CUSTOM_TWILIO","sid":"AC1","authToken":"{{t}}"}');
  });
  it('moves a literal secret to a {{placeholder}}', () => {
    const { result, after, actions } = fix('{"provider":"CUSTOM_SYNIVERSE","authToken":"real-token-value"}', 'literal-secret');
    assert.equal(JSON.parse(result).authToken, '{{syniverseAuthToken}}');
    assert.ok(!actions[0].title.includes('real-token-value'), 'the title must not show the secret');
    assert.deepEqual(after, []);
  });
  it('moves a credential url parameter to a placeholder, leaving the rest of the url', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?to=${to}&m=${message}&apikey=abc","method":"GET"}]}';
    const { result, after } = fix(text, 'literal-secret');
    assert.equal(JSON.parse(result).requests[0].url, 'https://a/?to=${to}&m=${message}&apikey={{apikey}}');
    assert.deepEqual(after, []);
  });
  it('normalises a number to E.164', () => {
    const text =
      '{"provider":"CUSTOM_TWILIO","sid":"AC1","authToken":"{{t}}","numbers":[{"type":"PHONE_NUMBER","number":"+1 (415) 555-2671"}]}';
    const { result, after } = fix(text, 'number-not-e164');
    assert.equal(JSON.parse(result).numbers[0].number, '+14155552671');
    assert.deepEqual(after, []);
  });
  it('removes the earlier of two duplicate keys? no: the flagged (second) one', () => {
    const { result } = fix('{"provider":"CUSTOM_SYNIVERSE","authToken":"{{t}}","name":"a","name":"b"}', 'duplicate-key');
    assert.equal(result, '{"provider":"CUSTOM_SYNIVERSE","authToken":"{{t}}","name":"a"}');
  });
  it('offers nothing for diagnostics of other sources', () => {
    const document = doc('{"provider":"CUSTOM_SYNIVERSE"}');
    const actions = service.codeActions(
      document,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          message: 'x',
          source: 'other',
          data: { fix: 'remove-property', path: ['provider'] },
        },
      ],
      service.parse(document),
    );
    assert.deepEqual(actions, []);
  });
  it('offers nothing for data that is not a fix it could have written, and does not throw on it (no catch-all hides a crash)', () => {
    const text = '{"provider":"CUSTOM_SYNIVERSE","authToken":"{{t}}","name":"a","sid":"x"}';
    const document = doc(text);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const forged = [
      null,
      'remove-property',
      [],
      { fix: 'remove-property' },
      { fix: 'remove-property', path: 'sid' },
      { fix: 'remove-property', path: [{}] },
      { fix: 'remove-property', path: [-1] },
      { fix: 'add-properties', path: [] },
      { fix: 'add-properties', path: [], properties: [1] },
      { fix: 'replace-value', path: ['provider'], candidates: 'CUSTOM_TWILIO' },
      { fix: 'replace-value', path: ['provider'], candidates: [null] },
      { fix: 'normalize-number', path: ['name'], value: 5 },
      { fix: 'use-placeholder', path: ['authToken'] },
      { fix: 'use-placeholder', path: ['authToken'], placeholder: 'p', span: [1] },
      { fix: 'use-placeholder', path: ['authToken'], placeholder: 'p', span: [-1, 2] },
      { fix: 'use-placeholder', path: ['authToken'], placeholder: 'p', span: [0.5, 2] },
      { fix: 'unknown', path: [] },
      { fix: { toString: () => 'remove-property' }, path: ['sid'] },
    ];
    const parsed = service.parse(document);
    for (const data of forged)
      assert.deepEqual(
        service.codeActions(document, range, [{ range, message: 'forged', source: 'pingone', data }], parsed),
        [],
        JSON.stringify(data),
      );
    // A diagnostic without a usable range: the fixes that read it are not offered either.
    for (const bad of [undefined, {}, { start: { line: 0 } }, { start: { line: 0, character: 0 }, end: null }])
      assert.deepEqual(
        service.codeActions(
          document,
          range,
          [{ range: bad as never, message: 'forged', source: 'pingone', data: { fix: 'remove-property', path: ['sid'] } }],
          parsed,
        ),
        [],
      );
    // The same data with the right shape is a fix.
    const sid = { start: document.positionAt(text.indexOf('"sid"')), end: document.positionAt(text.indexOf('"sid"') + 5) };
    const [removed] = service.codeActions(
      document,
      range,
      [{ range: sid, message: 'm', source: 'pingone', data: { fix: 'remove-property', path: ['sid'] } }],
      parsed,
    );
    assert.equal(removed?.title, 'Remove "sid"');
  });
});

describe('placeholder names', () => {
  it('a credential header is moved to the same {{name}} that a pull writes for it', async () => {
    const { placeholdersForEchoedSecrets } = await import('../../../server/src/workflow/echoedSecrets');
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?t=${to}&m=${message}","method":"GET","headers":{"X-Api-Key":"literal-value"}}]}';
    const fixed = JSON.parse(fix(text, 'literal-secret').result).requests[0].headers['X-Api-Key'];
    const pulled = JSON.parse(placeholdersForEchoedSecrets(text, new Map()).text).requests[0].headers['X-Api-Key'];
    assert.equal(fixed, '{{xApiKey}}');
    assert.equal(pulled, fixed);
  });
  it('a name that would start with a digit still makes a valid placeholder', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?t=${to}&m=${message}","method":"GET","headers":{"2fa-token":"literal-value"}}]}';
    const { result, after } = fix(text, 'literal-secret');
    assert.equal(JSON.parse(result).requests[0].headers['2fa-token'], '{{_2faToken}}');
    assert.deepEqual(after, []);
  });
});

describe('quick fix: a missing content-type', () => {
  const request = (extra: string): string =>
    `{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "n",\n  "authentication": { "method": "BEARER", "authToken": "{{t}}" },\n  "requests": [\n    {\n      "deliveryMethod": "SMS",\n      "url": "https://api.my-sms-gateway.com/send",\n      "method": "POST",\n      "phoneNumberFormat": "FULL"${extra}\n    }\n  ]\n}`;
  it('a JSON body: "Content-Type: application/json" first (preferred), the form type second; headers created', () => {
    const text = request(',\n      "body": "{\\"to\\":\\"${to}\\",\\"text\\":\\"${message}\\"}"');
    const { result, actions, after } = fix(text, 'content-type-missing');
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Add header "Content-Type: application/json" (matches the body)', true],
        ['Add header "Content-Type: application/x-www-form-urlencoded"', false],
      ],
    );
    assert.deepEqual(JSON.parse(result).requests[0].headers, { 'Content-Type': 'application/json' });
    assert.deepEqual(after, []);
  });
  it('a form body: the form type first; into the headers that are there', () => {
    const text = request(',\n      "body": "to=${to}&message=${message}",\n      "headers": { "X-Trace": "1" }');
    const { result, actions, after } = fix(text, 'content-type-missing');
    assert.equal(actions[0].title, 'Add header "Content-Type: application/x-www-form-urlencoded" (matches the body)');
    assert.deepEqual(JSON.parse(result).requests[0].headers, { 'X-Trace': '1', 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.deepEqual(after, []);
    // The second choice gives what it says (and then the rule says the body does not match).
    const json = fix(text, 'content-type-missing', /application\/json/);
    assert.equal(JSON.parse(json.result).requests[0].headers['Content-Type'], 'application/json');
    assert.deepEqual(json.after, ['content-type-mismatch']);
  });
  it('in a document written on one line, the rest of it unchanged', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://api.my-sms-gateway.com/s","method":"POST","body":"to=${to}&message=${message}","phoneNumberFormat":"FULL"}]}';
    const { result, after } = fix(text, 'content-type-missing');
    const value = JSON.parse(result);
    assert.deepEqual(value.requests[0].headers, { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(value.authentication.authToken, '{{t}}');
    assert.deepEqual(after, []);
  });
});

describe('quick fix: a literal secret says what becomes of the value', () => {
  const withCommand = createPhoneDeliveryService({ secretStorageCommand: 'pingone.setSecretVariable' });
  const actionsFor = (svc: typeof service, text: string): { actions: CodeAction[]; document: ReturnType<typeof doc> } => {
    const document = doc(text);
    const parsed = svc.parse(document);
    const diags = svc.validate(document, parsed).filter((d) => d.code === 'literal-secret');
    return { actions: svc.codeActions(document, diags[0].range, diags, parsed), document };
  };
  const TEXT = '{"provider":"CUSTOM_SYNIVERSE","sid":"","authToken":"real-token-value"}';

  it('without a secret storage: only the replacement, titled as what it does (the value is not kept)', () => {
    const { actions } = actionsFor(service, TEXT);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Replace it with {{syniverseAuthToken}} (the value is not kept)'],
    );
    assert.equal(actions[0].isPreferred, true);
  });

  it('with the client’s command: "Move the secret into secret storage" first, a command that points at the value without carrying it', async () => {
    const { literalSecretValue, secretMoveRequest } = await import('../../../server/src/workflow/secretMove');
    const { actions, document } = actionsFor(withCommand, TEXT);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Move the secret into secret storage as {{syniverseAuthToken}}', true],
        ['Replace it with {{syniverseAuthToken}} (the value is not kept)', false],
      ],
    );
    const move = actions[0];
    assert.equal(move.edit, undefined, 'nothing is replaced before the value is stored');
    assert.equal(move.command?.command, 'pingone.setSecretVariable');
    assert.ok(!JSON.stringify(move).includes('real-token-value'), 'the value travels in no message');
    const request = secretMoveRequest(...(move.command!.arguments as [unknown, unknown]));
    assert.ok(request);
    assert.equal(request.uri, document.uri);
    assert.equal(request.version, document.version);
    assert.equal(request.replacement, '"{{syniverseAuthToken}}"');
    const raw = TEXT.slice(document.offsetAt(request.range.start), document.offsetAt(request.range.end));
    assert.equal(literalSecretValue(raw, request.literal), 'real-token-value');
  });

  it('a credential parameter inside a url: the range of its value only, read back decoded', async () => {
    const { literalSecretValue, secretMoveRequest } = await import('../../../server/src/workflow/secretMove');
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","url":"https://a/?to=${to}&m=${message}&apikey=ab\\u0063\\/d","method":"GET"}]}';
    const { actions, document } = actionsFor(withCommand, text);
    const request = secretMoveRequest(...(actions[0].command!.arguments as [unknown, unknown]))!;
    assert.equal(request.literal, 'json-string-content');
    assert.equal(request.replacement, '{{apikey}}');
    const raw = text.slice(document.offsetAt(request.range.start), document.offsetAt(request.range.end));
    assert.equal(literalSecretValue(raw, request.literal), 'abc/d');
  });
});
