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
import { findValueNode, offsetInString } from '../ranges';
import type { Reporter } from './context';

/** Whether a placeholder name reads like a secret's: the service cannot know which values are secret. */
export function looksSecret(name: string): boolean {
  // `authUrl`, `tokenHost`: the name of a place, not of a credential.
  return suggestedSecretNames().has(name) || (CREDENTIAL_NAME.test(name) && !/(url|uri|host|path|endpoint|domain)$/i.test(name));
}

export function checkSecretPlacement(root: Node, value: unknown, reporter: Reporter, text: string): void {
  for (const p of secretPlacements(value)) {
    if (p.credential || !looksSecret(p.name)) continue;
    const node = findValueNode(root, p.path);
    if (!node || node.type !== 'string') continue;
    const start = offsetInString(text, node, p.start);
    const end = offsetInString(text, node, p.end);
    reporter.report(
      'secret-placeholder-misplaced',
      { offset: start, length: end - start },
      `"{{${p.name}}}" looks like a secret, and a secret is only filled into a field that holds a credential: ${p.reason}. ` +
        `A send refuses to fill a secret value here (a plain --var value is filled).`,
    );
  }
  const walk = (n: Node): void => {
    if (n.type === 'string' && typeof n.value === 'string') {
      for (const e of findEscapedPlaceholders(n.value)) {
        const start = offsetInString(text, n, e.start);
        const end = offsetInString(text, n, e.end);
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
