// The branch ledger (issue 12): a shared record of branch tags that outlives the branch. Notes on
// `refs/notes/goals-branches`, one per recorded branch tip, one self-contained fact per line, so
// that the union of two notes (git's cat_sort_uniq merge: lines sorted, each once) is exactly the
// union of their facts:
//
//   Branch: <goal> <base> <patch-id|-> <tip committer time> <branch name>
//   Commit: <goal> <sha> <patch-id|-> <author time>
//   Conflict: <sha> <goal>,<goal>…      (sync: two clones gave the commit's note different goals)
//
// `base` is the merge base with the base branch when recorded; the Branch line's patch-id is the
// whole change base..tip (what a squash merge commits), a Commit line's is that commit's own change
// (what a rebase or cherry-pick keeps). Author times travel along so a clone only computes the
// patch-ids of its commits that could match (a rebase or cherry-pick keeps the author date).
export { LEDGER_REF } from '../git/log';

export interface RecordedBranch {
  name: string;
  goal: string;
  tip: string;
  base: string;
  /** Patch-id of base..tip, undefined when the change is empty. */
  patchId?: string;
  /** Committer time of the tip (seconds): a squash of this change is committed after it. */
  time: number;
}

export interface RecordedCommit {
  sha: string;
  goal: string;
  patchId?: string;
  authorTime: number;
}

export interface Ledger {
  branches: RecordedBranch[];
  commits: RecordedCommit[];
  /** Commits whose goal note two clones changed to different goals (both kept); optional for older callers. */
  conflicts?: { sha: string; goals: string[] }[];
}

export const EMPTY_LEDGER: Ledger = { branches: [], commits: [] };

const SHA = '[0-9a-f]{40,64}';
const GOAL = '[a-z0-9][a-z0-9-]{0,62}';
const BRANCH_LINE = new RegExp(`^Branch: (${GOAL}) (${SHA}) (${SHA}|-) (\\d+) (\\S+)$`);
const COMMIT_LINE = new RegExp(`^Commit: (${GOAL}) (${SHA}) (${SHA}|-) (-?\\d+)$`);
const CONFLICT_LINE = new RegExp(`^Conflict: (${SHA}) (${GOAL}(?:,${GOAL})+)$`);

export function conflictLine(sha: string, goals: readonly string[]): string {
  return `Conflict: ${sha} ${[...new Set(goals)].sort().join(',')}`;
}

export function branchLine(b: Omit<RecordedBranch, 'tip'>): string {
  return `Branch: ${b.goal} ${b.base} ${b.patchId ?? '-'} ${b.time} ${b.name}`;
}

export function commitLine(c: RecordedCommit): string {
  return `Commit: ${c.goal} ${c.sha} ${c.patchId ?? '-'} ${c.authorTime}`;
}

/** The facts of one note on `tip`, added to `into`; lines of another shape are skipped (a newer writer's). */
export function parseRecord(tip: string, text: string, into: Ledger): void {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m = BRANCH_LINE.exec(line);
    if (m) {
      into.branches.push({ goal: m[1], base: m[2], patchId: m[3] === '-' ? undefined : m[3], time: Number(m[4]), name: m[5], tip });
      continue;
    }
    m = COMMIT_LINE.exec(line);
    if (m) into.commits.push({ goal: m[1], sha: m[2], patchId: m[3] === '-' ? undefined : m[3], authorTime: Number(m[4]) });
    m = CONFLICT_LINE.exec(line);
    if (m) (into.conflicts ??= []).push({ sha: m[1], goals: m[2].split(',') });
  }
}

export function parseLedger(notes: ReadonlyMap<string, string>): Ledger {
  const ledger: Ledger = { branches: [], commits: [] };
  for (const [tip, text] of notes) parseRecord(tip, text, ledger);
  return ledger;
}

/**
 * The goal a branch name was last recorded with (the newest record of that name wins: a name reused
 * for other work takes its newest tag), else undefined.
 */
export function recordedGoalByName(ledger: Ledger): Map<string, string> {
  const newest = new Map<string, RecordedBranch>();
  for (const b of ledger.branches) {
    const known = newest.get(b.name);
    if (!known || b.time > known.time || (b.time === known.time && b.goal < known.goal)) newest.set(b.name, b);
  }
  return new Map([...newest].map(([name, b]) => [name, b.goal]));
}
