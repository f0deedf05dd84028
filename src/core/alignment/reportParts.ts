// One repository's report input in an exact, mergeable, JSON-safe form (its "parts"), and the
// combination of several: the parts are folded into ONE report input and the report is built by
// the one buildReport, so a combined report is what one run over every repository would give.
// Authors are hashes (effortParts.ts), so the same author on the same day in two repositories is one
// (author, day) pair: one active day, split by both days' commits in the days measure.
import { plural } from '../render/format';
import type { GoalStatus, Strategy } from '../strategy/types';
import { EffortAggregator, type Totals, UNTAGGED } from './aggregate';
import { type BranchFacts, judgeBranches } from './branchFacts';
import { buildReport, type ReportInput } from './buildReport';
import { compareReports } from './compare';
import type { EffortParts } from './effortParts';
import { decodePairs, dayText } from './pairs';
import type { AlignmentReport, RepositoryReport } from './reportTypes';

export const PARTS_VERSION = 1;

/** What a combined report reads of a repository's strategy. */
export interface StrategyPart {
  period: string | null;
  maxActive: number;
  goals: { id: string; title: string; rank: number; status: GoalStatus; share: number | null }[];
}

export interface ReportParts extends EffortParts {
  partsVersion: typeof PARTS_VERSION;
  /** The repository's name: the base name of its top folder (or the name given, NAME=DIR). */
  repository: string;
  base: string | null;
  strategy: StrategyPart;
  /** The scan's warnings (the report's own, e.g. unknown goals, are made again when combining). */
  warnings: string[];
  /** Branches judged by the repository's strategy and clock; names without the repository. */
  branches: BranchFacts[];
}

export interface CombineOptions {
  /** The strategy whose goals the combined report is about (the first repository's, or --strategy). */
  reference: StrategyPart;
  since?: Date;
  until?: Date;
  /** The period the range was given as (period.ts), if it was one. */
  label?: string;
  now: Date;
  /** `--compare previous`: the previous period and every repository's parts of it (the report's `comparison`). */
  previous?: PreviousPeriod;
}

/** The previous period of a comparison: its range and each repository's parts of it (each judged as at the period's end). */
export interface PreviousPeriod {
  since?: Date;
  until?: Date;
  label?: string;
  parts: readonly ReportParts[];
}

export function strategyPart(strategy: Strategy): StrategyPart {
  return {
    period: strategy.period ?? null,
    maxActive: strategy.settings.maxActive,
    goals: strategy.goals.map((g) => ({ id: g.id, title: g.title, rank: g.rank, status: g.status, share: g.share ?? null })),
  };
}

/** A repository's parts: its report input judged at its clock, and its effort (effortParts.ts). */
export function reportParts(repository: string, input: ReportInput, effort: EffortParts): ReportParts {
  const { strategy, now } = input;
  const branches = [...(input.judged ?? judgeBranches(input.branches, strategy, now))];
  const { base, warnings } = input;
  return { partsVersion: PARTS_VERSION, repository, base: base ?? null, strategy: strategyPart(strategy), warnings, branches, ...effort };
}

/** Every repository's parts in one report input: the combined state buildReport reads. */
export function combineParts(parts: readonly ReportParts[], options: CombineOptions): ReportInput {
  const { reference } = options;
  const known = new Set(reference.goals.map((g) => g.id));
  const effort = new EffortAggregator(parts[0]?.measure ?? 'commits', (id) => known.has(id));
  const pairIds = new Map<string, number>();
  const warnings: string[] = [];
  const judged: BranchFacts[] = [];
  for (const part of byName(parts)) {
    const name = part.repository;
    warnings.push(...part.warnings.map((w) => `${name}: ${w}`), ...strategyWarnings(part, reference));
    for (const b of part.branches)
      judged.push({ ...b, name: `${name}:${b.name}`, untagged: b.untagged && { ...b.untagged, name: `${name}:${b.untagged.name}` } });
    for (const key of Object.keys(effort.totals) as (keyof Totals)[]) effort.totals[key] += part.totals[key];
    for (const target of part.targets) {
      const stats = effort.stats(target.key);
      stats.commits += target.commits;
      for (const [source, n] of Object.entries(target.sources)) stats.sources[source as keyof typeof stats.sources] += n;
      if (
        target.lastActivity !== null &&
        (!stats.lastActivity ||
          target.lastTime > stats.lastTime ||
          (target.lastTime === stats.lastTime && target.lastActivity > stats.lastActivity))
      ) {
        stats.lastActivity = target.lastActivity;
        stats.lastTime = target.lastTime;
      }
      if (target.authors !== '') for (const i of target.authors.split(' ')) stats.authors.add(part.authors[Number(i)]);
      for (const { author, day, weight } of decodePairs(target.pairs, target.weights)) {
        const id = `${part.authors[author]} ${day}`;
        let pair = pairIds.get(id);
        if (pair === undefined) pairIds.set(id, (pair = pairIds.size));
        stats.pairs.add(pair);
        if (effort.measure === 'days') effort.addDayWeight(pair, dayText(day), target.key, weight);
      }
      stats.effort += target.effort;
      if (target.key !== UNTAGGED && !known.has(target.key))
        warnings.push(`${name}: ${plural(target.commits, 'commit')} name goal '${target.key}', which is not in the reference strategy`);
    }
    for (const week of part.weeks) {
      for (const [key, amount] of Object.entries(week.effort)) effort.addWeek(week.start, key, amount);
      effort.addWeek(week.start, UNTAGGED, week.untagged);
    }
  }
  const bases = new Set(parts.map((p) => p.base));
  const base = bases.size === 1 ? [...bases][0] : null;
  return {
    strategy: strategyOf(reference),
    effort,
    branches: [],
    judged,
    base: base ?? undefined,
    since: options.since,
    until: options.until,
    label: options.label,
    now: options.now,
    warnings,
    unknownGoalsWarned: true, // above, naming each repository
  };
}

/**
 * The combined report: one buildReport over every repository's parts, with each repository's own numbers beside it,
 * and with `previous`, the comparison of it with the previous period's parts combined the same way (read as at that
 * period's end), which carries those parts so that `merge` can make it again.
 */
export function combinedReport(parts: readonly ReportParts[], options: CombineOptions): AlignmentReport {
  const report = buildReport(combineParts(parts, options));
  const repositories = byName(parts).map((part): RepositoryReport => {
    const own = buildReport(combineParts([part], { ...options, previous: undefined }));
    return {
      name: part.repository,
      totals: own.totals,
      goals: own.goals.map((g) => ({ id: g.id, commits: g.commits, share: g.share, effort: g.effort })),
      untagged: { commits: own.untagged.commits, share: own.untagged.share },
    };
  });
  const combined: AlignmentReport = { ...report, repositories, referenceStrategy: options.reference, parts: byName(parts) };
  const { previous } = options;
  if (!previous) return combined;
  const { since, until, label } = previous;
  const asOf = until && until < options.now ? until : options.now;
  const before = buildReport(combineParts(previous.parts, { reference: options.reference, since, until, label, now: asOf }));
  return { ...combined, comparison: { ...compareReports(report, before), parts: byName(previous.parts) } };
}

/** Repositories in name order: a combination does not depend on the order they were given in. */
function byName(parts: readonly ReportParts[]): ReportParts[] {
  return [...parts].sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0));
}

/** A goal of the reference missing from a repository's strategy, or titled differently there. */
function strategyWarnings(part: ReportParts, reference: StrategyPart): string[] {
  const own = new Map(part.strategy.goals.map((g) => [g.id, g]));
  const out: string[] = [];
  for (const goal of reference.goals) {
    const there = own.get(goal.id);
    if (!there) out.push(`${part.repository}: goal '${goal.id}' of the reference strategy is not in its strategy.yaml`);
    else if (there.title !== goal.title)
      out.push(`${part.repository}: goal '${goal.id}' is titled '${there.title}' there, '${goal.title}' in the reference strategy`);
  }
  return out;
}

/** The Strategy buildReport reads (goals, period, maxActive) from its part; the rest is unused once branches are judged. */
function strategyOf(part: StrategyPart): Strategy {
  return {
    version: 1,
    ...(part.period === null ? {} : { period: part.period }),
    goals: part.goals.map((g) => ({ ...g, share: g.share ?? undefined, match: { paths: [], branches: [], keywords: [] } })),
    settings: { trailer: 'Goal', branchPattern: '', untagged: { commits: Infinity, days: Infinity }, maxActive: part.maxActive },
  };
}
