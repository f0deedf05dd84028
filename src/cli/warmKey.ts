// What of a scan is saved for the warm path: shared by the full scan that saves it (scan.ts) and the
// warm path that reads it (warm.ts). The key that names it is inputKey.ts's.
import { join } from 'node:path';
import { EffortAggregator } from '../core/alignment/aggregate';
import type { ReportInput } from '../core/alignment/buildReport';
import { WeekSeries } from '../core/alignment/weeks';
import { SNAPSHOT_FILE, snapshotKey } from '../core/history/reportSnapshot';
import { readInputs } from './inputKey';

/** What buildReport gets besides the clock and the range: saved by the full scan, read by the warm one. */
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

export interface WarmKey {
  /** Where the saved reports are. */
  file: string;
  /** Names every input of the scan but the range and the clock. */
  key: string;
}

/** The key of the report of the repository holding `dir` by `measure`, or undefined when git or strategy.yaml cannot be read. */
export async function warmKey(dir: string, measure: string): Promise<WarmKey | undefined> {
  const inputs = await readInputs(dir, measure);
  return inputs && { file: join(inputs.folder, SNAPSHOT_FILE), key: snapshotKey(inputs.text) };
}
