// Folds attributed commits, one at a time, into the per-goal effort the report is built from.
// Holds per-goal sets of (author, day) pairs, never the commits themselves.
import { type Attribution, isExplicit } from '../attribution/attribute';
import type { LogCommit } from '../git/types';
import type { EffortMeasure } from './reportTypes';
import { WeekSeries } from './weeks';

/** Untagged effort is kept under this key; it can never be a goal id. */
export const UNTAGGED = '';

export interface TargetStats {
  commits: number;
  sources: { note: number; trailer: number; branch: number };
  pairs: Set<string>;
  authors: Set<string>;
  lastActivity?: string;
  /** Effort in the chosen measure, final after `finish()`. */
  effort: number;
}

export interface Totals {
  commits: number;
  explicit: number;
  branch: number;
  untagged: number;
  note: number;
  trailer: number;
}

export class EffortAggregator {
  readonly targets = new Map<string, TargetStats>();
  readonly totals: Totals = { commits: 0, explicit: 0, branch: 0, untagged: 0, note: 0, trailer: 0 };
  readonly weeks = new WeekSeries();
  /** For the days measure: (author, day) → target → commit weight. */
  private readonly pairWeights = new Map<string, Map<string, number>>();
  private finished = false;

  constructor(readonly measure: EffortMeasure, private readonly isKnownGoal: (id: string) => boolean) {}

  add(commit: LogCommit, attribution: Attribution): void {
    this.totals.commits++;
    if (attribution.source === 'untagged') this.totals.untagged++;
    else if (attribution.source === 'branch') this.totals.branch++;
    else {
      this.totals.explicit++;
      this.totals[attribution.source]++;
    }
    const day = commit.authorDate.slice(0, 10);
    const pair = `${commit.authorEmail.toLowerCase()}\u0000${day}`;
    const keys = attribution.goals.length > 0 ? attribution.goals : [UNTAGGED];
    const weight = 1 / keys.length;
    for (const key of keys) {
      const stats = this.stats(key);
      stats.commits += weight;
      if (attribution.source !== 'untagged') stats.sources[isExplicit(attribution.source) ? (attribution.source as 'note' | 'trailer') : 'branch'] += weight;
      stats.pairs.add(pair);
      stats.authors.add(commit.authorEmail.toLowerCase());
      if (!stats.lastActivity || Date.parse(commit.authorDate) > Date.parse(stats.lastActivity)) stats.lastActivity = commit.authorDate;
      if (this.measure === 'commits') {
        stats.effort += weight;
        this.weeks.add(day, this.target(key), weight);
      } else {
        let weights = this.pairWeights.get(pair);
        if (!weights) this.pairWeights.set(pair, (weights = new Map()));
        weights.set(key, (weights.get(key) ?? 0) + weight);
      }
    }
  }

  /** Completes the days measure: each (author, day) is one unit, split by that day's commits. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const [pair, weights] of this.pairWeights) {
      const day = pair.slice(pair.indexOf('\u0000') + 1);
      const sum = [...weights.values()].reduce((a, b) => a + b, 0);
      for (const [key, weight] of weights) {
        this.stats(key).effort += weight / sum;
        this.weeks.add(day, this.target(key), weight / sum);
      }
    }
    this.pairWeights.clear();
  }

  totalEffort(): number {
    let total = 0;
    for (const stats of this.targets.values()) total += stats.effort;
    return total;
  }

  stats(key: string): TargetStats {
    let stats = this.targets.get(key);
    if (!stats) {
      stats = { commits: 0, sources: { note: 0, trailer: 0, branch: 0 }, pairs: new Set(), authors: new Set(), effort: 0 };
      this.targets.set(key, stats);
    }
    return stats;
  }

  private target(key: string): { goal?: string; unknown?: boolean } {
    if (key === UNTAGGED) return {};
    return this.isKnownGoal(key) ? { goal: key } : { goal: key, unknown: true };
  }
}
