// Did-you-mean: the candidate closest to a misspelt name. Its own module, free of mathjs,
// so that the command line's usage errors need none of the grading code.

/**
 * The candidate closest to a misspelt name (one edit away for short names, two for longer), or null.
 * @example closestName('precison', ['precision', 'recall']) // 'precision'
 */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  if (name.length < 3) return null;
  let best: string | null = null;
  let bestDistance = name.length <= 4 ? 2 : 3;
  for (const candidate of [...new Set(candidates)].sort()) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    if (Math.min(...current) >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}
