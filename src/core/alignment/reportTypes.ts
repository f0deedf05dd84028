// The JSON report of DESIGN §4. Field names are a contract: add freely, rename none without
// bumping schemaVersion.
import type { AttributionSource } from '../attribution/attribute';
import type { GoalStatus } from '../strategy/types';
import type { ReportParts, StrategyPart } from './reportParts';

/** Every effort measure the scan can compute; the CLI, the panel and the settings offer these. */
export const EFFORT_MEASURES = ['commits', 'days', 'churn'] as const;
export type EffortMeasure = (typeof EFFORT_MEASURES)[number];

export interface GoalReport {
  id: string;
  title: string;
  rank: number;
  status: GoalStatus;
  /** Commits attributed to the goal; a commit with k goals counts 1/k. */
  commits: number;
  /** Effort on this goal / ALL effort in range (untagged and unknown included), by `measure`. */
  share: number;
  targetShare: number | null;
  activeDays: number;
  authors: number;
  lastActivity: string | null;
  branches: string[];
  /** Effort in the report's measure (equals `commits` for the commits measure). */
  effort: number;
  /** Commits by source, for auditing the numbers (README: Attribution, the rules in order). */
  sources: { note: number; trailer: number; issue: number; branch: number; merge: number; recorded: number; patch: number; squash: number };
  /** Branches of this goal with commits in the last 14 days (work in progress). */
  inProgress: string[];
}

export interface UntaggedBranchReport {
  name: string;
  commits: number;
  oldest: string;
  longRunning: boolean;
  /** Ids of goals whose `match` rules fit the branch name or messages (a hint, never a tag). */
  suggested: string[];
}

export interface Inversion {
  higher: string;
  lower: string;
  higherShare: number;
  lowerShare: number;
  /** Plain words: "#4 'X' got 31% of the effort, more than #1 'Y' with 12%". */
  message: string;
}

export interface ReportRange {
  since: string | null;
  until: string | null;
  label?: string;
}

/** A share now, the previous period's, and `change` = share − previousShare (fractions like `share`: 0.04 = +4 pp). */
export interface ShareChange {
  share: number;
  previousShare: number;
  change: number;
}

export interface Comparison {
  /** The previous period. */
  range: ReportRange;
  /** Every goal of either report, by id (the current report's order, then goals only the previous one had). */
  goals: (ShareChange & { id: string; title: string; status: GoalStatus })[];
  untagged: ShareChange;
  /** The coverage: the share of commits attributed to a goal. */
  attributedShare: ShareChange;
  /** Untagged branches long-running now that were not at the end of the previous period. */
  newLongRunning: string[];
  /** What moved, in words (one sentence each). */
  summary: string[];
  /** The previous period's weeks (the weekly chart spans both periods). */
  weeks: AlignmentReport['weeks'];
  /** What `merge` combines into the comparison: each repository's parts of the previous period (reportParts.ts), in name order. */
  parts?: ReportParts[];
}

export interface AlignmentReport {
  schemaVersion: 1;
  generatedAt: string;
  measure: EffortMeasure;
  period: string | null;
  base: string | null;
  /** `label`: the period it was given as (`--since 2026-Q3` → "2026-Q3"), when it was one. */
  range: ReportRange;
  /**
   * `explicit` = note + trailer; `issue`: an issue key a goal claims (issue 13); `branch`: a live tagged
   * branch; merge, recorded, patch, squash: inherited once merged (issue 12). `sources` holds the same
   * counts, every source in rule order with `untagged` last (they sum to `commits`); `attributed` =
   * commits with a goal, `attributedShare` = attributed / commits (the coverage line).
   */
  totals: {
    commits: number;
    explicit: number;
    branch: number;
    untagged: number;
    note: number;
    trailer: number;
    issue: number;
    merge: number;
    recorded: number;
    patch: number;
    squash: number;
    sources: Record<AttributionSource, number>;
    attributed: number;
    attributedShare: number;
  };
  goals: GoalReport[];
  unknownGoals: { id: string; commits: number; share: number }[];
  untagged: { commits: number; share: number; branches: UntaggedBranchReport[] };
  alignment: {
    topN: number;
    topShare: number;
    untaggedShare: number;
    unknownShare: number;
    stoppedShare: number;
    inversions: Inversion[];
    /** Spearman correlation between priority and effort over active goals: +1 means effort
     *  follows the ranking exactly, -1 means it runs exactly against it; null below 2 goals or
     *  when every active goal got the same effort. */
    rankCorrelation: number | null;
    staleGoals: string[];
  };
  /** `--compare previous`: the shares beside the previous period's (compare.ts). */
  comparison?: Comparison;
  weeks: { start: string; goals: Record<string, number>; untagged: number; unknown: number }[];
  warnings: string[];
  /** A one-repository report from the CLI: the repository's name. */
  repository?: { name: string };
  /** A combined report (several repositories, or `merge`): each one's own numbers, in name order. */
  repositories?: RepositoryReport[];
  /** A combined report: the strategy its goals are from (the first repository's, or --strategy); else parts[0]'s. */
  referenceStrategy?: StrategyPart;
  /** What `merge` combines: each repository's exact report input (reportParts.ts), in name order. */
  parts?: ReportParts[];
}

/** One repository's numbers on its own, beside a combined report's (by the reference strategy's goals). */
export interface RepositoryReport {
  name: string;
  totals: AlignmentReport['totals'];
  goals: { id: string; commits: number; share: number; effort: number }[];
  untagged: { commits: number; share: number };
}
