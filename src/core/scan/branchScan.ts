// Per-branch facts the attribution needs: the commits in `base..branch`, the branch's goal and
// whether it is long-running untagged work (DESIGN §3).
import { explicitGoals } from '../attribution/attribute';
import { type BranchGoal, resolveBranchGoal, shortName } from '../attribution/branchGoal';
import type { GitRepo } from '../git';
import type { BranchInfo } from '../git/types';
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
  /** Subjects of the unique commits (for goal suggestions), at most a few. */
  subjects: string[];
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
  base: string | undefined,
  branches: readonly BranchInfo[],
  configGoals: ReadonlyMap<string, string>,
): Promise<ScannedBranch[]> {
  if (!base) return [];
  const isBase = baseBranchFilter(base, branches);
  const out: ScannedBranch[] = [];
  for (const branch of branches) {
    if (isBase(branch)) continue;
    const scanned: ScannedBranch = {
      name: branch.name, remote: branch.remote, current: branch.current,
      unique: new Set(), explicitCommits: 0, subjects: [],
    };
    const explicitSets: string[][] = [];
    for await (const commit of repo.log({ revs: [`${base}..${branch.ref}`], trailerKey: strategy.settings.trailer })) {
      scanned.unique.add(commit.sha);
      if (scanned.subjects.length < SUBJECTS_KEPT) scanned.subjects.push(commit.subject);
      if (!scanned.oldest || Date.parse(commit.authorDate) < Date.parse(scanned.oldest)) scanned.oldest = commit.authorDate;
      if (!scanned.newest || Date.parse(commit.authorDate) > Date.parse(scanned.newest)) scanned.newest = commit.authorDate;
      const explicit = explicitGoals(commit);
      if (explicit) {
        scanned.explicitCommits++;
        explicitSets.push(explicit.goals);
      }
    }
    const configGoal = branch.remote ? undefined : configGoals.get(branch.name);
    scanned.goal = resolveBranchGoal(strategy, branch, configGoal, explicitSets);
    out.push(scanned);
  }
  return out;
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
