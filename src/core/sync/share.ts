// What the editor needs to share tags (issue 12): how many tags a sync brought in and sent out, how
// many are not yet published (the Goals view's hint), when a push, pull or fetch has happened (the
// remote's tracking branches moved), and whether to sync after one (the setting and the answer given
// for the repository). A sync itself moves only notes refs and refs/strategy-align/*, never a
// tracking branch, so the editor's sync-after-push cannot trigger itself.
import type { GitRepo, RefListing } from '../git';
import { count, plural } from '../render/format';
import { SyncError, type SyncResult, trackingRef, unpublishedRefs } from './sync';

export const SYNC_MODES = ['ask', 'always', 'never'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];
/** What someone answered when asked (ask mode), remembered per repository. */
export type SyncAnswer = 'always' | 'never';
export type AutoSyncStep = 'sync' | 'ask' | 'skip';

export function syncMode(value: unknown): SyncMode {
  return SYNC_MODES.find((m) => m === value) ?? 'ask';
}

/**
 * After a push, pull or fetch: `always` syncs, `never` does not; `ask` follows the answer given for
 * the repository, else asks (once a session: "Not now" lasts until the editor restarts).
 */
export function autoSyncStep(mode: SyncMode, answer: SyncAnswer | undefined, askedThisSession: boolean): AutoSyncStep {
  if (mode !== 'ask') return mode === 'always' ? 'sync' : 'skip';
  if (answer) return answer === 'always' ? 'sync' : 'skip';
  return askedThisSession ? 'skip' : 'ask';
}

/** The remote's tracking branches as one string: a push, pull or fetch that moved one changes it. */
export function trackingState(listing: RefListing, remote: string): string {
  return listing.branches
    .filter((b) => b.remote === remote)
    .map((b) => `${b.name} ${b.sha}`)
    .sort()
    .join('\n');
}

/** Tags counted as commits whose note changed, over both shared refs (a commit noted in both is one tag). */
async function countChanged(repo: GitRepo, pairs: readonly [from: string, to: string][]): Promise<number> {
  const shas = new Set<string>();
  for (const [from, to] of pairs) for (const sha of await repo.changedNotes(from, to)) shas.add(sha);
  return shas.size;
}

/** What one sync brought in (the merge against the local notes) and sent out (against the remote's). */
export async function syncCounts(repo: GitRepo, result: SyncResult): Promise<{ in: number; out: number }> {
  return {
    in: await countChanged(
      repo,
      result.refs.map((r) => [r.ours, r.merged]),
    ),
    out: await countChanged(
      repo,
      result.refs.filter((r) => r.pushed).map((r) => [r.theirs, r.merged]),
    ),
  };
}

/** Tags this clone holds that `remote` has not seen as of the last sync (local refs only, no network). */
export async function unpublishedTags(repo: GitRepo, remote: string): Promise<number> {
  const refs = await unpublishedRefs(repo, remote);
  const pairs = await Promise.all(
    refs.map(async (ref) => [await repo.refValue(trackingRef(remote, ref)), await repo.refValue(ref)] as [string, string]),
  );
  return countChanged(repo, pairs);
}

/** One line for the result of a sync, e.g. "Tags synced with origin: 3 in, 2 out". */
export function syncSummary(result: SyncResult, counts: { in: number; out: number }): string {
  const moved = counts.in || counts.out ? `${plural(counts.in, 'tag')} in, ${count(counts.out)} out` : 'nothing new';
  const split = result.conflicts.length;
  const conflicts = split
    ? `; ${plural(split, 'commit')} ${split === 1 ? 'was' : 'were'} given different goals on two clones, both kept (tag ${split === 1 ? 'it' : 'them'} to settle)`
    : '';
  return `Tags synced with ${result.remote}: ${moved}${conflicts}`;
}

/** One line for a failed sync, without a stack: what went wrong and that nothing changed. */
export function syncFailure(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return error instanceof SyncError ? `Could not sync tags: ${text}. Nothing was changed.` : `Could not sync tags: ${text}`;
}
