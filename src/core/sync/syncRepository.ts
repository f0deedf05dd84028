// The whole sync as the CLI and the editor run it (issue 12): record this clone's tagged branches
// in the ledger, exchange tags with the remote, and (when publishing) set notes.rewriteRef.
import type { GitRepo } from '../git';
import { recordTaggedBranches } from '../ledger/recordBranch';
import type { Strategy } from '../strategy/types';
import { conflictLine, LEDGER_REF } from '../ledger/record';
import { ensureNotesRewrite, type SyncResult, syncTags } from './sync';

export interface RepositorySync extends SyncResult {
  /** Local branches recorded at a new tip by this sync. */
  recorded: string[];
}

/** push: false (report/check --fetch) only brings the team's tags in; nothing local is recorded or set. */
export async function syncRepository(
  repo: GitRepo,
  strategy: Strategy,
  options: { remote?: string; push: boolean },
): Promise<RepositorySync> {
  const ledgerBefore = await repo.refValue(LEDGER_REF);
  const recorded = options.push ? await recordTaggedBranches(repo, strategy) : [];
  const ledgerRecorded = await repo.refValue(LEDGER_REF);
  let result: SyncResult;
  try {
    result = await syncTags(repo, { ...options, trailerKey: strategy.settings.trailer });
  } catch (error) {
    // A failed sync changes nothing: the records just written are taken back (unless the ledger
    // moved again meanwhile); the next sync or tag writes them again.
    if (ledgerRecorded !== ledgerBefore)
      await repo.compareAndSwap(LEDGER_REF, ledgerBefore, ledgerRecorded, 'sync failed').catch(() => undefined);
    throw error;
  }
  if (options.push) await ensureNotesRewrite(repo);
  // Conflicts are remembered in the ledger (published by the next sync), so every report warns of
  // them until someone settles the commit's goal.
  for (const c of result.conflicts) await repo.addLedgerLines(c.sha, [conflictLine(c.sha, [...c.ours, ...c.theirs])]);
  return { ...result, recorded };
}
