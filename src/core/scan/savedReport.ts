// A scan's report input saved for a later run to build the same report without reading history:
// the CLI's warm `report` (cli/warm.ts) and the editor's first numbers in a reopened window (issue
// 14). What buildReport reads is saved (reportSnapshot.ts: under a key naming every other input,
// with the range bounds that select the same commits); the report is built again at the reader's
// clock and range (buildReport), so it is the one a full scan would make, or there is none.
import { EffortAggregator } from '../alignment/aggregate';
import type { ReportInput } from '../alignment/buildReport';
import { WeekSeries } from '../alignment/weeks';
import { decodeFacts, encodeFacts, rangeWindows, readSnapshot, writeSnapshot } from '../history/reportSnapshot';
import { localDate } from '../strategy/warnings';
import type { ScanResult } from './scan';

/** What buildReport gets besides the clock and the range. */
export type SavedInput = Omit<ReportInput, 'since' | 'until' | 'now'> & { parts?: SavedParts };

/** The repository's name and its effort parts (effortParts.ts) as JSON text: parsed only when a JSON report needs them. */
export interface SavedParts {
  repository: string;
  effort: string;
}

/** A set of which the report reads only the size: saved as that size. */
export class SavedSize {
  constructor(readonly size: number) {}
}

/** The classes inside a SavedInput. */
export const SAVED_CLASSES = { EffortAggregator, WeekSeries, SavedSize };

/**
 * What is saved of a scan's report input: everything buildReport reads, but of the sets whose
 * members it never reads (a goal's authors and active days, a branch's unique commits) only their
 * size, and no memo (the week of each day): on git/git, 766 KB of JSON became ~100 KB, which a warm
 * run parses. Were buildReport ever to read those members, the warm run fails, which is a miss:
 * the full scan answers (and the warm tests, which compare both, fail).
 */
export function savedForm(input: SavedInput): SavedInput {
  const sized = <T>(set: ReadonlySet<T>) => new SavedSize(set.size) as unknown as Set<T>;
  const effort = Object.assign(input.effort.withoutParts(), {
    targets: new Map(
      [...input.effort.targets].map(([key, stats]) => [key, { ...stats, pairs: sized(stats.pairs), authors: sized(stats.authors) }]),
    ),
    weeks: input.effort.weeks.withoutMemo(),
  });
  return { ...input, effort, branches: input.branches.map((b) => ({ ...b, unique: sized(b.unique) })) };
}

/** Saves `result`'s report input under `key` in `file` (beside the history it was read from); a failure costs only a later run's time. */
export async function saveReportInput(file: string, key: string, result: ScanResult, now: Date, parts?: SavedParts): Promise<void> {
  const { strategy, effort, branches, base, warnings, since, until } = result.input;
  let facts: string;
  try {
    facts = encodeFacts(savedForm({ strategy, effort, branches, base, warnings, ...(parts ? { parts } : {}) }), SAVED_CLASSES);
  } catch {
    return; // something a later run could not rebuild exactly: it keeps scanning
  }
  const { from, to } = seconds(since, until);
  const windows = rangeWindows(result.view.table.committerTime, result.effort.of, from, to);
  const day = strategy.goals.some((g) => g.due !== undefined) ? localDate(now) : null;
  await writeSnapshot(file, { key, day, ...windows, facts });
}

/** The input saved under `key` for a range that selects the commits [since, until] does, at `now`'s date; else undefined. */
export async function readReportInput(
  file: string,
  key: string,
  since: Date | undefined,
  until: Date | undefined,
  now: Date,
): Promise<SavedInput | undefined> {
  const { from, to } = seconds(since, until);
  const facts = await readSnapshot(file, key, from, to, localDate(now));
  return facts === undefined ? undefined : decodeFacts<SavedInput>(facts, SAVED_CLASSES);
}

/** A range's bounds in seconds, unbounded as ±Infinity (reportSnapshot.ts's windows). */
function seconds(since: Date | undefined, until: Date | undefined): { from: number; to: number } {
  return { from: since ? since.getTime() / 1000 : -Infinity, to: until ? until.getTime() / 1000 : Infinity };
}
