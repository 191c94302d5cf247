// Deterministic benchmark documents: a realistic CUSTOM_PROVIDER body grown to a target size by long
// `numbers` and `requests` arrays, in a valid variant and an invalid one with known injected errors.
// Every position the benchmark uses (injected errors, the one-character edit, completion and hover)
// is computed from the syntax tree of the generated text, never guessed.
import { createRequire } from 'node:module';
import { prng } from './stats.mjs';

const require = createRequire(import.meta.url);
const jsonc = require('jsonc-parser');

export const SIZES = { '1k': 1024, '20k': 20 * 1024, '200k': 200 * 1024, '2m': 2 * 1024 * 1024 };

/** `1k`, `20K`, `200kb`, `2m`, `2MB` → a key of SIZES. */
export function sizeKey(raw) {
  const k = String(raw).trim().toLowerCase().replace(/b$/, '');
  if (!(k in SIZES)) throw new Error(`unknown size '${raw}' (use ${Object.keys(SIZES).join(', ')})`);
  return k;
}

const HOSTS = ['gateway', 'sms', 'api', 'notify', 'messaging', 'relay', 'edge'];
// Not reserved example domains: the checker warns on those (example-value), and a valid bench document has no finding.
const DOMAINS = ['my-sms-gateway.com', 'acme-telecom.net', 'contoso-sms.org', 'notify-relay.io', 'messaging-hub.eu'];
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'SE', 'AU', 'NZ', 'IE', 'ES', 'IT', 'JP', 'SG', 'BR', 'MX'];

function pick(rnd, list) {
  return list[Math.floor(rnd() * list.length)];
}

function digits(rnd, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rnd() * 10));
  return s;
}

function someCountries(rnd, max) {
  const n = 1 + Math.floor(rnd() * max);
  const out = [];
  while (out.length < n) {
    const c = pick(rnd, COUNTRIES);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function capabilities(rnd) {
  const r = rnd();
  return r < 0.5 ? ['SMS', 'VOICE'] : r < 0.8 ? ['SMS'] : ['VOICE'];
}

function gatewayUrl(rnd, path) {
  return `https://${pick(rnd, HOSTS)}.${pick(rnd, DOMAINS)}/v${1 + Math.floor(rnd() * 3)}/${path}`;
}

/** One gateway request: SMS as a JSON POST, VOICE as a form POST or a GET with the variables in the url. */
function request(rnd, deliveryMethod) {
  if (deliveryMethod === 'SMS') {
    return {
      deliveryMethod: 'SMS',
      url: gatewayUrl(rnd, 'messages'),
      method: 'POST',
      body: '{"to":"${to}","from":"${from}","text":"${message}","locale":"${locale}"}',
      headers: { 'content-type': 'application/json', 'x-request-source': 'pingone' },
      phoneNumberFormat: 'FULL',
    };
  }
  if (rnd() < 0.5) {
    return {
      deliveryMethod: 'VOICE',
      url: gatewayUrl(rnd, 'calls'),
      method: 'POST',
      body: 'to=${to}&from=${from}&message=${message}&voice=${voice}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      phoneNumberFormat: 'NUMBER_ONLY',
      beforeTag: '<Say>',
      afterTag: '</Say> <Pause length="1"/>',
    };
  }
  return {
    deliveryMethod: 'VOICE',
    url: `${gatewayUrl(rnd, 'calls')}?to=\${to}&message=\${message}&otp=\${otp}`,
    method: 'GET',
    // Required by PingOne's OpenAPI (an `openapi-required` hint without it): a valid document has it.
    phoneNumberFormat: 'FULL',
    beforeTag: '<Say>',
    afterTag: '</Say>',
  };
}

function number(rnd, type) {
  if (type === 'PHONE_NUMBER') {
    return { type, number: `+1415${digits(rnd, 7)}`, capabilities: capabilities(rnd), selected: rnd() < 0.3, available: rnd() < 0.9 };
  }
  if (type === 'TOLL_FREE') {
    return {
      type,
      number: `+1800${digits(rnd, 7)}`,
      capabilities: capabilities(rnd),
      supportedCountries: someCountries(rnd, 3),
      selected: false,
      available: true,
    };
  }
  return {
    type: 'SHORT_CODE',
    number: digits(rnd, 6),
    capabilities: ['SMS'],
    supportedCountries: [pick(rnd, COUNTRIES)],
    selected: false,
    available: rnd() < 0.8,
  };
}

const NUMBER_TYPES = ['PHONE_NUMBER', 'PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE'];

/** The body with `nRequests` requests and `nNumbers` numbers (2 and 2: a realistic 1 KB body). */
function body(seed, label, nRequests, nNumbers) {
  const rnd = prng(seed);
  const requests = [];
  for (let i = 0; i < nRequests; i++) requests.push(request(rnd, i % 2 === 0 ? 'SMS' : 'VOICE'));
  const numbers = [];
  for (let i = 0; i < nNumbers; i++)
    numbers.push(number(rnd, i < 3 ? ['PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE'][i] : pick(rnd, NUMBER_TYPES)));
  return {
    name: `Acme gateway (${label})`,
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BASIC', username: 'pingone-gateway', password: '{{gatewayPassword}}' },
    requests,
    numbers,
  };
}

const stringify = (value) => JSON.stringify(value, null, 2) + '\n';

/** Item counts for a target size: about one request per 20 numbers beyond the realistic base. */
function countsFor(target, seed, label) {
  let nNumbers = 2;
  const countsOf = (n) => ({ nNumbers: n, nRequests: Math.max(2, 2 + Math.floor((n - 2) / 20)) });
  const sizeOf = ({ nNumbers: n, nRequests: r }) => stringify(body(seed, label, r, n)).length;
  if (sizeOf(countsOf(nNumbers)) >= target) return countsOf(nNumbers);
  // Grow proportionally twice, then step to the first count at or above the target.
  for (let k = 0; k < 3; k++) {
    const size = sizeOf(countsOf(nNumbers));
    nNumbers = Math.max(nNumbers + 1, Math.round((nNumbers * target) / size));
  }
  while (sizeOf(countsOf(nNumbers)) > target && nNumbers > 2) nNumbers--;
  while (sizeOf(countsOf(nNumbers)) < target) nNumbers++;
  return countsOf(nNumbers);
}

/** Offset → {line, character} for a text with \n line ends. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function rangeAt(text, offset, length) {
  return { start: positionAt(text, offset), end: positionAt(text, offset + length) };
}

function nodeAt(root, path) {
  const node = jsonc.findNodeAtLocation(root, path);
  if (!node) throw new Error(`no node at ${JSON.stringify(path)}`);
  return node;
}

const keyNodeOf = (valueNode) => valueNode.parent.children[0];

/** Index of the first item of `type` at or after `from` (wrapping), avoiding `avoid`. */
function findNumber(numbers, type, from, avoid = []) {
  for (let k = 0; k < numbers.length; k++) {
    const i = (from + k) % numbers.length;
    if (numbers[i].type === type && !avoid.includes(i)) return i;
  }
  if (avoid.length) return findNumber(numbers, type, from); // a small document: share an item
  throw new Error(`no ${type} number`);
}

/**
 * One benchmark document of a size: `valid` and `invalid` texts, the injected errors of the invalid
 * one (code and range, as our server must report them), and the spots of the interactive metrics.
 */
export function makeDocument(size, seed = 1) {
  const target = SIZES[size];
  const label = `bench ${size}`;
  const docSeed = seed * 1000 + Object.keys(SIZES).indexOf(size);
  const { nRequests, nNumbers } = countsFor(target, docSeed, label);
  const value = body(docSeed, label, nRequests, nNumbers);
  const valid = stringify(value);

  // Injected errors, spread over the document: early, middle and late.
  const n = value.numbers.length;
  const bad = structuredClone(value);
  const voices = bad.requests.flatMap((r, i) => (r.deliveryMethod === 'VOICE' ? [i] : []));
  const voiceIndex = voices.find((i) => i >= Math.floor((bad.requests.length * 3) / 4)) ?? voices[voices.length - 1];
  const extraIndex = 0;
  const typeIndex = Math.floor(n / 2);
  const tollIndex = findNumber(bad.numbers, 'TOLL_FREE', Math.floor((n * 9) / 10));
  bad.requests[voiceIndex].deliveryMethod = 'Voice';
  bad.numbers[typeIndex].selected = 'yes';
  bad.numbers[tollIndex].supportedCountries = [...bad.numbers[tollIndex].supportedCountries.slice(0, 1), 'UK'];
  // A capability PingOne does not have (an unknown property would be a warning: PingOne's schemas are open).
  bad.numbers[extraIndex].capabilities = [...(bad.numbers[extraIndex].capabilities ?? []), 'FAX'];
  const invalid = stringify(bad);
  const root = jsonc.parseTree(invalid);
  const ukNode = nodeAt(root, ['numbers', tollIndex, 'supportedCountries', bad.numbers[tollIndex].supportedCountries.length - 1]);
  const errorAt = (code, what, node) => ({ code, what, range: rangeAt(invalid, node.offset, node.length) });
  const injected = [
    errorAt(
      'invalid-value',
      `"FAX" in numbers[${extraIndex}].capabilities`,
      nodeAt(root, ['numbers', extraIndex, 'capabilities', bad.numbers[extraIndex].capabilities.length - 1]),
    ),
    errorAt(
      'invalid-value',
      `"deliveryMethod": "Voice" in requests[${voiceIndex}]`,
      nodeAt(root, ['requests', voiceIndex, 'deliveryMethod']),
    ),
    errorAt('invalid-type', `"selected": "yes" in numbers[${typeIndex}]`, nodeAt(root, ['numbers', typeIndex, 'selected'])),
    errorAt('country-code-invalid', `"UK" in numbers[${tollIndex}].supportedCountries`, ukNode),
  ];

  // The spots are the same in both variants except for offsets; compute them on the invalid text
  // (the one the timed metrics use) and on the valid one.
  const avoid = [extraIndex, typeIndex, tollIndex];
  const editIndex = findNumber(value.numbers, 'PHONE_NUMBER', Math.floor((n * 3) / 5), avoid);
  const spotIndex = findNumber(value.numbers, 'PHONE_NUMBER', Math.floor((n * 2) / 5), [...avoid, editIndex]);
  const spots = (text) => {
    const t = jsonc.parseTree(text);
    const numberNode = nodeAt(t, ['numbers', editIndex, 'number']);
    // The last digit of a phone number: toggled between two digits, the number stays valid E.164.
    const editOffset = numberNode.offset + numberNode.length - 2;
    const original = text[editOffset];
    const alternate = String((Number(original) + 1) % 10);
    const availableKey = keyNodeOf(nodeAt(t, ['numbers', spotIndex, 'available']));
    const typeValue = nodeAt(t, ['numbers', spotIndex, 'type']);
    const capabilitiesKey = keyNodeOf(nodeAt(t, ['numbers', spotIndex, 'capabilities']));
    return {
      edit: { what: `last digit of numbers[${editIndex}].number`, range: rangeAt(text, editOffset, 1), texts: [alternate, original] },
      // Inside the key "available" of a number: the property names that fit there.
      completionProperty: { what: `key "available" of numbers[${spotIndex}]`, position: positionAt(text, availableKey.offset + 1) },
      // Inside the value of "type": the enum PHONE_NUMBER, TOLL_FREE, SHORT_CODE.
      completionEnum: {
        what: `value of numbers[${spotIndex}].type`,
        position: positionAt(text, typeValue.offset + 1),
        expect: 'TOLL_FREE',
      },
      hover: { what: `key "capabilities" of numbers[${spotIndex}]`, position: positionAt(text, capabilitiesKey.offset + 3) },
    };
  };
  return {
    size,
    target,
    counts: { requests: nRequests, numbers: nNumbers },
    valid: { text: valid, bytes: Buffer.byteLength(valid), spots: spots(valid) },
    invalid: { text: invalid, bytes: Buffer.byteLength(invalid), spots: spots(invalid), injected },
  };
}

/** The i-th of the CLI's one-kilobyte documents: every tenth one invalid (the four injected errors). */
export function cliDocument(i, seed = 1) {
  const value = body(seed * 100000 + i, `cli ${i}`, 2, 2);
  if (i % 10 !== 9) return { text: stringify(value), invalid: false };
  value.requests[1].deliveryMethod = 'Voice';
  value.numbers[1].selected = 'yes';
  value.numbers[1].supportedCountries = ['UK'];
  value.numbers[0].capabilities = [...(value.numbers[0].capabilities ?? []), 'FAX'];
  return { text: stringify(value), invalid: true };
}
