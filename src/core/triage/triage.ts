// Reading the triage queue from one scan (the attribution the report counts with) and accepting
// items as goal notes through the safe note writer (notesBatch.ts: compare-and-swap, never over a
// note with other goals). The CLI's `triage` and the editor's Review Untagged Work both come here.
import type { Attribution } from '../attribution/attribute';
import type { GitRepo } from '../git';
import type { NoteOutcome } from '../git/notesBatch';
import type { LogCommit } from '../git/types';
import type { HistoryCache } from '../history/historyCache';
import { scanRepository } from '../scan/scan';
import type { Strategy } from '../strategy/types';
import { ensureNotesRewrite } from '../sync/sync';
import { buildTriageQueue, type TriageItem, type TriageQueue } from './queue';

export interface TriageOptions {
  cache?: HistoryCache;
  /** The report's range (default 90d). */
  since?: string;
  now?: Date;
}

export interface TriageRead {
  queue: TriageQueue;
  /** Every branch the scan saw and the base: the names a person may ask for. */
  branchNames: string[];
}

export async function readTriageQueue(repo: GitRepo, strategy: Strategy, options: TriageOptions = {}): Promise<TriageRead> {
  const commits: { commit: LogCommit; attribution: Attribution }[] = [];
  const scan = await scanRepository(repo, strategy, {
    cache: options.cache,
    since: options.since,
    now: options.now,
    onCommit: (commit, attribution) => commits.push({ commit, attribution }),
  });
  const files = new Map<string, string[]>();
  if (strategy.goals.some((g) => g.match.paths.length > 0)) {
    const untagged = commits.filter((c) => c.attribution.source === 'untagged').map((c) => c.commit.sha);
    await repo.readNumstat(
      untagged,
      (sha) => files.set(sha, []),
      (sha, _added, _deleted, path) => files.get(sha)?.push(path),
    );
  }
  const queue = buildTriageQueue({ strategy, branches: scan.branches, base: scan.base, commits, files });
  const branchNames = [...scan.branches.map((b) => b.name), ...(scan.base ? [scan.base] : [])];
  return { queue, branchNames };
}

export interface Accepted {
  item: TriageItem;
  /** written: the note is there now; same: it already said this goal; kept: it names other goals, left as it is. */
  outcome: NoteOutcome;
}

/** Writes each item's goal as a note on refs/notes/goals (one change), keeping notes across rebases. */
export async function acceptTriage(repo: GitRepo, strategy: Strategy, items: readonly TriageItem[]): Promise<Accepted[]> {
  if (items.length === 0) return [];
  const outcomes = await repo.addGoalNotes(
    items.map((item) => ({ sha: item.sha, goals: [item.goal] })),
    strategy.settings.trailer,
  );
  await ensureNotesRewrite(repo);
  return items.map((item, i) => ({ item, outcome: outcomes[i] }));
}
