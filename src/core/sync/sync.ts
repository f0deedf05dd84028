// `strategy-align sync` (issue 12): this clone's tags out to a remote and the team's in, safely.
//  1. fetch the remote's refs/notes/goals and refs/notes/goals-branches into private refs (never
//     over the local ones: a forced `+refs/notes/*:refs/notes/*` silently drops unpushed notes);
//  2. merge each into the local notes, three-way (git's cat_sort_uniq: a note changed on one side is
//     taken, on both sides the lines of both are kept, each once);
//  3. push the merged notes WITHOUT force (a rejection means someone pushed meanwhile: back to 1,
//     a bounded number of times), then move the local refs by compare-and-swap.
// A failure before step 3 succeeds changes none of the local notes refs. The editor calls syncTags
// after a push or pull; `report --fetch` calls it with push: false.
import { randomBytes } from 'node:crypto';
import { GitError, type GitRepo, NOTES_REF } from '../git';
import { goalLinesIn } from '../git/goalLines';
import { LEDGER_REF } from '../ledger/record';

export const SHARED_REFS = [NOTES_REF, LEDGER_REF] as const;

/** Where the remote's notes are remembered after a sync (what "published" compares against). */
export function trackingRef(remote: string, ref: string): string {
  return `refs/strategy-align/remotes/${remote}/${ref.slice('refs/notes/'.length)}`;
}

export class SyncError extends Error {}

export interface SyncOptions {
  remote?: string;
  /** false: fetch and merge only (report/check --fetch). */
  push?: boolean;
  /** The goal key of the notes (settings.trailer), to name conflicting goals. */
  trailerKey?: string;
  /** Fetch-merge-push rounds before giving up when others keep pushing. */
  attempts?: number;
}

export interface SyncResult {
  remote: string;
  /**
   * Per shared ref: whether this sync changed the local ref and whether it pushed; the local value
   * before the merge (`ours`), the remote's (`theirs`) and the merge (`merged`), '' for none.
   */
  refs: { ref: string; updatedLocal: boolean; pushed: boolean; ours: string; theirs: string; merged: string }[];
  /** Commits whose goal note was changed differently on both sides: both goals are kept (split). */
  conflicts: { sha: string; ours: string[]; theirs: string[] }[];
  attempts: number;
}

/** The remote to sync with: the one named, else `origin`, else the only one. */
export async function chooseRemote(repo: GitRepo, wanted?: string): Promise<string> {
  const remotes = await repo.remotes();
  if (wanted) {
    if (!remotes.includes(wanted)) throw new SyncError(`no remote '${wanted}' (remotes: ${remotes.join(', ') || 'none'})`);
    return wanted;
  }
  if (remotes.includes('origin')) return 'origin';
  if (remotes.length === 1) return remotes[0];
  throw new SyncError(
    remotes.length === 0
      ? 'this clone has no remote to sync tags with (git remote add origin URL)'
      : `several remotes (${remotes.join(', ')}): pass --remote NAME`,
  );
}

export async function syncTags(repo: GitRepo, options: SyncOptions = {}): Promise<SyncResult> {
  const remote = await chooseRemote(repo, options.remote);
  const push = options.push ?? true;
  const attempts = options.attempts ?? 12;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const prefix = `refs/strategy-align/fetch/${process.pid}-${randomBytes(6).toString('hex')}/`;
    try {
      try {
        await repo.fetchNotes(remote, prefix);
      } catch (error) {
        throw new SyncError(`cannot fetch tags from '${remote}': ${reason(error)}`);
      }
      const plan = [];
      for (const ref of SHARED_REFS) {
        const [ours, theirs] = await Promise.all([repo.refValue(ref), repo.refValue(`${prefix}goals${ref.slice(NOTES_REF.length)}`)]);
        plan.push({ ref, ours, theirs, merged: await repo.mergeNotes(ours, theirs) });
      }
      const notes = plan[0];
      const conflicts =
        notes.merged !== notes.ours && notes.merged !== notes.theirs
          ? await conflictsOf(repo, notes.ours, notes.theirs, options.trailerKey ?? 'Goal')
          : [];
      const toPush = push ? plan.filter((p) => p.merged && p.merged !== p.theirs) : [];
      if (toPush.length > 0) {
        let outcome;
        try {
          outcome = await repo.pushNotes(
            remote,
            toPush.map((p) => ({ sha: p.merged, ref: p.ref })),
          );
        } catch (error) {
          throw new SyncError(`cannot push tags to '${remote}': ${reason(error)}`);
        }
        if (outcome === 'moved') {
          await pause(attempt);
          continue;
        }
      }
      let movedLocally = false;
      for (const p of plan) {
        if (p.merged === p.ours) continue;
        try {
          await repo.compareAndSwap(p.ref, p.merged, p.ours, `sync with ${remote}`);
        } catch (error) {
          if (!(error instanceof GitError) || error.kind !== 'locked') throw error;
          movedLocally = true; // tagged here meanwhile: merge again (what was pushed stays pushed)
        }
      }
      if (movedLocally) continue;
      for (const p of plan) {
        const published = push ? p.merged : p.theirs;
        const tracking = trackingRef(remote, p.ref);
        if (published)
          await repo
            .refValue(tracking)
            .then((old) => repo.compareAndSwap(tracking, published, old, 'published'))
            .catch(() => undefined);
      }
      return {
        remote,
        refs: plan.map((p) => ({
          ref: p.ref,
          updatedLocal: p.merged !== p.ours,
          pushed: toPush.includes(p),
          ours: p.ours,
          theirs: p.theirs,
          merged: p.merged,
        })),
        conflicts,
        attempts: attempt,
      };
    } finally {
      await repo.deleteRefsUnder(prefix.slice(0, -1)).catch(() => undefined);
    }
  }
  throw new SyncError(
    `'${remote}' kept moving: ${attempts} rounds of fetch, merge and push were all overtaken; nothing was lost, run sync again`,
  );
}

/** Commits whose goal notes both sides changed since their common notes, to different goals. */
async function conflictsOf(repo: GitRepo, ours: string, theirs: string, key: string): Promise<SyncResult['conflicts']> {
  const base = await repo.mergeBase(ours, theirs);
  const [b, o, t] = await Promise.all([
    base ? repo.readNotesText(base) : new Map<string, string>(),
    repo.readNotesText(ours),
    repo.readNotesText(theirs),
  ]);
  const out: SyncResult['conflicts'] = [];
  for (const [sha, text] of o) {
    const other = t.get(sha);
    if (other === undefined || other === text || b.get(sha) === text || b.get(sha) === other) continue;
    const [og, tg] = [goalLinesIn(text, key), goalLinesIn(other, key)];
    if (og.join() !== tg.join()) out.push({ sha, ours: og, theirs: tg });
  }
  return out;
}

/** Sets notes.rewriteRef so `git rebase` and `git commit --amend` carry goal notes to the new commits. */
export async function ensureNotesRewrite(repo: GitRepo): Promise<boolean> {
  const values = await repo.configValues('notes.rewriteRef');
  if (values.includes(NOTES_REF)) return false;
  await repo.addConfigValue('notes.rewriteRef', NOTES_REF);
  return true;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/^git \w+: /, '');
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(400, 10 * 2 ** attempt) * (0.5 + Math.random())));
}

/**
 * Whether this clone holds tags the remote has not seen (as of the last sync): per shared ref, the
 * local notes differ from what the last sync published or fetched and do not lie inside it. For the
 * Goals view's "not yet published" hint; reads only local refs (no network).
 */
export async function unpublishedRefs(repo: GitRepo, remote: string): Promise<string[]> {
  const out: string[] = [];
  for (const ref of SHARED_REFS) {
    const [local, published] = await Promise.all([repo.refValue(ref), repo.refValue(trackingRef(remote, ref))]);
    if (!local || local === published) continue;
    if (published && (await repo.mergeBase(local, published)) === local) continue; // already contained
    out.push(ref);
  }
  return out;
}
