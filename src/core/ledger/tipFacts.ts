// What a ledger record says about one branch tip besides its name and goal (issue 12): the merge
// base with the base branch, the whole change's patch-id (what a squash merge commits), the tip's
// committer time, and each commit's own patch-id and author time (what a rebase or cherry-pick
// keeps). They depend on the tip alone, so a deleted branch's tip found in the reflog is computed
// once and kept (recovered.ts).
import type { GitRepo } from '../git';
import { branchLine, commitLine, type RecordedCommit } from './record';
import type { BranchToRecord } from './recordBranch';

export interface TipFacts {
  base: string;
  /** Patch-id of base..tip, undefined when the change is empty. */
  patchId?: string;
  time: number;
  commits: Omit<RecordedCommit, 'goal'>[];
}

/**
 * The facts of `tip` against `base` (a branch name or sha); null when base..tip holds no commit (the
 * base has it all: for good), undefined when git finds no merge base (unrelated, or not here).
 */
export async function tipFacts(repo: GitRepo, tip: string, base: string): Promise<TipFacts | null | undefined> {
  const baseSha = await repo.mergeBase(base, tip);
  if (!baseSha) return undefined;
  if (baseSha === tip) return null;
  const commits = await repo.commitsBetween(baseSha, tip);
  if (commits.length === 0) return null;
  const ids = await repo.patchIds([...commits.map(([sha]) => ({ sha })), { sha: tip, base: baseSha }]);
  return {
    base: baseSha,
    patchId: ids.get(`${baseSha}..${tip}`),
    time: await repo.committerTime(tip),
    commits: commits.map(([sha, authorTime]) => ({ sha, patchId: ids.get(sha), authorTime })),
  };
}

/** The ledger lines of `branch` at a tip with these facts. */
export function recordLines(branch: BranchToRecord, facts: TipFacts): string[] {
  return [
    branchLine({ name: branch.name, goal: branch.goal, base: facts.base, patchId: facts.patchId, time: facts.time }),
    ...facts.commits.map((c) => commitLine({ ...c, goal: branch.goal })),
  ];
}
