// "did you mean …?" for unknown keys and parents: the closest known word within a small edit
// distance. Bounded work: a strategy.yaml from an untrusted repository must not stall validation.

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const allowed = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: most candidates are ruled out unread.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = distance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Edit distance where swapping two neighbours costs 1 (optimal string alignment). With `limit`,
 * any distance above it is answered as limit + 1, and only the band of cells within `limit` of
 * the diagonal is computed, so the cost is length × limit rather than length².
 */
export function distance(a: string, b: string, limit = Infinity): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  if (limit <= 0) return a === b ? 0 : over;
  // Three rows (i-2, i-1, i) are all the swap rule needs; cells outside the band hold `over`.
  let before = new Array<number>(b.length + 1).fill(over);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : over));
  let row = new Array<number>(b.length + 1);
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    row.fill(over);
    if (i <= limit) row[0] = i;
    let rowMin = row[0];
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    for (let j = from; j <= to; j++) {
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = Math.min(d, over);
      if (row[j] < rowMin) rowMin = row[j];
    }
    // A row only grows from the two before it: when both are past the limit, so is the answer.
    if (rowMin > limit && previousMin > limit) return over;
    previousMin = rowMin;
    [before, previous, row] = [previous, row, before];
  }
  return Math.min(previous[b.length], over);
}
