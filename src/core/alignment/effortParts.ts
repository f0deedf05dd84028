// A repository's folded effort in a form that survives across repositories and machines: authors as
// a hash of their lowercase email (no email is written), (author, day) pairs by author index and
// day, every number exact. reportParts.ts combines them; this file is apart because it hashes
// (node:crypto), which the warm CLI report, which reads saved parts, does not load.
import { createHash } from 'node:crypto';
import type { EffortAggregator, SourceCounts, Totals } from './aggregate';
import { type DayPair, dayNumber, encodePairs } from './pairs';
import type { EffortMeasure } from './reportTypes';
import { inOrder } from './weeks';

/** One target's effort: a goal id, or '' for untagged work. */
export interface TargetPart {
  key: string;
  commits: number;
  sources: SourceCounts;
  /** Effort by the commits or churn measure (0 for days: the split is made when combining). */
  effort: number;
  lastActivity: string | null;
  lastTime: number;
  /**
   * Its (author, day) pairs (pairs.ts): per author, space-separated, `authorIndex:day,+days,…` with
   * days counted from 1970-01-01 and each after the first as days after the one before.
   */
  pairs: string;
  /** Its authors, space-separated indices into `authors`. */
  authors: string;
  /** The days measure: its commit weight in each of `pairs` (same order), before each day is split. */
  weights?: string;
}

/** Effort of the commits or churn measure per week (its Monday) and target key ('' untagged). */
export interface WeekPart {
  start: string;
  effort: Record<string, number>;
  untagged: number;
}

export interface EffortParts {
  measure: EffortMeasure;
  /** The authors: the first 16 hex digits of the SHA-256 of each lowercase email. */
  authors: string[];
  totals: Totals;
  targets: TargetPart[];
  /** Empty for the days measure (the weeks come from the split). */
  weeks: WeekPart[];
}

export function authorHash(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);
}

/** What names the aggregator's pair numbers: (lowercase author email, YYYY-MM-DD day) (HistoryView.pairName). */
export interface PairNames {
  pairName(pair: number): readonly [author: string, day: string];
}

/**
 * The parts of a finished aggregator (one repository's range and measure). Its loops over pairs and
 * authors call no closure made here: each would be optimized again for every repository of a report
 * (see listFilters.ts).
 */
export function effortParts(effort: EffortAggregator, names: PairNames): EffortParts {
  // Every list in a fixed order (targets by key, authors by hash), not the order a scan met them in:
  // a warm scan meets commits in another order than a cold one, and the parts must be the same.
  const byKey = [...effort.targets].sort(byFirst);
  const hashOf = new Map<string, string>();
  for (const [, stats] of byKey) {
    for (const pair of stats.pairs) {
      const email = names.pairName(pair)[0];
      if (!hashOf.has(email)) hashOf.set(email, authorHash(email));
    }
    for (const email of stats.authors) if (!hashOf.has(email)) hashOf.set(email, authorHash(email));
  }
  const authors = [...new Set(hashOf.values())].sort();
  const byHash = new Map<string, number>();
  for (let i = 0; i < authors.length; i++) byHash.set(authors[i], i);
  const indexOf = new Map<string, number>();
  for (const [email, hash] of hashOf) indexOf.set(email, byHash.get(hash)!);
  const days = effort.measure === 'days';
  const targets: TargetPart[] = [];
  for (const [key, stats] of byKey) {
    const list: DayPair[] = [];
    for (const pair of stats.pairs) {
      const [author, day] = names.pairName(pair);
      list.push({ author: indexOf.get(author)!, day: dayNumber(day), weight: days ? effort.dayWeights().get(pair)!.weights.get(key)! : 0 });
    }
    const { pairs, weights } = encodePairs(list);
    const authorIndices = new Set<number>();
    for (const email of stats.authors) authorIndices.add(indexOf.get(email)!);
    targets.push({
      key,
      commits: stats.commits,
      sources: { ...stats.sources },
      effort: days ? 0 : stats.effort,
      lastActivity: stats.lastActivity ?? null,
      lastTime: stats.lastTime,
      pairs,
      authors: [...authorIndices].sort(ascending).join(' '),
      ...(days ? { weights } : {}),
    });
  }
  const weeks = days
    ? []
    : [...effort.weeks.actual()]
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((w) => ({
          start: w.start,
          effort: Object.fromEntries(inOrder([...w.goals, ...(w.unknownGoals ?? [])])),
          untagged: w.untagged,
        }));
  return { measure: effort.measure, authors, totals: { ...effort.totals }, targets, weeks };
}

const byFirst = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);
const ascending = (a: number, b: number): number => a - b;
