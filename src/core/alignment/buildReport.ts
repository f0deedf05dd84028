// Turns aggregated effort and branch facts into the JSON report of DESIGN §4.
import { plural } from '../render/format';
import type { ScannedBranch } from '../scan/branchScan';
import type { Strategy } from '../strategy/types';
import { ATTRIBUTION_SOURCES } from '../attribution/attribute';
import { type EffortAggregator, type Totals, UNTAGGED } from './aggregate';
import { type BranchFacts, judgeBranches } from './branchFacts';
import { inversions, rankCorrelation, type RankedEffort, round, topShare } from './metrics';
import type { AlignmentReport, GoalReport, UntaggedBranchReport } from './reportTypes';
import { inOrder } from './weeks';

export interface ReportInput {
  strategy: Strategy;
  effort: EffortAggregator;
  branches: readonly ScannedBranch[];
  /** The branches already judged (a combined report: each repository's, reportParts.ts); else judged here from `branches`. */
  judged?: readonly BranchFacts[];
  base: string | undefined;
  since?: Date;
  until?: Date;
  /** The period the range was given as (`2026-Q3`), if it was one. */
  label?: string;
  now: Date;
  warnings: string[];
  /** Effort on goals not in the strategy was already warned about, repository by repository (a combined report). */
  unknownGoalsWarned?: boolean;
}

const DAY = 86_400_000;
const RECENT_DAYS = 14;

export function buildReport(input: ReportInput): AlignmentReport {
  const { strategy, effort, now } = input;
  const branches = input.judged ?? judgeBranches(input.branches, strategy, now);
  effort.finish();
  const total = effort.totalEffort();
  const shareOf = (value: number) => (total > 0 ? round(value / total) : 0);
  const reference = input.until && input.until < now ? input.until : now;
  const recentSince = reference.getTime() - RECENT_DAYS * DAY;

  const rankOrder = strategy.goals.map((goal) => goal.id);
  const goals: GoalReport[] = strategy.goals.map((goal) => {
    const stats = effort.targets.get(goal.id);
    const own = branches.filter((b) => b.goal === goal.id);
    return {
      id: goal.id,
      title: goal.title,
      rank: goal.rank,
      status: goal.status,
      commits: round(stats?.commits ?? 0),
      share: shareOf(stats?.effort ?? 0),
      targetShare: goal.share === undefined ? null : round(goal.share / 100),
      activeDays: stats?.pairs.size ?? 0,
      authors: stats?.authors.size ?? 0,
      lastActivity: stats?.lastActivity ?? null,
      branches: own.map((b) => b.name),
      effort: round(stats?.effort ?? 0),
      sources: {
        note: round(stats?.sources.note ?? 0),
        trailer: round(stats?.sources.trailer ?? 0),
        issue: round(stats?.sources.issue ?? 0),
        branch: round(stats?.sources.branch ?? 0),
        merge: round(stats?.sources.merge ?? 0),
        recorded: round(stats?.sources.recorded ?? 0),
        patch: round(stats?.sources.patch ?? 0),
        squash: round(stats?.sources.squash ?? 0),
      },
      inProgress: own.filter((b) => b.newest && Date.parse(b.newest) >= recentSince).map((b) => b.name),
    };
  });

  const known = new Set(strategy.goals.map((g) => g.id));
  const unknownGoals = [...effort.targets.entries()]
    .filter(([id]) => id !== UNTAGGED && !known.has(id))
    .map(([id, stats]) => ({ id, commits: round(stats.commits), share: shareOf(stats.effort) }))
    .sort((a, b) => b.commits - a.commits || a.id.localeCompare(b.id));
  const untaggedStats = effort.targets.get(UNTAGGED);
  const untaggedBranches: UntaggedBranchReport[] = branches.flatMap((b) => (b.untagged ? [b.untagged] : []));

  const active: RankedEffort[] = goals
    .filter((g) => g.status === 'active')
    .map((g) => ({ id: g.id, title: g.title, rank: g.rank, share: g.share }));
  const staleGoals = goals
    .filter((g) => g.status === 'active' && (!g.lastActivity || Date.parse(g.lastActivity) < recentSince))
    .map((g) => g.id);
  const warnings = [...input.warnings];
  for (const unknown of input.unknownGoalsWarned ? [] : unknownGoals) {
    warnings.push(`${plural(unknown.commits, 'commit')} name goal '${unknown.id}', which is not in strategy.yaml`);
  }
  for (const goal of goals) {
    if (goal.status === 'stopped' && goal.commits > 0)
      warnings.push(`stopped goal '${goal.id}' still got ${plural(goal.commits, 'commit')}`);
  }

  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    measure: effort.measure,
    period: strategy.period ?? null,
    base: input.base ?? null,
    range: {
      since: input.since?.toISOString() ?? null,
      until: input.until?.toISOString() ?? null,
      ...(input.label ? { label: input.label } : {}),
    },
    totals: coverageTotals(effort.totals),
    goals,
    unknownGoals,
    untagged: { commits: round(untaggedStats?.commits ?? 0), share: shareOf(untaggedStats?.effort ?? 0), branches: untaggedBranches },
    alignment: {
      topN: strategy.settings.maxActive,
      topShare: topShare(active, strategy.settings.maxActive),
      untaggedShare: shareOf(untaggedStats?.effort ?? 0),
      unknownShare: round(unknownGoals.reduce((sum, u) => sum + u.share, 0)),
      stoppedShare: round(goals.filter((g) => g.status === 'stopped').reduce((sum, g) => sum + g.share, 0)),
      inversions: inversions(active),
      rankCorrelation: rankCorrelation(active),
      staleGoals,
    },
    weeks: effort.weeks.toArray().map((w) => ({
      start: w.start,
      goals: Object.fromEntries(inOrder(w.goals, rankOrder).map(([id, n]) => [id, round(n)])),
      untagged: round(w.untagged),
      unknown: round(w.unknown),
    })),
    warnings,
  };
}

/** The flat counts as before, and the coverage (issue 13): every source in rule order, and how many commits have a goal. */
function coverageTotals(totals: Totals): AlignmentReport['totals'] {
  const sources = Object.fromEntries(ATTRIBUTION_SOURCES.map((s) => [s, totals[s]])) as AlignmentReport['totals']['sources'];
  const attributed = totals.commits - totals.untagged;
  return { ...totals, sources, attributed, attributedShare: totals.commits > 0 ? round(attributed / totals.commits) : 0 };
}
