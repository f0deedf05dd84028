// One scan of a repository: one refs read, one config read, and the cached history brought up to
// date (ONE `git log` when cold, only the new commits after that; the notes when their ref moved;
// numstat only for churn). Every commit is attributed by the one rule set and folded into the
// report. The CLI, the tree and the report panel all come through here.
import { buildReport, type ReportInput } from '../alignment/buildReport';
import { churnCounts, churnExclude } from '../alignment/churnFilter';
import type { AlignmentReport, EffortMeasure } from '../alignment/reportTypes';
import type { Attribution } from '../attribution/attribute';
import { chooseBase, type GitRepo } from '../git';
import type { LogCommit } from '../git/types';
import { HistoryCache, hashOf } from '../history/historyCache';
import type { Strategy } from '../strategy/types';
import { type Attributed, attributeHistory } from './attributeHistory';
import { HistoryView } from './historyView';
import { inheritSources, knowsLedger, rememberLedger } from '../ledger/sources';
import type { Ledger } from '../ledger/record';
import { deletedBranchTips } from '../ledger/recovered';
import type { NameTip } from '../ledger/reflogBranches';
import type { HistoryState } from '../history/cacheFile';
import type { RefListing } from '../git/refs';
import type { ScannedBranch } from './branchScan';
import { type Effort, type EffortPath, rangeEffort } from './rangeEffort';
import { turn } from './pacer';
import { refreshAttribution } from './refreshAttribution';
import { attributionFileOf, readAttribution, tableStamp, writeAttribution } from './attributionFile';
import { unmatchedIssueWarnings } from './issueHints';
import { previousRange, resolveRange } from './period';
import { comparePrevious } from './comparePrevious';

export interface ScanOptions {
  /** `90d` (default), `12w`, `6mo`, `1y`, `all`, a date, or a period (`2026-Q3`, `this-quarter`: period.ts). */
  since?: string;
  until?: string;
  /** `previous`: the report's `comparison` with the previous period of the same length (from this same scan). */
  compare?: 'previous';
  measure?: EffortMeasure;
  now?: Date;
  /** Only count commits by this author email (case-insensitive): "my work". */
  author?: string;
  /** Extra warnings to carry into the report (e.g. strategy.yaml validation warnings). */
  warnings?: string[];
  /** Called for every attributed commit in range. */
  onCommit?: (commit: LogCommit, attribution: Attribution) => void;
  /** The repository's history cache (default: a fresh one in memory, i.e. a cold scan). */
  cache?: HistoryCache;
}

export interface ScanStats {
  /** Commits read from git by this scan's history log (0: nothing new). */
  commitsRead: number;
  notesRead: boolean;
  /** Commits whose churn was read (numstat, with the history log or on its own) by this scan. */
  churnRead: number;
  /** Whether the attribution was reused from the previous scan (same tips, notes, strategy, config). */
  attributionReused: boolean;
  /** Whether it was read from the file saved beside the history file (attributionFile.ts): a restart with nothing changed. */
  attributionLoaded: boolean;
  /** Whether it was brought forward from the previous scan's, attributing only new commits (refreshAttribution.ts). */
  attributionRefreshed: boolean;
  /** Whether the range's effort was kept from the previous scan, extended with new commits, or computed. */
  effort: EffortPath;
}

export interface ScanResult {
  report: AlignmentReport;
  /** branch.<name>.goal of every local branch, as read for this scan (the base included). */
  configGoals: Map<string, string>;
  branches: ScannedBranch[];
  base: string | undefined;
  stats: ScanStats;
  /** What the report was built from, the range's effort and the history it was read from (the CLI saves them for its warm report). */
  input: ReportInput;
  /** With `compare: 'previous'`: what the previous period's report was built from (several repositories combine it). */
  previousInput?: ReportInput;
  effort: Effort;
  view: HistoryView;
  /** The attribution of a row of `view` (a row in `effort.rows`): the editor reads commits on demand, not all up front. */
  attributionOf(row: number): Attribution;
}

/** Up to this many commits the cache file is written while attribution runs (see below). */
const OVERLAP_SAVE_ROWS = 250_000;

export async function scanRepository(repo: GitRepo, strategy: Strategy, options: ScanOptions = {}): Promise<ScanResult> {
  const cache = options.cache ?? new HistoryCache();
  return cache.exclusive(() => scan(repo, strategy, options, cache));
}

async function scan(repo: GitRepo, strategy: Strategy, options: ScanOptions, cache: HistoryCache): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const range = resolveRange(options.since, options.until, now);
  const { since, until } = range;
  const before = options.compare === 'previous' ? previousRange(range, now) : undefined; // bad input fails before git runs
  const measure = options.measure ?? 'commits';
  const warnings = [...(options.warnings ?? [])];

  const listing = await repo.refs();
  const base = chooseBase(listing, strategy.settings.base);
  if (!base) {
    warnings.push(
      strategy.settings.base
        ? `base branch '${strategy.settings.base}' (settings.base) does not exist: branch goals and untagged branches are not computed`
        : 'no base branch found (no remote HEAD, main or master): set settings.base in strategy.yaml',
    );
  }
  const exclude = churnExclude(strategy);
  const churn = measure === 'churn' ? { key: hashOf(exclude), counts: churnCounts(exclude) } : undefined;
  // The config is read while the history log streams (two processes, two cores), not before it.
  // The branch ledger, when not known yet, is read with the goal notes (one cat-file for both).
  const ledgerSha = listing.ledgerSha ?? null; // the branch ledger is an input of attribution (issue 12)
  const ledgerAlong = ledgerSha && !knowsLedger(cache, ledgerSha) ? ledgerSha : undefined;
  const [update, configGoals] = await Promise.all([
    cache.update(
      repo,
      strategy.settings.trailer,
      listing.branches.map((b) => b.sha),
      listing.notesSha ?? null,
      churn,
      ledgerAlong,
    ),
    turn().then(() => repo.branchGoals()), // its own turn: two processes started in one go stalled the editor ~100 ms (forks of a big process)
  ]);
  // The cache file is written while the attribution and aggregation run (its writes go to libuv's
  // threads); they change nothing in it, unless churn is read for the range: then it is written after.
  // On very large histories it is written after too: the file's buffers beside the attribution's
  // arrays took a million-commit scan from 258 to 332 MB peak (the bound is 300).
  const saved = churn || update.state.table.count > OVERLAP_SAVE_ROWS ? undefined : cache.save();
  if (ledgerAlong && update.alongside) rememberLedger(cache, ledgerAlong, update.alongside);
  await turn();
  const strategyKey = hashOf(strategy);
  const deleted = deletedBranchTips(repo.root, listing, base); // and so are deleted branches' tips in the reflog
  const key = hashOf([
    update.state.tips,
    update.state.notesSha,
    strategyKey,
    listing.branches,
    base ?? null,
    [...configGoals],
    ledgerSha,
    deleted,
  ]);
  const reused = cache.recall<Attributed>('attribution', key);
  // The same inputs but the tips: a refresh may bring the previous attribution forward (refreshAttribution.ts).
  const sameInputs = hashOf([update.state.notesSha, strategyKey, base ?? null, [...configGoals], ledgerSha, deleted]);
  const previous = reused ? undefined : cache.recall<Attributed>('attribution-inputs', sameInputs);
  const refreshInputs = { repo, cache, state: update.state, strategy, listing, base, configGoals };
  const refreshed = previous && (await refreshAttribution(previous, refreshInputs));
  if (refreshed) refreshed.warnings = conflictWarnings(refreshed.view, refreshed.memo!.sources.ledger);
  // After a restart (nothing in memory), the attribution saved with these inputs and these rows.
  const file = cache.file && attributionFileOf(cache.file);
  const fileKey = file && !reused ? hashOf([key, tableStamp(update.state.table)]) : undefined;
  const loaded = fileKey && !refreshed ? await readAttribution(file!, fileKey, new HistoryView(update.state)) : undefined;
  const attributed =
    reused ??
    cache.remember(
      'attribution',
      key,
      refreshed ||
        loaded ||
        (await attributeWithLedger(repo, cache, update.state, strategy, listing, base, configGoals, ledgerSha, deleted)),
    );
  const written = fileKey && !loaded ? writeAttribution(file!, fileKey, attributed) : undefined;
  cache.remember('attribution-inputs', sameInputs, attributed);
  const { view, branches, of, attributions } = attributed;
  warnings.push(...(attributed.warnings ?? []));
  await turn();

  const request = { cache, repo, strategy, strategyKey, attributed, measure, churn, author: options.author?.toLowerCase() };
  const { effort, churnRead, path } = await rangeEffort({
    ...request,
    from: since ? since.getTime() / 1000 : -Infinity,
    to: until ? until.getTime() / 1000 : Infinity,
  });
  await turn();
  for (const w of unmatchedIssueWarnings(strategy, view, effort.rows, branches, effort.from)) warnings.push(w);
  if (options.onCommit) for (const row of effort.rows) options.onCommit(view.commit(row), attributions[of[row]]);
  const input: ReportInput = { strategy, effort: effort.aggregator, branches, base, since, until, label: range.label, now, warnings };
  const report = buildReport(input);
  const compared = before && (await comparePrevious(request, input, report, before));
  if (compared) report.comparison = compared.comparison;
  await (saved ?? cache.save()); // after the comparison: with churn it reads the previous period's too
  if (!cache.options.background) await written; // the editor's write goes on while the view draws
  return {
    report,
    branches,
    base,
    configGoals,
    input,
    previousInput: compared?.input,
    effort,
    view,
    attributionOf: (row) => attributions[of[row]],
    stats: {
      commitsRead: update.commitsRead,
      notesRead: update.notesRead,
      churnRead: update.churnRead + churnRead + (compared?.churnRead ?? 0),
      attributionReused: reused !== undefined,
      attributionLoaded: loaded !== undefined,
      attributionRefreshed: refreshed !== undefined,
      effort: path,
    },
  };
}

/** Attribution with what merged work inherits: the ledger and the patch-ids its rules need (issue 12). */
async function attributeWithLedger(
  repo: GitRepo,
  cache: HistoryCache,
  state: HistoryState,
  strategy: Strategy,
  listing: RefListing,
  base: string | undefined,
  configGoals: ReadonlyMap<string, string>,
  ledgerSha: string | null,
  deleted: NameTip[],
): Promise<Attributed> {
  const view = new HistoryView(state);
  const sources = await inheritSources(repo, cache, view, ledgerSha, base ? { tips: deleted, strategy, base } : undefined);
  await turn();
  const attributed = await attributeHistory(state, strategy, listing, base, configGoals, sources, view);
  attributed.warnings = conflictWarnings(view, sources.ledger);
  return attributed;
}

/** Commits two clones gave different goals (recorded by sync) whose note still keeps them all: split until someone settles it. */
function conflictWarnings(view: HistoryView, ledger: Ledger): string[] {
  const out: string[] = [];
  for (const { sha, goals } of ledger.conflicts ?? []) {
    const note = view.notes.get(view.table.find(sha));
    if (!note || !goals.every((g) => note.includes(g))) continue;
    const short = sha.slice(0, 10);
    out.push(
      `commit ${short} was given different goals on two clones (${goals.join(', ')}): both kept, split; settle it with strategy-align tag-commit ${short} GOAL`,
    );
  }
  return [...new Set(out)];
}
