/**
 * "updated 3 hours ago" for the quick picks (issue 14: the Pull pick showed a raw ISO time). Past
 * times only; a time that cannot be read is said to be unknown, a time in the future (clock skew)
 * is "just now".
 */

const UNITS: [limitSeconds: number, seconds: number, unit: string][] = [
  [60 * 60, 60, 'minute'],
  [24 * 60 * 60, 60 * 60, 'hour'],
  [30 * 24 * 60 * 60, 24 * 60 * 60, 'day'],
  [365 * 24 * 60 * 60, 30 * 24 * 60 * 60, 'month'],
  [Infinity, 365 * 24 * 60 * 60, 'year'],
];

/** `2 minutes ago`, `yesterday`, `3 months ago`; `at an unknown time` for a missing or unreadable time. */
export function timeAgo(iso: string | undefined, now: number = Date.now()): string {
  const t = iso === undefined ? NaN : Date.parse(iso);
  if (Number.isNaN(t)) return 'at an unknown time';
  const seconds = Math.max(0, (now - t) / 1000);
  if (seconds < 60) return 'just now';
  for (const [limit, size, unit] of UNITS) {
    if (seconds < limit) {
      const n = Math.floor(seconds / size);
      if (unit === 'day' && n === 1) return 'yesterday';
      return `${n} ${unit}${n > 1 ? 's' : ''} ago`;
    }
  }
  return 'long ago';
}
