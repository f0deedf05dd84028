// What a report reads of each branch, judged once by its repository's strategy and clock: a combined
// report (reportParts.ts) takes every repository's facts as they were judged there.
import { isLongRunning, isUntaggedBranch, type ScannedBranch } from '../scan/branchScan';
import { suggestGoals } from '../strategy/suggest'; // not ../strategy: the warm CLI report loads no YAML or schema code
import type { Strategy } from '../strategy/types';
import type { UntaggedBranchReport } from './reportTypes';

export interface BranchFacts {
  name: string;
  /** The goal the branch is tagged with, or null. */
  goal: string | null;
  /** Author date of its newest unique commit, or null. */
  newest: string | null;
  /** The report's row when it is untagged work, else null. */
  untagged: UntaggedBranchReport | null;
}

/** The facts of the branches a report names (tagged or untagged work); the others are left out. */
export function judgeBranches(branches: readonly ScannedBranch[], strategy: Strategy, now: Date): BranchFacts[] {
  const out: BranchFacts[] = [];
  for (const b of branches) {
    const untagged = isUntaggedBranch(b)
      ? {
          name: b.name,
          commits: b.unique.size,
          oldest: b.oldest ?? '',
          longRunning: isLongRunning(b, strategy, now),
          suggested: suggestGoals(strategy, { branch: b.name, messages: b.subjects }).map((s) => s.goal.id),
        }
      : null;
    if (b.goal || untagged) out.push({ name: b.name, goal: b.goal?.goal ?? null, newest: b.newest ?? null, untagged });
  }
  return out;
}
