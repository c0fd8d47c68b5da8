/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), compared without
 * case: `securtyMode` -> `securityMode` is 1, `chaosdaemon` -> `chaosDaemon` is 0.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

function commonPrefix(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let n = 0;
  while (n < s.length && n < t.length && s[n] === t[n]) n++;
  return n;
}

/**
 * How close a written key is to a valid one, or undefined when they are unrelated. Close means
 * an edit distance of at most a third of the longer key (at least 1), or a long shared prefix
 * (`replicas` for `replicaCount`).
 */
export function keyDistance(written: string, valid: string): number | undefined {
  const distance = editDistance(written, valid);
  const limit = Math.max(1, Math.floor(Math.max(written.length, valid.length) / 3));
  if (distance <= limit) return distance;
  const prefix = commonPrefix(written, valid);
  if (prefix >= 5 && prefix >= 0.6 * Math.min(written.length, valid.length)) return limit + 1;
  return undefined;
}

/** The closest candidates (ties kept, at most `max`), nearest first. */
export function nearest(written: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const d = keyDistance(written, c);
    if (d !== undefined) scored.push([c, d]);
  }
  if (scored.length === 0) return [];
  scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const best = scored[0][1];
  return scored.filter(([, d]) => d === best).slice(0, max).map(([c]) => c);
}
