// The hint of issue 13 for `issues:` patterns that name nothing: no commit in the report's range
// has a message key, and no branch with work in range has a name key, that the pattern fits.
import { unmatchedIssuePatterns } from '../attribution/issueGoals';
import { issueKeysIn } from '../issueKeys';
import type { Strategy } from '../strategy/types';
import type { ScannedBranch } from './branchScan';
import type { HistoryView } from './historyView';

/** One warning naming every declared pattern nothing in range names; none when every pattern fits something. */
export function unmatchedIssueWarnings(
  strategy: Strategy,
  view: HistoryView,
  rows: Int32Array,
  branches: readonly ScannedBranch[],
  from: number,
): string[] {
  if (!strategy.goals.some((g) => g.issues && g.issues.length > 0)) return [];
  const { table } = view;
  const sets = new Set<number>();
  for (const row of rows) sets.add(table.keys[row]);
  const keys = new Set<string>();
  for (const set of sets) if (set !== 0) for (const key of table.keySets.values[set].split('\u001f')) keys.add(key);
  for (const b of branches)
    if (b.unique.size > 0 && (!b.newest || Date.parse(b.newest) / 1000 >= from))
      for (const key of issueKeysIn(b.name, { anyCase: true })) keys.add(key);
  const unmatched = unmatchedIssuePatterns(strategy, keys);
  return unmatched.length > 0 ? [`issues: no commit in range names ${unmatched.join(', ')}`] : [];
}
