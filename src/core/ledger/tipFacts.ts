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
 * The facts of each of `tips` against `base` (a branch name or sha), in a fixed number of git
 * processes however many tips; null when base..tip holds no commit to match (the base has it all,
 * git does not have the tip, or it shares no history with the base).
 */
export async function tipsFacts(repo: GitRepo, tips: readonly string[], base: string): Promise<Map<string, TipFacts | null>> {
  const out = new Map<string, TipFacts | null>();
  if (tips.length === 0) return out;
  const graph = new Map((await repo.commitGraph([...tips, `^${base}`])).map((c) => [c.sha, c]));
  const found: { tip: string; base: string; commits: [string, number][] }[] = [];
  for (const tip of tips) {
    if (!graph.has(tip)) {
      out.set(tip, null);
      continue;
    }
    // base..tip: what the tip reaches outside the base; its edge is the merge base when there is one.
    const commits: [string, number][] = [];
    const edge = new Set<string>();
    const seen = new Set<string>();
    for (const stack = [tip]; stack.length > 0;) {
      const c = graph.get(stack.pop()!)!;
      if (seen.has(c.sha)) continue;
      seen.add(c.sha);
      if (c.parents.length <= 1) commits.push([c.sha, c.authorTime]);
      for (const p of c.parents) {
        if (graph.has(p)) stack.push(p);
        else edge.add(p);
      }
    }
    const mergeBase = edge.size === 1 ? [...edge][0] : edge.size === 0 ? '' : await repo.mergeBase(base, tip);
    if (mergeBase && commits.length > 0) found.push({ tip, base: mergeBase, commits });
    else out.set(tip, null); // unrelated histories, or only merges: nothing a squash or rebase could copy
  }
  const ids = await repo.patchIds(found.flatMap((f) => [...f.commits.map(([sha]) => ({ sha })), { sha: f.tip, base: f.base }]));
  for (const f of found) {
    out.set(f.tip, {
      base: f.base,
      patchId: ids.get(`${f.base}..${f.tip}`),
      time: graph.get(f.tip)!.committerTime,
      commits: f.commits.map(([sha, authorTime]) => ({ sha, patchId: ids.get(sha), authorTime })),
    });
  }
  return out;
}

/** The ledger lines of `branch` at a tip with these facts. */
export function recordLines(branch: BranchToRecord, facts: TipFacts): string[] {
  return [
    branchLine({ name: branch.name, goal: branch.goal, base: facts.base, patchId: facts.patchId, time: facts.time }),
    ...facts.commits.map((c) => commitLine({ ...c, goal: branch.goal })),
  ];
}
