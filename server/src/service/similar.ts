/** The allowed values closest to a wrong one: case-insensitive matches first, then by edit distance. */
export function closest(wrong: string, allowed: string[], max = 3): string[] {
  const lower = wrong.toLowerCase().replace(/[\s-]/g, '_');
  const exact = allowed.filter((a) => a.toLowerCase() === lower);
  if (exact.length) return exact;
  const scored = allowed
    .map((a) => ({ a, d: distance(lower, a.toLowerCase()) }))
    .filter(({ a, d }) => d <= Math.max(2, Math.floor(a.length / 3)))
    .sort((x, y) => x.d - y.d);
  return scored.slice(0, max).map((s) => s.a);
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
