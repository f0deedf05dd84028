// Folds attributed commits, one at a time, into the per-goal effort the report is built from.
// Holds per-goal sets of (author, day) pairs, never the commits themselves.
import { type Attribution, isExplicit } from '../attribution/attribute';
import type { EffortMeasure } from './reportTypes';
import { WeekSeries } from './weeks';

/** Untagged effort is kept under this key; it can never be a goal id. */
export const UNTAGGED = '';
const UNTAGGED_KEYS = [UNTAGGED];

/**
 * What the aggregation needs of a commit, or of `count` commits sharing author, day and attribution
 * (a view over the history's columns, not an object per commit).
 */
export interface EffortCommit {
  /** How many commits this stands for (1 for one commit). */
  readonly count: number;
  /** Author email, lowercase. */
  readonly author: string;
  /** `YYYY-MM-DD` in the author's time zone. */
  readonly day: string;
  /** A number naming (author, day): equal exactly when both are equal. */
  readonly pair: number;
  /** Author date, ms since the epoch, and the same as git's strict ISO text (`%aI`): of the newest commit when several. */
  readonly time: number;
  authorDate(): string;
  /** Lines added + deleted (the churn measure), of all `count` commits. */
  readonly churn: number;
}

export interface TargetStats {
  commits: number;
  sources: SourceCounts;
  pairs: Set<number>;
  authors: Set<string>;
  lastActivity?: string;
  lastTime: number;
  /** Effort in the chosen measure, final after `finish()`. */
  effort: number;
}

/** Commits by where their goals came from (issue 12 added the four inherited sources, issue 13 `issue`). */
export interface SourceCounts {
  note: number;
  trailer: number;
  issue: number;
  branch: number;
  merge: number;
  recorded: number;
  patch: number;
  squash: number;
}

export interface Totals extends SourceCounts {
  commits: number;
  explicit: number;
  untagged: number;
}

const noSources = (): SourceCounts => ({ note: 0, trailer: 0, issue: 0, branch: 0, merge: 0, recorded: 0, patch: 0, squash: 0 });

export class EffortAggregator {
  readonly targets = new Map<string, TargetStats>();
  readonly totals: Totals = {
    commits: 0,
    explicit: 0,
    branch: 0,
    untagged: 0,
    note: 0,
    trailer: 0,
    issue: 0,
    merge: 0,
    recorded: 0,
    patch: 0,
    squash: 0,
  };
  readonly weeks = new WeekSeries();
  /**
   * For the days measure: (author, day) → its day and target → commit weight. Kept after `finish()`:
   * a repository's report parts carry them (reportParts.ts), as a combined report splits each day anew.
   */
  private readonly pairWeights = new Map<number, { day: string; weights: Map<string, number> }>();
  private finished = false;

  constructor(
    readonly measure: EffortMeasure,
    private readonly isKnownGoal: (id: string) => boolean,
  ) {}

  add(commit: EffortCommit, attribution: Attribution): void {
    const { count, day, pair, author } = commit;
    this.totals.commits += count;
    if (attribution.source === 'untagged') this.totals.untagged += count;
    else {
      if (isExplicit(attribution.source)) this.totals.explicit += count;
      this.totals[attribution.source] += count;
    }
    const keys = attribution.goals.length > 0 ? attribution.goals : UNTAGGED_KEYS;
    const weight = count / keys.length;
    for (const key of keys) {
      const stats = this.stats(key);
      stats.commits += weight;
      if (attribution.source !== 'untagged') stats.sources[attribution.source] += weight;
      stats.pairs.add(pair);
      stats.authors.add(author);
      if (
        !stats.lastActivity ||
        commit.time > stats.lastTime ||
        (commit.time === stats.lastTime && commit.authorDate() > stats.lastActivity)
      ) {
        stats.lastActivity = commit.authorDate();
        stats.lastTime = commit.time;
      }
      if (this.measure === 'commits' || this.measure === 'churn')
        this.addEffort(key, day, this.measure === 'commits' ? weight : (commit.churn * weight) / count);
      else this.addDayWeight(pair, day, key, weight);
    }
  }

  /** Effort of the commits or churn measure on `key` on `day` (or in the week starting that day). */
  addEffort(key: string, day: string, amount: number): void {
    this.stats(key).effort += amount;
    this.addWeek(day, key, amount);
  }

  /** Effort on `key` in the week of `day`, without the target's total (a combined report adds both as measured). */
  addWeek(day: string, key: string, amount: number): void {
    this.weeks.add(day, this.target(key), amount);
  }

  /** For the days measure: commit weight of `key` in the (author, day) `pair`, split by `finish()`. */
  addDayWeight(pair: number, day: string, key: string, weight: number): void {
    let entry = this.pairWeights.get(pair);
    if (!entry) this.pairWeights.set(pair, (entry = { day, weights: new Map() }));
    entry.weights.set(key, (entry.weights.get(key) ?? 0) + weight);
  }

  /** The days measure's weights before the split, by pair number. */
  dayWeights(): ReadonlyMap<number, { readonly day: string; readonly weights: ReadonlyMap<string, number> }> {
    return this.pairWeights;
  }

  /** The aggregator without what only report parts read (the warm path saves the rest, warmKey.ts). */
  withoutParts(): EffortAggregator {
    return Object.assign(Object.create(EffortAggregator.prototype) as EffortAggregator, this, { pairWeights: new Map() });
  }

  /** Completes the days measure: each (author, day) is one unit, split by that day's commits. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const { day, weights } of this.pairWeights.values()) {
      const sum = [...weights.values()].reduce((a, b) => a + b, 0);
      for (const [key, weight] of weights) {
        this.stats(key).effort += weight / sum;
        this.weeks.add(day, this.target(key), weight / sum);
      }
    }
  }

  totalEffort(): number {
    let total = 0;
    for (const stats of this.targets.values()) total += stats.effort;
    return total;
  }

  stats(key: string): TargetStats {
    let stats = this.targets.get(key);
    if (!stats) {
      stats = { commits: 0, sources: noSources(), pairs: new Set(), authors: new Set(), effort: 0, lastTime: 0 };
      this.targets.set(key, stats);
    }
    return stats;
  }

  private readonly targetsByKey = new Map<string, { goal?: string; unknown?: boolean }>();

  private target(key: string): { goal?: string; unknown?: boolean } {
    let target = this.targetsByKey.get(key);
    if (!target) {
      target = key === UNTAGGED ? {} : this.isKnownGoal(key) ? { goal: key } : { goal: key, unknown: true };
      this.targetsByKey.set(key, target);
    }
    return target;
  }
}
