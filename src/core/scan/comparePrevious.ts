// `--compare previous` from the same scan: the previous period's effort over the attribution the
// scan already made (no second `git log`), its report built by the same buildReport, and the two
// reports compared (compare.ts).
import { buildReport, type ReportInput } from '../alignment/buildReport';
import { compareReports } from '../alignment/compare';
import type { AlignmentReport, Comparison } from '../alignment/reportTypes';
import { isUntaggedBranch, type ScannedBranch } from './branchScan';
import type { HistoryView } from './historyView';
import type { ResolvedRange } from './period';
import { type EffortRequest, effortOver } from './rangeEffort';

export async function comparePrevious(
  request: Omit<EffortRequest, 'from' | 'to'>,
  input: ReportInput,
  report: AlignmentReport,
  previous: ResolvedRange,
): Promise<{ comparison: Comparison; churnRead: number; input: ReportInput }> {
  const since = previous.since!;
  const until = previous.until!;
  const { effort, churnRead } = await effortOver({ ...request, from: since.getTime() / 1000, to: until.getTime() / 1000 });
  // The previous report is read as at its period's end: its untagged branches as they were then.
  const asOf = until < input.now ? until : input.now;
  const previousInput: ReportInput = {
    ...input,
    effort: effort.aggregator,
    since,
    until,
    label: previous.label,
    now: asOf,
    branches: branchesAsOf(request.attributed.view, input.branches, asOf),
  };
  const before = buildReport(previousInput);
  // The input too: several repositories compare their combined reports (the CLI takes each one's parts of it).
  return { comparison: compareReports(report, before), churnRead, input: previousInput };
}

/**
 * Untagged branches as they were at `end`: only their unique commits committed by then (a branch
 * with none did not hold untagged work yet), the oldest of those for its age. So "long-running at
 * the end of the previous period" is the same rule (DESIGN §3) judged on what existed then.
 */
export function branchesAsOf(view: HistoryView, branches: readonly ScannedBranch[], end: Date): ScannedBranch[] {
  const { table } = view;
  const limit = end.getTime() / 1000;
  return branches.map((branch) => {
    if (!isUntaggedBranch(branch)) return branch;
    const unique = new Set<string>();
    let oldestTime = Infinity;
    let oldest: string | undefined;
    for (const sha of branch.unique) {
      const row = table.find(sha);
      if (row < 0 || table.committerTime[row] > limit) continue;
      unique.add(sha);
      if (table.authorTime[row] < oldestTime) {
        oldestTime = table.authorTime[row];
        oldest = view.authorDate(row);
      }
    }
    return { ...branch, unique, oldest };
  });
}
