// The full scan behind `report` and `check`: the repository, its strategy, the history cache
// brought up to date, attribution and aggregation. Its result is saved for the warm path
// (warm.ts) when nothing changed while it ran.
import { basename, join } from 'node:path';
import type { ReportParts } from '../core/alignment/reportParts';
import { type AlignmentReport, EFFORT_MEASURES } from '../core/alignment/reportTypes';
import type { GitRepo } from '../core/git';
import { CACHE_DIR, CACHE_FILE } from '../core/history/cacheFile';
import { HistoryCache } from '../core/history/historyCache';
import { RangeSpecError } from '../core/scan/range';
import { type ScanResult, scanRepository } from '../core/scan/scan';
import { scanParts } from '../core/scan/scanParts';
import { formatDiagnostic } from '../core/strategy';
import { oneOf, type Values } from './args';
import { gitFailure, type LoadedStrategy, loadStrategyAt, loadValidStrategy, openRepo } from './context';
import { runSync } from './commands/sync';
import { CliError, type CliIO } from './io';
import { warmKey } from './warmKey';
import { type SavedParts, saveReportInput } from '../core/scan/savedReport';

/** The CLI's history cache: in the git common dir, so linked worktrees share it. */
export async function historyCache(repo: GitRepo, disabled: boolean): Promise<HistoryCache> {
  if (disabled) return new HistoryCache();
  const dir = await repo.commonDir().catch(() => undefined);
  return new HistoryCache(dir ? join(dir, CACHE_DIR, CACHE_FILE) : undefined);
}

/** A repository to scan: its folder, and the name the user gave it (`--repo NAME=DIR`), if any. */
export interface RepoTarget {
  dir: string;
  name?: string;
}

/** One repository's report and the parts a combined report or `merge` folds (reportParts.ts). */
export interface RepoScan {
  report: AlignmentReport;
  parts: ReportParts;
  /** With --compare previous: the previous period's parts. */
  previous?: ReportParts;
}

/** The report of one repository (`report`/`check` without several --repo), with its name and parts. */
export async function scanRepo(io: CliIO, values: Values, target: RepoTarget, strategyFile?: string): Promise<AlignmentReport> {
  const now = new Date();
  const shared = strategyFile === undefined ? undefined : await loadStrategyAt(strategyFile, now);
  const { report, parts, previous } = await scanOne(io, values, target, now, shared);
  const own: AlignmentReport = { ...report, repository: { name: parts.repository }, parts: [parts] };
  // The comparison carries the previous period's parts, for `merge` to combine them too.
  if (report.comparison && previous) own.comparison = { ...report.comparison, parts: [previous] };
  return own;
}

/** One repository's scan at the clock `now`, by its own strategy.yaml unless `shared` is given. */
export async function scanOne(io: CliIO, values: Values, target: RepoTarget, now: Date, shared?: LoadedStrategy): Promise<RepoScan> {
  const repo = await openRepo(io, target.dir);
  const { strategy, warnings } = shared ?? (await loadValidStrategy(repo.root, now));
  if (values.fetch === true) await runSync(repo, strategy, { remote: values.remote as string | undefined, push: false }, io);
  else if (typeof values.remote === 'string') throw new CliError('--remote goes with --fetch');
  const measure = oneOf('measure', values.measure, EFFORT_MEASURES, 'commits');
  const useCache = values['no-cache'] !== true;
  // The key is read before the scan and again after it: a report is saved only under the inputs it was made from.
  // A shared strategy (--strategy) is not what the key names (the repository's strategy.yaml): not saved.
  const before = useCache && !shared ? await warmKey(repo.root, measure) : undefined;
  try {
    const result = await scanRepository(repo, strategy, {
      cache: await historyCache(repo, !useCache),
      since: values.since as string | undefined,
      until: values.until as string | undefined,
      compare: values.compare === undefined ? undefined : oneOf('compare', values.compare, ['previous'] as const, 'previous'),
      measure,
      now,
      warnings: warnings.map((d) => formatDiagnostic(d)),
    });
    const name = target.name ?? basename(repo.root);
    const { parts, effort, previous } = scanParts(name, result);
    if (before) await save(repo.root, measure, before.key, result, now, { repository: name, effort: JSON.stringify(effort) });
    return { report: result.report, parts, previous };
  } catch (error) {
    if (error instanceof RangeSpecError) throw new CliError(error.message);
    return gitFailure(error);
  }
}

async function save(root: string, measure: string, key: string, result: ScanResult, now: Date, parts: SavedParts): Promise<void> {
  const after = await warmKey(root, measure);
  if (after && after.key === key) await saveReportInput(after.file, key, result, now, parts);
}
