// "Did you mean …?" for unknown configuration keys and environment names. Pure string distance; must
// never suggest a key that does not exist.

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest candidate to `key`: one whose last segment equals key's last segment (a key put in the wrong
 * section), else one within edit distance 3 (2 for short keys). Undefined when nothing is close.
 */
export function suggestKey(key: string, candidates: readonly string[]): string | undefined {
  const last = key.split('.').pop() ?? key;
  const sameLeaf = candidates.find((c) => c !== key && (c.split('.').pop() ?? c) === last);
  if (sameLeaf !== undefined) return sameLeaf;
  const limit = key.length <= 6 ? 2 : 3;
  let best: { key: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(key, candidate);
    if (d <= limit && (best === undefined || d < best.d)) best = { key: candidate, d };
  }
  return best?.key;
}
