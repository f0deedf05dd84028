// What tagging a branch records beyond git config (issue 12): the branch's current commits in the
// ledger, and notes.rewriteRef. The CLI's tag-branch and the editor's tag commands call this after
// setting branch.<name>.goal.
import { chooseBase, type GitRepo } from '../git';
import type { Strategy } from '../strategy/types';
import { ensureNotesRewrite } from '../sync/sync';
import { recordBranch, type RecordOutcome } from './recordBranch';

export async function tagBranchAndRecord(repo: GitRepo, strategy: Strategy, branch: string, goal: string): Promise<RecordOutcome> {
  await ensureNotesRewrite(repo);
  const base = chooseBase(await repo.refs(), strategy.settings.base);
  if (!base || base === branch) return 'empty';
  return recordBranch(repo, { name: branch, goal }, base);
}
