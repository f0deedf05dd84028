// The effort of the commits in a report's range, folded per (attribution, author, day) group.
// Kept between scans while the same commits are in range with the same attributions; after new
// commits that change no earlier commit's attribution, only the new ones are added.
import { type EffortCommit, EffortAggregator } from '../alignment/aggregate';
import { Pacer } from './pacer';
import type { EffortMeasure } from '../alignment/reportTypes';
import type { Attribution } from '../attribution/attribute';
import type { GitRepo } from '../git';
import type { ChurnRule, HistoryCache } from '../history/historyCache';
import type { Strategy } from '../strategy/types';
import type { Attributed } from './attributeHistory';
import type { HistoryView } from './historyView';

export interface Effort {
  /** The range, in seconds (±Infinity when open). */
  from: number;
  to: number;
  /** Rows counted (a typed array: a million commits in range stay 4 MB), and the attribution they were counted with. */
  rows: Int32Array;
  of: Int32Array;
  attributions: Attribution[];
  aggregator: EffortAggregator;
}

export interface EffortRequest {
  cache: HistoryCache;
  repo: GitRepo;
  strategy: Strategy;
  /** Names the strategy and everything else the numbers depend on besides the commits. */
  strategyKey: string;
  attributed: Attributed;
  measure: EffortMeasure;
  /** Lowercase email: only this author's commits. */
  author?: string;
  from: number;
  to: number;
  churn?: ChurnRule;
}

/** How a scan got its effort: kept (same commits and attributions), extended with new commits, or computed. */
export type EffortPath = 'kept' | 'extended' | 'computed';

export async function rangeEffort(request: EffortRequest): Promise<{ effort: Effort; churnRead: number; path: EffortPath }> {
  const { cache, attributed, measure, from, to } = request;
  const { view, of, attributions } = attributed;
  const pacer = new Pacer();
  const slot = `${request.strategyKey}\0${measure}\0${request.author ?? ''}`;
  const previous = cache.recall<Effort>('effort', slot);
  if (previous && sameRange(view, previous, from, to)) {
    if (previous.of === of) return { effort: previous, churnRead: 0, path: 'kept' };
    // Days are split per (author, day) at the end: only commits and churn simply add up.
    if (measure !== 'days' && extendsAttribution(previous, of, attributions)) {
      const fresh = rowsInRange(view, of, from, to, request.author, previous.of.length);
      const churnRead = request.churn ? await cache.ensureChurn(request.repo, fresh, request.churn) : 0;
      await addGroups(previous.aggregator, await view.groups(fresh, of, pacer), attributions, pacer);
      const rows = new Int32Array(previous.rows.length + fresh.length);
      rows.set(previous.rows);
      rows.set(fresh, previous.rows.length);
      const effort: Effort = { from, to, rows, of, attributions, aggregator: previous.aggregator };
      return { effort: cache.remember('effort', slot, effort), churnRead, path: 'extended' };
    }
  }
  const { effort, churnRead } = await effortOver(request, pacer);
  return { effort: cache.remember('effort', slot, effort), churnRead, path: 'computed' };
}

/** The effort of [from, to] computed afresh and kept nowhere (also a second range over the same attribution: `--compare previous`). */
export async function effortOver(request: EffortRequest, pacer = new Pacer()): Promise<{ effort: Effort; churnRead: number }> {
  const { cache, attributed, measure, from, to } = request;
  const { view, of, attributions } = attributed;
  const rows = rowsInRange(view, of, from, to, request.author, 0);
  const churnRead = request.churn ? await cache.ensureChurn(request.repo, rows, request.churn) : 0;
  const known = new Set(request.strategy.goals.map((g) => g.id));
  const aggregator = new EffortAggregator(measure, (id) => known.has(id));
  await addGroups(aggregator, await view.groups(rows, of, pacer), attributions, pacer);
  aggregator.finish();
  return { effort: { from, to, rows, of, attributions, aggregator }, churnRead };
}

/** Folds the groups into the aggregator, letting the event loop run between stretches of 20 ms. */
async function addGroups(
  aggregator: EffortAggregator,
  groups: Iterable<{ commit: EffortCommit; attribution: number }>,
  attributions: readonly Attribution[],
  pacer: Pacer,
): Promise<void> {
  let i = 0;
  for (const group of groups) {
    if ((++i & 4095) === 0) await pacer.pause();
    aggregator.add(group.commit, attributions[group.attribution]);
  }
}

/** Attributed rows ≥ `first` committed within [from, to] (seconds), by `author` when given. */
function rowsInRange(view: HistoryView, of: Int32Array, from: number, to: number, author: string | undefined, first: number): Int32Array {
  const times = view.table.committerTime;
  const keep = (row: number) => of[row] >= 0 && times[row] >= from && times[row] <= to && (!author || view.lowerEmail(row) === author);
  let count = 0;
  for (let row = first; row < of.length; row++) if (keep(row)) count++;
  const rows = new Int32Array(count);
  for (let row = first, i = 0; row < of.length; row++) if (keep(row)) rows[i++] = row;
  return rows;
}

/** Whether [from, to] holds exactly the commits `effort`'s range held among its rows (a moving `--since 90d`). */
function sameRange(view: HistoryView, effort: Effort, from: number, to: number): boolean {
  if (effort.from === from && effort.to === to) return true;
  const times = view.table.committerTime;
  const { of } = effort;
  for (let row = 0; row < of.length; row++) {
    if (of[row] < 0) continue;
    const t = times[row];
    if ((t >= from && t <= to) !== (t >= effort.from && t <= effort.to)) return false;
  }
  return true;
}

/** Every row the previous effort knew keeps exactly its attribution (new rows may follow). */
function extendsAttribution(previous: Effort, of: Int32Array, attributions: readonly Attribution[]): boolean {
  if (of.length < previous.of.length || attributions.length < previous.attributions.length) return false;
  for (let i = 0; i < previous.attributions.length; i++) {
    const a = previous.attributions[i];
    const b = attributions[i];
    if (a.source !== b.source || a.goals.length !== b.goals.length || a.goals.some((g, j) => g !== b.goals[j])) return false;
  }
  for (let row = 0; row < previous.of.length; row++) if (of[row] !== previous.of[row]) return false;
  return true;
}
