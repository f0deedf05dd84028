// `report` and `check` over several repositories (`--repo A --repo B …`, `--repos FILE`): each is
// scanned at one clock (at most --jobs history logs at a time, twice as many scans: pool.ts), only
// its report parts are kept, and the parts are combined into one report
// (core/alignment/reportParts.ts), as `merge` combines saved ones.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { combinedReport } from '../core/alignment/reportParts';
import type { AlignmentReport } from '../core/alignment/reportTypes';
import { GitHelper } from '../core/git/gitHelper';
import { launchGitWith } from '../core/git/runner';
import { previousRange, type ResolvedRange, resolveRange } from '../core/scan/period';
import { RangeSpecError } from '../core/scan/range';
import type { Values } from './args';
import { type LoadedStrategy, loadStrategyAt } from './context';
import { inPool } from './pool';
import { CliError, type CliIO } from './io';
import { type RepoTarget, scanOne, scanRepo } from './scan';

/** `NAME=DIR`: a repository named by the user (two folders with the same base name). */
const NAMED = /^([A-Za-z0-9._-]+)=(.+)$/;

/** The repositories of --repo (repeatable) and --repos FILE, in that order; the current folder when neither is given. */
export function repoTargets(io: CliIO, values: Values): RepoTarget[] {
  const targets: RepoTarget[] = [];
  const add = (text: string, base: string) => {
    const named = NAMED.exec(text);
    targets.push(named ? { name: named[1], dir: resolve(base, named[2]) } : { dir: resolve(base, text) });
  };
  for (const repo of (values.repo as string[] | undefined) ?? []) add(repo, io.cwd);
  if (typeof values.repos === 'string') {
    const file = resolve(io.cwd, values.repos);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read --repos ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const entry = line.trim();
      if (entry !== '' && !entry.startsWith('#')) add(entry, dirname(file));
    }
    if (targets.length === 0) throw new CliError(`--repos ${file} lists no repository`);
  }
  return targets.length > 0 ? targets : [{ dir: io.cwd }];
}

/** `--jobs N`: history logs at a time (default: the CPU count, at most 4). */
function jobsOption(values: Values): number {
  if (values.jobs === undefined) return Math.min(4, availableParallelism());
  const n = Number(values.jobs);
  if (typeof values.jobs !== 'string' || !Number.isInteger(n) || n < 1)
    throw new CliError(`--jobs must be a whole number of at least 1, got '${String(values.jobs)}'`);
  return n;
}

/** The scanner of `report` and `check`: one repository as before, several combined. */
export async function scanReport(io: CliIO, values: Values): Promise<AlignmentReport> {
  const targets = repoTargets(io, values);
  const strategyFile = typeof values.strategy === 'string' ? resolve(io.cwd, values.strategy) : undefined;
  if (targets.length === 1) return scanRepo(io, values, targets[0], strategyFile);
  const jobs = jobsOption(values);
  const now = new Date();
  let range: ResolvedRange;
  try {
    range = resolveRange(values.since as string | undefined, values.until as string | undefined, now);
    if (values.compare !== undefined) previousRange(range, now); // all history has no previous period: said before any scan
  } catch (error) {
    if (error instanceof RangeSpecError) throw new CliError(error.message);
    throw error;
  }
  const shared: LoadedStrategy | undefined = strategyFile === undefined ? undefined : await loadStrategyAt(strategyFile, now);
  // git from a small helper, its output written into a socket read here: each spawn here forked this
  // process (~10-15 ms a git process on the test VM, 6 a repository, and a fault for each page it
  // wrote afterwards), which made this thread the bottleneck of many repositories (bench --multi,
  // 50 x 20k commits: 2.41-2.52x the raw logs before, 1.97-2.09x with it).
  const helper = new GitHelper({ direct: true, spooledAtOnce: jobs }); // --jobs history logs at once (pool.ts)
  const launchedBefore = launchGitWith(helper.launch);
  const scans = await inPool(targets, 2 * jobs, async (target) => {
    try {
      const { parts, previous } = await scanOne(io, values, target, now, shared); // the scan's rows and history go here
      return { parts, previous };
    } catch (error) {
      if (error instanceof CliError && !error.message.includes(target.dir)) throw new CliError(`${target.dir}: ${error.message}`);
      throw error;
    }
  }).finally(() => {
    launchGitWith(launchedBefore);
    helper.dispose();
  });
  const parts = scans.map((scan) => scan.parts);
  const seen = new Map<string, string>();
  parts.forEach((part, i) => {
    const other = seen.get(part.repository);
    if (other !== undefined)
      throw new CliError(
        `two repositories are named '${part.repository}' (${other} and ${targets[i].dir}): use distinct folder names or name them with --repo NAME=DIR`,
      );
    seen.set(part.repository, targets[i].dir);
  });
  const { since, until, label } = range;
  // --compare previous: the previous period's parts of every repository, combined the same way and compared (reportParts.ts).
  const before = values.compare === undefined ? undefined : previousRange(range, now);
  const previous = before && { since: before.since, until: before.until, label: before.label, parts: scans.map((scan) => scan.previous!) };
  return combinedReport(parts, { reference: parts[0].strategy, since, until, label, now, previous });
}
