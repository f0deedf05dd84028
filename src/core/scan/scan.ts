// One scan of a repository: one refs read, one config read, and two streaming `git log`s that
// together read every commit once (outside the base; the base's history in range). Every commit is
// attributed by the one rule set and folded into the report. The CLI, the tree and the report panel
// all come through here.
import { EffortAggregator } from '../alignment/aggregate';
import { buildReport } from '../alignment/buildReport';
import type { AlignmentReport, EffortMeasure } from '../alignment/reportTypes';
import { type Attribution, attributeCommit } from '../attribution/attribute';
import { chooseBase, type GitRepo } from '../git';
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
  /** Only count commits by this author email (case-insensitive): "my work". */
  author?: string;
  /** Extra warnings to carry into the report (e.g. strategy.yaml validation warnings). */
  warnings?: string[];
  /** Called for every attributed commit in range, as it streams. */
  onCommit?: (commit: LogCommit, attribution: Attribution) => void;
}

export interface ScanResult {
  report: AlignmentReport;
  /** branch.<name>.goal of every local branch, as read for this scan (the base included). */
  configGoals: Map<string, string>;
  branches: ScannedBranch[];
  base: string | undefined;
}

export async function scanRepository(repo: GitRepo, strategy: Strategy, options: ScanOptions = {}): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const since = parseSince(options.since, now);
  const until = parseUntil(options.until);
  const warnings = [...(options.warnings ?? [])];

  const [listing, configGoals] = await Promise.all([repo.refs(), repo.branchGoals()]);
  const base = chooseBase(listing, strategy.settings.base);
  if (!base) {
    warnings.push(strategy.settings.base
      ? `base branch '${strategy.settings.base}' (settings.base) does not exist: branch goals and untagged branches are not computed`
      : 'no base branch found (no remote HEAD, main or master): set settings.base in strategy.yaml');
  }
  const history = base ? await scanBranches(repo, strategy, base, listing.branches, configGoals) : { branches: [], commits: new Map<string, LogCommit>() };
  const fromBranches = branchGoalsBySha(history.branches);

  const known = new Set(strategy.goals.map((g) => g.id));
  const effort = new EffortAggregator(options.measure ?? 'commits', (id) => known.has(id));
  const author = options.author?.toLowerCase();
  const take = (commit: LogCommit) => {
    if (author && commit.authorEmail.toLowerCase() !== author) return;
    const attribution = attributeCommit(commit, fromBranches.get(commit.sha) ?? []);
    effort.add(commit, attribution);
    options.onCommit?.(commit, attribution);
  };
  // Every commit on a branch is either in the base's history or outside it, read once each: the
  // base's history in range streams here; the rest came with the branch scan.
  const baseRef = listing.branches.find((b) => b.name === base)?.ref;
  const revs = baseRef ? [baseRef] : ['--branches', '--remotes'];
  for await (const commit of repo.log({ revs, since, until, trailerKey: strategy.settings.trailer })) take(commit);
  for (const commit of history.commits.values()) {
    const committed = Date.parse(commit.committerDate);
    if ((!since || committed >= since.getTime()) && (!until || committed <= until.getTime())) take(commit);
  }

  const report = buildReport({ strategy, effort, branches: history.branches, base, since, until, now, warnings });
  return { report, branches: history.branches, base, configGoals };
}
