/**
 * "Did you mean …?" for typos in field names and ids. Pure.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** `ht-nam` is an abbreviation of `ham-thuan-nam`: its letters appear there in order. */
function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length === 0 || short.length >= long.length || short[0] !== long[0]) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function rank(input: string, candidate: string): number {
  const a = input.toLowerCase();
  const b = candidate.toLowerCase();
  // Abbreviations rank before anything but a near-exact match.
  return isAbbreviationOf(a, b) ? 0.5 : editDistance(a, b);
}

/** The candidate nearest to `input`, however far; undefined if there are none. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestRank = Infinity;
  for (const candidate of candidates) {
    const r = rank(input, candidate);
    if (r < bestRank) {
      best = candidate;
      bestRank = r;
    }
  }
  return best;
}

/** The nearest candidate only if it is plausibly what was meant (a typo or an abbreviation). */
export function likelyMeant(input: string, candidates: Iterable<string>): string | undefined {
  const best = closest(input, candidates);
  if (best === undefined) return undefined;
  return rank(input, best) <= Math.max(2, Math.ceil(input.length * 0.4)) ? best : undefined;
}
