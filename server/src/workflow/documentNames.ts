/**
 * What the editor suggests where a new or pulled document is saved (issue 14: Save As offered
 * "Untitled-1"): `<name>.phone-delivery.json`, the pattern the extension recognises by default.
 */

export const DOCUMENT_SUFFIX = '.phone-delivery.json';

/** The longest name part; a provider name can be long, a file name should not be. */
const MAX_STEM = 60;

/** `Gateway with API key` → `gateway-with-api-key`: lower case letters and digits joined by single dashes; `fallback`'s stem when nothing is left. */
export function fileStem(name: string, fallback?: string): string {
  // Linear in the name: every run of other characters becomes one dash, so at most one dash is left
  // at either end (trimmed without a regex: `-+$` backtracks quadratically on a long run of dashes).
  let stem = name
    .slice(0, MAX_STEM * 4)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  if (stem.startsWith('-')) stem = stem.slice(1);
  stem = stem.slice(0, MAX_STEM);
  if (stem.endsWith('-')) stem = stem.slice(0, -1);
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
