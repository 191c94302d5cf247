/** The plan's live side: a live value that fits the document's text around its placeholders shows as that text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskLiveWithTemplates } from '../../../server/src/workflow/plan';

describe('plan: live values against placeholder templates', () => {
  it('fits: each placeholder stands for any text, the pieces in order', () => {
    for (const [doc, live] of [
      ['{{token}}', 'anything'],
      ['Bearer {{token}}', 'Bearer abc'],
      ['Bearer {{token}}', 'Bearer '],
      ['{{a}}:{{b}}', 'u:p:q'],
      ['https://gw/{{a}}/x/{{b}}?k={{c}}', 'https://gw/1/x/x/2?k=3'],
      ['ab{{x}}ba', 'abba'],
    ]) {
      assert.equal(maskLiveWithTemplates(doc, live), doc, `${doc} / ${live}`);
    }
  });

  it('does not fit: a note instead of the live value', () => {
    for (const [doc, live] of [
      ['Bearer {{token}}', 'Basic abc'],
      ['{{a}}:{{b}}', 'up'],
      ['ab{{x}}ba', 'aba'],
      ['x{{a}}y{{b}}z', 'xzy'],
    ]) {
      assert.equal(maskLiveWithTemplates(doc, live), `(differs from ${doc}; not shown)`, `${doc} / ${live}`);
    }
  });
});
