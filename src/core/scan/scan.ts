// One scan of a repository: branches, then ONE streaming `git log` over the range, every commit
// attributed by the one rule set, folded into the report. The CLI, the tree and the report panel
// all come through here.
import { EffortAggregator } from '../alignment/aggregate';
import { buildReport } from '../alignment/buildReport';
import type { AlignmentReport, EffortMeasure } from '../alignment/reportTypes';
import { type Attribution, attributeCommit } from '../attribution/attribute';
import type { GitRepo } from '../git';
import type { LogCommit } from '../git/types';
import type { Strategy } from '../strategy/types';
import { branchGoalsBySha, type ScannedBranch, scanBranches } from './branchScan';
import { parseSince, parseUntil } from './range';

export interface ScanOptions {
  /** `90d` (default), `12w`, `6mo`, `1y`, `all`, or a date. */
  since?: string;
  until?: string;
  measure?: EffortMeasure;
  now?: Date;
  /** Extra warnings to carry into the report (e.g. strategy.yaml validation warnings). */
  warnings?: string[];
  /** Called for every attributed commit in range, as it streams. */
  onCommit?: (commit: LogCommit, attribution: Attribution) => void;
}

export interface ScanResult {
  report: AlignmentReport;
  branches: ScannedBranch[];
  base: string | undefined;
}

export async function scanRepository(repo: GitRepo, strategy: Strategy, options: ScanOptions = {}): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const since = parseSince(options.since, now);
  const until = parseUntil(options.until);
  const warnings = [...(options.warnings ?? [])];

  const [allBranches, configGoals, base] = await Promise.all([
    repo.branches(),
    repo.branchGoals(),
    repo.detectBase(strategy.settings.base),
  ]);
  if (!base) {
    warnings.push(strategy.settings.base
      ? `base branch '${strategy.settings.base}' (settings.base) does not exist: branch goals and untagged branches are not computed`
      : 'no base branch found (no remote HEAD, main or master): set settings.base in strategy.yaml');
  }
  const branches = await scanBranches(repo, strategy, base, allBranches, configGoals);
  const fromBranches = branchGoalsBySha(branches);

  const known = new Set(strategy.goals.map((g) => g.id));
  const effort = new EffortAggregator(options.measure ?? 'commits', (id) => known.has(id));
  for await (const commit of repo.log({ revs: ['--branches', '--remotes'], since, until, trailerKey: strategy.settings.trailer })) {
    const attribution = attributeCommit(commit, fromBranches.get(commit.sha) ?? []);
    effort.add(commit, attribution);
    options.onCommit?.(commit, attribution);
  }

  const report = buildReport({ strategy, effort, branches, base, since, until, now, warnings });
  return { report, branches, base };
}
