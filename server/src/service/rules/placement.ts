/**
 * Secret placement while typing (issue "A secret goes only where its owner meant it to go"): a
 * `{{name}}` that looks like a secret (a name the model suggests for a write-only field, or one that
 * reads like a credential) outside a credential position is an error, as the send refuses to fill a
 * secret there; a `\{{name}}` is literal text (as pulled from PingOne), never filled.
 */
import type { Node } from 'jsonc-parser';
import { CREDENTIAL_NAME } from '../../model/phoneDeliverySettings';
import { findEscapedPlaceholders } from '../../model/placeholders';
import { secretPlacements, suggestedSecretNames } from '../../model/secretPlacement';
import { findValueNode, stringOffsets } from '../ranges';
import type { Reporter } from './context';

/** Whether a placeholder name reads like a secret's: the service cannot know which values are secret. */
export function looksSecret(name: string): boolean {
  // `authUrl`, `tokenHost`: the name of a place, not of a credential.
  return suggestedSecretNames().has(name) || (CREDENTIAL_NAME.test(name) && !/(url|uri|host|path|endpoint|domain)$/i.test(name));
}

export function checkSecretPlacement(root: Node, value: unknown, reporter: Reporter, text: string): void {
  // One offset mapper per string (`stringOffsets`): the findings of one long string cost one pass.
  let mapped: { node: Node; offsetOf: (index: number) => number } | undefined;
  for (const p of secretPlacements(value)) {
    if (p.credential || !looksSecret(p.name)) continue;
    const node = findValueNode(root, p.path);
    if (!node || node.type !== 'string') continue;
    if (mapped?.node !== node) mapped = { node, offsetOf: stringOffsets(text, node) };
    const start = mapped.offsetOf(p.start);
    const end = mapped.offsetOf(p.end);
    reporter.report(
      'secret-placeholder-misplaced',
      { offset: start, length: end - start },
      `"{{${p.name}}}" looks like a secret, and a secret is only filled into a field that holds a credential: ${p.reason}. ` +
        `A send refuses to fill a secret value here (a plain --var value is filled).`,
    );
  }
  const walk = (n: Node): void => {
    if (n.type === 'string' && typeof n.value === 'string') {
      const offsetOf = stringOffsets(text, n);
      for (const e of findEscapedPlaceholders(n.value)) {
        const start = offsetOf(e.start);
        const end = offsetOf(e.end);
        reporter.report(
          'literal-placeholder',
          { offset: start, length: end - start },
          `"\\{{${e.name}}}" is literal text, sent as "{{${e.name}}}" and never filled in (PingOne stored it so; a pull writes it escaped).`,
        );
      }
    }
    n.children?.forEach(walk);
  };
  if (text.includes('\\\\{{')) walk(root);
}
