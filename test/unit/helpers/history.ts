// Reads commits back through the product's own history read (the one streaming `git log` into the
// commit table, notes beside it), as LogCommit objects, for tests.
import type { GitRepo } from '../../../src/core/git';
import type { HistoryState } from '../../../src/core/history/cacheFile';
import type { LogCommit } from '../../../src/core/git/types';
import { HistoryCache } from '../../../src/core/history/historyCache';
import { HistoryView } from '../../../src/core/scan/historyView';

/** Every non-merge commit reachable from the branches (or from `tips`), by sha, read cold. */
export async function readCommits(repo: GitRepo, trailerKey = 'Goal', tips?: string[]): Promise<Map<string, LogCommit>> {
  const listing = await repo.refs();
  const { state } = await new HistoryCache().update(repo, trailerKey, tips ?? listing.branches.map((b) => b.sha), listing.notesSha ?? null);
  const view = new HistoryView(state);
  const out = new Map<string, LogCommit>();
  for (let row = 0; row < state.table.count; row++) {
    if (state.table.isRead(row) && !state.table.isMerge(row)) out.set(state.table.sha(row), view.commit(row));
  }
  return out;
}

/** The history of every branch, read cold into a fresh cache, without the notes. */
export async function branchHistory(repo: GitRepo, trailerKey = 'Goal'): Promise<HistoryState> {
  const listing = await repo.refs();
  return (
    await new HistoryCache().update(
      repo,
      trailerKey,
      listing.branches.map((b) => b.sha),
      null,
    )
  ).state;
}
