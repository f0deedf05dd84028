// Alignment numbers over goals in rank order (DESIGN §4 `alignment`). Pure functions.
import { pct } from '../render/format';
import type { Inversion } from './reportTypes';

export interface RankedEffort {
  id: string;
  title: string;
  rank: number;
  share: number;
}

/** Pairs of active goals where a lower-ranked one got more effort than a higher-ranked one. */
export function inversions(active: readonly RankedEffort[]): Inversion[] {
  const out: Inversion[] = [];
  for (let i = 0; i < active.length; i++) {
    for (let j = i + 1; j < active.length; j++) {
      const higher = active[i];
      const lower = active[j];
      if (lower.share > higher.share) {
        out.push({
          higher: higher.id,
          lower: lower.id,
          higherShare: higher.share,
          lowerShare: lower.share,
          message: `#${lower.rank} '${lower.title}' got ${pct(lower.share)} of the effort, more than #${higher.rank} '${higher.title}' with ${pct(higher.share)}`,
        });
      }
    }
  }
  return out;
}

/**
 * Spearman's rank correlation between priority (list order) and effort (most effort = 1st),
 * ties given their average rank. +1: effort follows the ranking; -1: it runs against it.
 */
export function rankCorrelation(active: readonly RankedEffort[]): number | null {
  if (active.length < 2) return null;
  const priority = active.map((_, i) => i + 1);
  const effort = averageRanks(active.map((g) => -g.share));
  return pearson(priority, effort);
}

/** 1-based ranks of `values` ascending, ties sharing their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].i] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return round(sxy / Math.sqrt(sxx * syy));
}

/** Sum of the shares of the first `n` goals (already in rank order). */
export function topShare(active: readonly RankedEffort[], n: number): number {
  return round(active.slice(0, n).reduce((sum, g) => sum + g.share, 0));
}

/** Drops floating-point noise (0.30000000000000004) without losing what sums rely on. */
export function round(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}
