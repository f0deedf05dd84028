// Per-branch facts the attribution needs (DESIGN §3): the commits in `base..branch`, the branch's
// goal and whether it is long-running untagged work. ONE `git log --branches --remotes --not base`
// reads every commit that is not in the base; `base..branch` is then a walk over those parents.
import { explicitGoals } from '../attribution/attribute';
import { type BranchGoal, resolveBranchGoal, shortName } from '../attribution/branchGoal';
import type { GitRepo } from '../git';
import type { BranchInfo, LogCommit } from '../git/types';
import type { Strategy } from '../strategy/types';

export interface ScannedBranch {
  name: string;
  remote?: string;
  current: boolean;
  goal?: BranchGoal;
  /** Non-merge commits in `base..branch` (all of them, not only those in the report range). */
  unique: Set<string>;
  explicitCommits: number;
  oldest?: string;
  newest?: string;
  /** Subjects of the newest unique commits (for goal suggestions), at most a few. */
  subjects: string[];
}

export interface BranchHistory {
  branches: ScannedBranch[];
  /** Every non-merge commit outside the base, by sha (the report takes those in range). */
  commits: Map<string, LogCommit>;
}

const DAY = 86_400_000;
const SUBJECTS_KEPT = 20;

/** The base branch itself and its counterparts on the other side (local `main` ↔ `origin/main`). */
export function baseBranchFilter(base: string, branches: readonly BranchInfo[]): (branch: BranchInfo) => boolean {
  const baseInfo = branches.find((b) => b.name === base);
  const baseShort = baseInfo ? shortName(baseInfo) : base;
  return (branch) => branch.name === base || shortName(branch) === baseShort;
}

export async function scanBranches(
  repo: GitRepo,
  strategy: Strategy,
  base: string,
  allBranches: readonly BranchInfo[],
  configGoals: ReadonlyMap<string, string>,
): Promise<BranchHistory> {
  const baseRef = allBranches.find((b) => b.name === base)?.ref ?? base;
  const parents = new Map<string, string[]>();
  const commits = new Map<string, LogCommit>();
  for await (const commit of repo.log({ revs: ['--branches', '--remotes', '--not', baseRef], trailerKey: strategy.settings.trailer, merges: true })) {
    parents.set(commit.sha, commit.parents);
    if (commit.parents.length <= 1) commits.set(commit.sha, commit);
  }

  const isBase = baseBranchFilter(base, allBranches);
  const branches: ScannedBranch[] = [];
  for (const branch of allBranches) {
    if (isBase(branch)) continue;
    const scanned: ScannedBranch = { name: branch.name, remote: branch.remote, current: branch.current, unique: new Set(), explicitCommits: 0, subjects: [] };
    const explicitSets: string[][] = [];
    for (const sha of walk(branch.sha, parents)) {
      const commit = commits.get(sha);
      if (!commit) continue; // a merge: walked through, not counted
      scanned.unique.add(sha);
      if (!scanned.oldest || Date.parse(commit.authorDate) < Date.parse(scanned.oldest)) scanned.oldest = commit.authorDate;
      if (!scanned.newest || Date.parse(commit.authorDate) > Date.parse(scanned.newest)) scanned.newest = commit.authorDate;
      if (scanned.subjects.length < SUBJECTS_KEPT) scanned.subjects.push(commit.subject);
      const explicit = explicitGoals(commit);
      if (explicit) {
        scanned.explicitCommits++;
        explicitSets.push(explicit.goals);
      }
    }
    const configGoal = branch.remote ? undefined : configGoals.get(branch.name);
    scanned.goal = resolveBranchGoal(strategy, branch, configGoal, explicitSets);
    branches.push(scanned);
  }
  return { branches, commits };
}

/** Commits reachable from `tip` without entering the base (commits absent from `parents`). */
function* walk(tip: string, parents: ReadonlyMap<string, string[]>): Generator<string> {
  const seen = new Set<string>();
  const stack = [tip];
  while (stack.length > 0) {
    const sha = stack.pop()!;
    if (seen.has(sha) || !parents.has(sha)) continue;
    seen.add(sha);
    yield sha;
    stack.push(...parents.get(sha)!);
  }
}

/** sha → goals of the tagged branches whose `base..branch` holds it (rule 3). */
export function branchGoalsBySha(branches: readonly ScannedBranch[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const branch of branches) {
    if (!branch.goal) continue;
    for (const sha of branch.unique) {
      const goals = map.get(sha);
      if (!goals) map.set(sha, [branch.goal.goal]);
      else if (!goals.includes(branch.goal.goal)) goals.push(branch.goal.goal);
    }
  }
  return map;
}

/** A local branch with unique commits, no branch goal and no explicit goal on them. */
export function isUntaggedBranch(branch: ScannedBranch): boolean {
  return !branch.remote && branch.unique.size > 0 && !branch.goal && branch.explicitCommits === 0;
}

/** DESIGN §3: commits ≥ untagged.commits or the oldest unique commit ≥ untagged.days old. */
export function isLongRunning(branch: ScannedBranch, strategy: Strategy, now: Date): boolean {
  if (!isUntaggedBranch(branch)) return false;
  const { commits, days } = strategy.settings.untagged;
  const age = branch.oldest ? (now.getTime() - Date.parse(branch.oldest)) / DAY : 0;
  return branch.unique.size >= commits || age >= days;
}
