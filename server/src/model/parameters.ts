/**
 * `name=value` parameters of a query string or a form body, found by a scan in linear time.
 * The same pairs as `/([^&=?#\s]+)=([^&#]*)/g` from `from` on, which reads the rest of the text
 * again from every position of a long run without `=` (quadratic on 60 KB of one character).
 */

export interface FormParameter {
  name: string;
  /** Offsets into the text. */
  nameStart: number;
  valueStart: number;
  valueEnd: number;
}

const isNameChar = (c: string): boolean => c !== '&' && c !== '=' && c !== '?' && c !== '#' && !/\s/.test(c);
// (A regex per character is fine here: only the characters of names before an `=` are tested.)

export function formParameters(text: string, from = 0): FormParameter[] {
  const out: FormParameter[] = [];
  let pos = from;
  while (pos < text.length) {
    const eq = text.indexOf('=', pos);
    if (eq < 0) break;
    // The name is the run of name characters just before `=`, not reaching back before `pos`.
    let start = eq;
    while (start > pos && isNameChar(text[start - 1])) start--;
    if (start === eq) {
      pos = eq + 1;
      continue;
    }
    let end = eq + 1;
    while (end < text.length && text[end] !== '&' && text[end] !== '#') end++;
    out.push({ name: text.slice(start, eq), nameStart: start, valueStart: eq + 1, valueEnd: end });
    pos = end;
  }
  return out;
}
