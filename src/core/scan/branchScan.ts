// Per-branch facts the attribution needs (DESIGN §3): the commits in `base..branch`, the branch's
// goal and whether it is long-running untagged work. Computed from the cached history's graph:
// the base's history is marked once, then each branch walks its parents until it enters it.
import { type BranchGoals, explicitGoals } from '../attribution/attribute';
import { type BranchGoal, resolveBranchGoal, shortName } from '../attribution/branchGoal';
import { issueClaims } from '../attribution/issueGoals';
import type { BranchInfo } from '../git/types';
import type { CommitTable } from '../history/commitTable';
import type { Strategy } from '../strategy/types';
import type { HistoryView } from './historyView';

export interface ScannedBranch {
  name: string;
  remote?: string;
  current: boolean;
  goal?: BranchGoal;
  /** Non-merge commits in `base..branch` (all of them, not only those in the report range). */
  unique: Set<string>;
  explicitCommits: number;
  /** Unique commits whose message names an issue key a goal claims (issue 13): attributed, so not untagged work. */
  issueCommits: number;
  oldest?: string;
  newest?: string;
  /** Subjects of the newest unique commits (for goal suggestions), at most a few. */
  subjects: string[];
}

export interface BranchHistory {
  branches: ScannedBranch[];
  /** Row → goals of the tagged branches whose `base..branch` holds it (rule 3). */
  branchGoals: Map<number, RowBranchGoals>;
  /** 1 for the rows of the base's history. */
  inBase: Uint8Array;
}

const DAY = 86_400_000;
const SUBJECTS_KEPT = 20;

/** The base branch itself and its counterparts on the other side (local `main` ↔ `origin/main`). */
export function baseBranchFilter(base: string, branches: readonly BranchInfo[]): (branch: BranchInfo) => boolean {
  const baseInfo = branches.find((b) => b.name === base);
  const baseShort = baseInfo ? shortName(baseInfo) : base;
  return (branch) => branch.name === base || shortName(branch) === baseShort;
}

export function scanBranches(
  view: HistoryView,
  strategy: Strategy,
  base: string,
  allBranches: readonly BranchInfo[],
  configGoals: ReadonlyMap<string, string>,
): BranchHistory {
  const { table } = view;
  const baseInfo = allBranches.find((b) => b.name === base);
  const inBase = new Uint8Array(table.count);
  if (baseInfo) markReachable(table, [table.find(baseInfo.sha)], inBase);
  const isBase = baseBranchFilter(base, allBranches);
  const branches = allBranches.filter((b) => !isBase(b)).map((b) => scanBranch(view, strategy, b, inBase, configGoals));
  return { branches, branchGoals: branchGoalsByRow(table, branches), inBase };
}

/** One branch's facts: its commits outside the base (`inBase` marks the base's history) and its goal. */
export function scanBranch(
  view: HistoryView,
  strategy: Strategy,
  branch: BranchInfo,
  inBase: Uint8Array,
  configGoals: ReadonlyMap<string, string>,
): ScannedBranch {
  const { table } = view;
  const scanned: ScannedBranch = {
    name: branch.name,
    remote: branch.remote,
    current: branch.current,
    unique: new Set(),
    explicitCommits: 0,
    issueCommits: 0,
    subjects: [],
  };
  const claims = issueClaims(strategy);
  const explicitSets: string[][] = [];
  let oldest = Infinity;
  let newest = -Infinity;
  for (const row of walk(table, table.find(branch.sha), inBase)) {
    if (table.isMerge(row)) continue; // walked through, not counted
    scanned.unique.add(table.sha(row));
    const time = table.authorTime[row];
    if (time < oldest) {
      oldest = time;
      scanned.oldest = view.authorDate(row);
    }
    if (time > newest) {
      newest = time;
      scanned.newest = view.authorDate(row);
    }
    if (scanned.subjects.length < SUBJECTS_KEPT) scanned.subjects.push(table.subject(row));
    const explicit = explicitGoals(view.goalsOf(row));
    if (explicit) {
      scanned.explicitCommits++;
      explicitSets.push(explicit.goals);
    } else if (table.keys[row] !== 0 && !claims.empty && claims.goalsOf(table.keyList(row)).length > 0) scanned.issueCommits++;
  }
  const configGoal = branch.remote ? undefined : configGoals.get(branch.name);
  scanned.goal = resolveBranchGoal(strategy, branch, configGoal, explicitSets);
  return scanned;
}

/**
 * Marks every read commit reachable from `tips` (rows; -1 is skipped) in `marks`, not walking past
 * rows marked already (so marking the base first, then every branch, walks each commit once).
 */
export function markReachable(table: CommitTable, tips: readonly number[], marks: Uint8Array): void {
  const stack = tips.filter((row) => row >= 0);
  const { parent1, parent2 } = table;
  while (stack.length > 0) {
    const row = stack.pop()!;
    if (marks[row] !== 0 || !table.isRead(row)) continue;
    marks[row] = 1;
    const p1 = parent1[row];
    if (p1 >= 0 && marks[p1] === 0) stack.push(p1);
    if (table.isMerge(row)) {
      const p2 = parent2[row];
      if (p2 >= 0 && marks[p2] === 0) stack.push(p2);
      for (const p of table.moreParents.get(row) ?? []) if (marks[p] === 0) stack.push(p);
    }
  }
}

/** Rows reachable from `tip` without entering the base, in the order of a depth-first walk. */
function* walk(table: CommitTable, tip: number, inBase: Uint8Array): Generator<number> {
  if (tip < 0) return;
  const seen = new Set<number>();
  const stack = [tip];
  while (stack.length > 0) {
    const row = stack.pop()!;
    if (seen.has(row) || inBase[row] !== 0 || !table.isRead(row)) continue;
    seen.add(row);
    yield row;
    table.forEachParent(row, (parent) => stack.push(parent));
  }
}

export interface RowBranchGoals extends BranchGoals {
  goals: string[];
  viaIssue: boolean;
}

/** Row → the goals of the tagged branches whose unique commits hold it, in branch order (`viaIssue`: each from an issue key in the name). */
export function branchGoalsByRow(table: CommitTable, branches: readonly ScannedBranch[]): Map<number, RowBranchGoals> {
  const map = new Map<number, RowBranchGoals>();
  for (const branch of branches) {
    if (!branch.goal) continue;
    const viaIssue = branch.goal.via === 'issue';
    for (const sha of branch.unique) {
      const row = table.find(sha);
      const entry = map.get(row);
      if (!entry) map.set(row, { goals: [branch.goal.goal], viaIssue });
      else {
        if (!entry.goals.includes(branch.goal.goal)) entry.goals.push(branch.goal.goal);
        entry.viaIssue &&= viaIssue;
      }
    }
  }
  return map;
}

/** A local branch with unique commits, no branch goal and no explicit goal or claimed issue key on them. */
export function isUntaggedBranch(branch: ScannedBranch): boolean {
  return !branch.remote && branch.unique.size > 0 && !branch.goal && branch.explicitCommits === 0 && branch.issueCommits === 0;
}

/** DESIGN §3: commits ≥ untagged.commits or the oldest unique commit ≥ untagged.days old. */
export function isLongRunning(branch: ScannedBranch, strategy: Strategy, now: Date): boolean {
  if (!isUntaggedBranch(branch)) return false;
  const { commits, days } = strategy.settings.untagged;
  const age = branch.oldest ? (now.getTime() - Date.parse(branch.oldest)) / DAY : 0;
  return branch.unique.size >= commits || age >= days;
}
