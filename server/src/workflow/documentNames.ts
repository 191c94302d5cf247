/**
 * What the editor suggests where a new or pulled document is saved (issue 14: Save As offered
 * "Untitled-1"): `<name>.phone-delivery.json`, the pattern the extension recognises by default.
 */

export const DOCUMENT_SUFFIX = '.phone-delivery.json';

/** The longest name part; a provider name can be long, a file name should not be. */
const MAX_STEM = 60;

/** `Gateway with API key` → `gateway-with-api-key`: lower case letters and digits joined by single dashes; `fallback`'s stem when nothing is left. */
export function fileStem(name: string, fallback?: string): string {
  // One pass, linear in the name: every run of other characters becomes one dash.
  const stem = name
    .slice(0, MAX_STEM * 4)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/, '');
  return stem || (fallback !== undefined ? fileStem(fallback) : 'provider');
}

/**
 * A file name for `name` that is not in `taken` (the names of open documents): `twilio.phone-delivery.json`,
 * then `twilio-2.phone-delivery.json`...
 */
export function suggestedFileName(name: string, taken: ReadonlySet<string>, fallback?: string): string {
  const stem = fileStem(name, fallback);
  for (let n = 1; ; n++) {
    const candidate = `${stem}${n > 1 ? `-${n}` : ''}${DOCUMENT_SUFFIX}`;
    if (!taken.has(candidate)) return candidate;
  }
}
