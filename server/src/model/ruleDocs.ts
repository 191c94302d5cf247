/**
 * One documentation page per rule, for reports that describe the rules apart from any document (the
 * SARIF `helpUri` of each rule). A diagnostic in the editor links to the page of the provider it is
 * about instead (see service/validate.ts); these are the pages that hold for every provider.
 */
import { DOCS } from './docs';
import { RULES, type RuleCode } from './rules';

const RFC_8259 = 'https://www.rfc-editor.org/rfc/rfc8259';

/** Rules of JSON itself, and of this tool's limits, point into RFC 8259; every other rule to PingOne's data model page. */
const OTHER_THAN_DATA_MODEL: Partial<Record<RuleCode, string>> = {
  'invalid-json': `${RFC_8259}#section-2`,
  'comment-not-allowed': `${RFC_8259}#section-2`,
  'trailing-comma': `${RFC_8259}#section-2`,
  'duplicate-key': `${RFC_8259}#section-4`,
  // RFC 8259 §9: a parser may limit the size and the nesting depth of the texts it accepts.
  'document-too-large': `${RFC_8259}#section-9`,
};

export function ruleDocs(code: RuleCode): string {
  const rule = RULES[code];
  if ('docs' in rule && typeof rule.docs === 'string') return rule.docs;
  return OTHER_THAN_DATA_MODEL[code] ?? DOCS.dataModel;
}
