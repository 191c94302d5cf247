/**
 * Work on input from a document or from the network grows linearly with its size (review finding
 * "super-linear work on attacker-controlled input"): for each shape that used to be quadratic, the
 * input is doubled and the time may at most about double (see growth.ts; no wall-clock bound).
 */
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatText } from '../../../server/src/cli/report';
import { Output } from '../../../server/src/cli/remote';
import { reportPingOneError } from '../../../server/src/cli/send';
import { PingOneError } from '../../../server/src/pingone/errors';
import { normalizeApiBase } from '../../../server/src/pingone/endpoints';
import { bodyExcerpt } from '../../../server/src/pingone/http';
import { createPhoneDeliveryService } from '../../../server/src/service';
import { toPlainText } from '../../../server/src/service/hoverText';
import { maskLiveWithTemplates } from '../../../server/src/workflow/plan';
import { assertLinear, growthRatio } from './growth';

const service = createPhoneDeliveryService();

function validate(text: string): number {
  const doc = TextDocument.create('file:///hostile.phone-delivery.json', 'json', 1, text);
  return service.validate(doc, service.parse(doc)).length;
}

/** A custom provider whose one request has this url and body. */
function customProvider(url: string, body: string): string {
  return JSON.stringify({
    provider: 'CUSTOM_PROVIDER',
    name: 'hostile',
    authentication: { method: 'BASIC', username: 'u', password: '{{password}}' },
    requests: [{ deliveryMethod: 'SMS', method: 'POST', url, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  });
}

const N = 20_000;

describe('linear time on hostile input', () => {
  it('validating a url with a long run and no "=" (credential parameters)', () => {
    assertLinear(
      growthRatio((n) => customProvider('https://gw.example.com/?' + 'a'.repeat(n), 'to=${to}&message=${message}'), validate, N),
      'url without =',
    );
  });

  it('validating a body with a long run and no "="', () => {
    assertLinear(
      growthRatio((n) => customProvider('https://gw.example.com/', 'a'.repeat(n)), validate, N),
      'body without =',
    );
  });

  it('validating a body of unclosed "${"', () => {
    assertLinear(
      growthRatio((n) => customProvider('https://gw.example.com/', '${'.repeat(n / 2)), validate, N),
      'body of ${',
    );
  });

  it('validating a body with many unknown ${…} variables and credential parameters (one pass per string)', () => {
    assertLinear(
      growthRatio(
        (n) => customProvider('https://gw.example.com/', '${x}&token=abc&'.repeat(n / 16) + 'to=${to}&message=${message}'),
        validate,
        N / 4,
      ),
      'many findings in one string',
    );
  });

  it('validating a url path full of secret-looking {{placeholders}} and a body of escaped \\{{…}} (one pass per string)', () => {
    assertLinear(
      growthRatio(
        (n) =>
          customProvider(
            'https://gw.example.com/' + '{{twilioAuthToken}}/'.repeat(n / 20) + '?to=${to}&m=${message}',
            '\\{{apiKey}}&'.repeat(n / 12) + 'to=${to}&message=${message}',
          ),
        validate,
        N / 4,
      ),
      'many placement findings in one string',
    );
  });

  it('the excerpt of an HTML page with many unclosed <title tags', () => {
    assertLinear(
      growthRatio(
        (n) => '<html><head>' + '<TITLE>'.repeat(n / 7),
        (t) => bodyExcerpt(t),
        10 * N,
      ),
      'bodyExcerpt',
    );
  });

  it('a base URL with a long run of slashes', () => {
    assertLinear(
      growthRatio(
        (n) => 'https://api.example.com' + '/'.repeat(n) + 'x/',
        (u) => normalizeApiBase(u),
        2 * N,
      ),
      'trailing slashes',
    );
  });

  it("the CLI's text report of a message with a long run of white space", () => {
    const report = (m: string) =>
      formatText([
        { file: 'f', diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: m }] },
      ]);
    assertLinear(
      growthRatio((n) => '\t'.repeat(n) + '\u0000\n', report, 2 * N),
      'formatText',
    );
  });

  it('plain-text hover of markdown with unclosed links and double backticks', () => {
    assertLinear(
      growthRatio((n) => '['.repeat(n / 2) + '`` \u0000'.repeat(n / 8), toPlainText, 2 * N),
      'toPlainText',
    );
  });

  it("the plan's comparison of a live value with a document template of many placeholders", () => {
    // A regex of `[\s\S]*` per placeholder backtracks polynomially on a live value that does not fit.
    assertLinear(
      growthRatio(
        (n) => ({ doc: 'x{{a}}'.repeat(n / 6) + 'y', live: 'x'.repeat(n) }),
        ({ doc, live }) => maskLiveWithTemplates(doc, live),
        2 * N,
      ),
      'maskLiveWithTemplates',
    );
  });

  it('a PingOne error with many details on a large document: parsed once, not once per detail', () => {
    // Doubling the document and the number of details: one parse per detail would quadruple the time.
    const make = (n: number) => {
      const numbers = Array.from({ length: n }, (_, i) => ({
        type: 'TOLL_FREE',
        number: `+1800555${String(i).padStart(4, '0')}`,
        selected: true,
      }));
      const text = JSON.stringify({ provider: 'CUSTOM_PROVIDER', name: 'x', numbers }, null, 2);
      const details = Array.from({ length: n / 50 }, (_, i) => ({
        code: 'INVALID_VALUE',
        target: i % 2 ? `numbers[${i}].number` : 'selected',
        message: 'no',
      }));
      return { text, error: new PingOneError('api', 'rejected', { status: 400, details }) };
    };
    const io = { stdout: () => undefined, stderr: () => undefined } as never;
    const report = ({ text, error }: ReturnType<typeof make>) =>
      reportPingOneError(new Output(io, 'send'), error, 'refused', 'f.json', text);
    assertLinear(growthRatio(make, report, 2_000), 'reportPingOneError');
  });
});
