// One scan of a repository: one refs read, one config read, and the cached history brought up to
// date (ONE `git log` when cold, only the new commits after that; the notes when their ref moved;
// numstat only for churn). Every commit is attributed by the one rule set and folded into the
// report. The CLI, the tree and the report panel all come through here.
import { EffortAggregator } from '../alignment/aggregate';
import { buildReport } from '../alignment/buildReport';
import { churnCounts, churnExclude } from '../alignment/churnFilter';
import type { AlignmentReport, EffortMeasure } from '../alignment/reportTypes';
import { type Attribution, attributeCommit } from '../attribution/attribute';
import { chooseBase, type GitRepo, type RefListing } from '../git';
import type { LogCommit } from '../git/types';
import type { HistoryState } from '../history/cacheFile';
import { HistoryCache, hashOf } from '../history/historyCache';
import type { Strategy } from '../strategy/types';
import { markReachable, type ScannedBranch, scanBranches } from './branchScan';
import { HistoryView } from './historyView';
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
}

export interface ScanResult {
  report: AlignmentReport;
  /** branch.<name>.goal of every local branch, as read for this scan (the base included). */
  configGoals: Map<string, string>;
  branches: ScannedBranch[];
  base: string | undefined;
  stats: ScanStats;
}

/** The attribution of every commit reachable from a branch: derived, in memory, keyed by its inputs. */
interface Attributed {
  view: HistoryView;
  branches: ScannedBranch[];
  /** Row → index into `attributions`; -1 for merges and commits no branch reaches. */
  of: Int32Array;
  attributions: Attribution[];
}

export async function scanRepository(repo: GitRepo, strategy: Strategy, options: ScanOptions = {}): Promise<ScanResult> {
  const cache = options.cache ?? new HistoryCache();
  return cache.exclusive(() => scan(repo, strategy, options, cache));
}

async function scan(repo: GitRepo, strategy: Strategy, options: ScanOptions, cache: HistoryCache): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const since = parseSince(options.since, now);
  const until = parseUntil(options.until);
  const measure = options.measure ?? 'commits';
  const warnings = [...(options.warnings ?? [])];

  const [listing, configGoals] = await Promise.all([repo.refs(), repo.branchGoals()]);
  const base = chooseBase(listing, strategy.settings.base);
  if (!base) {
    warnings.push(strategy.settings.base
      ? `base branch '${strategy.settings.base}' (settings.base) does not exist: branch goals and untagged branches are not computed`
      : 'no base branch found (no remote HEAD, main or master): set settings.base in strategy.yaml');
  }
  const exclude = churnExclude(strategy);
  const churn = measure === 'churn' ? { key: hashOf(exclude), counts: churnCounts(exclude) } : undefined;
  const update = await cache.update(repo, strategy.settings.trailer, listing.branches.map((b) => b.sha), listing.notesSha ?? null, churn);
  const key = hashOf([update.state.tips, update.state.notesSha, strategy, listing.branches, base ?? null, [...configGoals]]);
  const reused = cache.recall<Attributed>('attribution', key);
  const { view, branches, of, attributions } = reused ?? cache.remember('attribution', key, attributeAll(update.state, strategy, listing, base, configGoals));

  const from = since ? since.getTime() / 1000 : -Infinity;
  const to = until ? until.getTime() / 1000 : Infinity;
  const effortKey = `${key}\0${measure}\0${options.author?.toLowerCase() ?? ''}`;
  let effort = cache.recall<Effort>('effort', effortKey);
  if (effort && !sameRows(view, of, effort, from, to)) effort = undefined;
  let churnRead = update.churnRead;
  if (!effort) {
    const rows = rowsInRange(view, of, from, to, options.author?.toLowerCase());
    if (churn) churnRead += await cache.ensureChurn(repo, rows, churn);
    const known = new Set(strategy.goals.map((g) => g.id));
    const aggregator = new EffortAggregator(measure, (id) => known.has(id));
    const cursor = view.effortCursor();
    for (const row of rows) aggregator.add(cursor.at(row), attributions[of[row]]);
    aggregator.finish();
    effort = cache.remember('effort', effortKey, { from, to, rows, aggregator });
  }
  if (options.onCommit) for (const row of effort.rows) options.onCommit(view.commit(row), attributions[of[row]]);
  await cache.save();

  const report = buildReport({ strategy, effort: effort.aggregator, branches, base, since, until, now, warnings });
  return { report, branches, base, configGoals, stats: { commitsRead: update.commitsRead, notesRead: update.notesRead, churnRead, attributionReused: reused !== undefined } };
}

/** The effort of the commits in a range, kept while the same commits are in range. */
interface Effort {
  from: number;
  to: number;
  rows: number[];
  aggregator: EffortAggregator;
}

/** Attributed rows committed within [from, to] (seconds), by `author` when given. */
function rowsInRange(view: HistoryView, of: Int32Array, from: number, to: number, author: string | undefined): number[] {
  const times = view.table.committerTime;
  const rows: number[] = [];
  for (let row = 0; row < of.length; row++) {
    if (of[row] < 0 || times[row] < from || times[row] > to) continue;
    if (author && view.lowerEmail(row) !== author) continue;
    rows.push(row);
  }
  return rows;
}

/** Whether [from, to] holds exactly the attributed commits `effort`'s range held (a moving `--since 90d`). */
function sameRows(view: HistoryView, of: Int32Array, effort: Effort, from: number, to: number): boolean {
  if (effort.from === from && effort.to === to) return true;
  const times = view.table.committerTime;
  for (let row = 0; row < of.length; row++) {
    if (of[row] < 0) continue;
    const t = times[row];
    if ((t >= from && t <= to) !== (t >= effort.from && t <= effort.to)) return false;
  }
  return true;
}

function attributeAll(state: HistoryState, strategy: Strategy, listing: RefListing, base: string | undefined, configGoals: ReadonlyMap<string, string>): Attributed {
  const view = new HistoryView(state);
  const { table } = view;
  const history = base ? scanBranches(view, strategy, base, listing.branches, configGoals) : { branches: [], branchGoals: new Map<number, string[]>() };
  const reachable = new Uint8Array(table.count);
  markReachable(table, listing.branches.map((b) => table.find(b.sha)), reachable);

  const of = new Int32Array(table.count).fill(-1);
  const attributions: Attribution[] = [];
  const plain: number[] = []; // goal set → attribution, for commits without a note or branch goals
  const mixed = new Map<string, number>();
  const add = (attribution: Attribution) => attributions.push(attribution) - 1;
  for (let row = 0; row < table.count; row++) {
    if (reachable[row] === 0 || table.isMerge(row)) continue;
    const note = view.notes.get(row);
    const fromBranches = history.branchGoals.get(row);
    if (!note && !fromBranches) {
      of[row] = plain[table.goals[row]] ??= add(attributeCommit(view.goalsOf(row), []));
      continue;
    }
    const combination = JSON.stringify([note ?? null, table.goals[row], fromBranches ?? null]);
    let index = mixed.get(combination);
    if (index === undefined) mixed.set(combination, (index = add(attributeCommit(view.goalsOf(row), fromBranches ?? []))));
    of[row] = index;
  }
  return { view, branches: history.branches, of, attributions };
}
