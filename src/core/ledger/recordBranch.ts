// Writing the branch ledger (issue 12): when a branch is tagged (tag-branch, the editor's tag
// commands) and on every sync for each tagged local branch (and each deleted one the reflog
// recovers, recovered.ts), its tip gets a record: the goal, the merge base, the whole change's
// patch-id and one line per commit with its patch-id.
// Old records stay: they are facts about commits that may still be merged, squashed or rebased.
import { patternGoal } from '../attribution/branchGoal';
import { chooseBase, type GitRepo } from '../git';
import type { Strategy } from '../strategy/types';
import { commitLine, EMPTY_LEDGER, type Ledger, parseLedger, LEDGER_REF } from './record';
import { deletedBranchTips, recoverable } from './recovered';
import { recordLines, tipsFacts } from './tipFacts';

export interface BranchToRecord {
  name: string;
  goal: string;
}

export type RecordOutcome = 'recorded' | 'unchanged' | 'empty';

/**
 * Records `branch` at its current tip against `base` (a branch name or sha). `ledger`: the ledger
 * as read (a record already there for this tip, name and goal is not written again).
 */
export async function recordBranch(repo: GitRepo, branch: BranchToRecord, base: string, ledger?: Ledger): Promise<RecordOutcome> {
  const tip = await repo.refValue(`refs/heads/${branch.name}`);
  if (!tip) return 'empty';
  if (ledger?.branches.some((b) => b.tip === tip && b.name === branch.name && b.goal === branch.goal)) return 'unchanged';
  const facts = (await tipsFacts(repo, [tip], base)).get(tip);
  if (!facts) return 'empty';
  await repo.addLedgerLines(tip, recordLines(branch, facts));
  return 'recorded';
}

/**
 * Records the note-tagged commits the ledger does not list yet (sha, goals, patch-id, author time):
 * a teammate whose clone never had the commit (its branch rebase-merged and deleted) can then still
 * match the copy by patch-id. Each line is written on the commit itself. Returns how many were added.
 */
export async function recordNotedCommits(repo: GitRepo, strategy: Strategy, ledger: Ledger | undefined): Promise<number> {
  const notes = await repo.readAllGoalNotes(strategy.settings.trailer);
  const listed = new Set((ledger?.commits ?? []).map((c) => `${c.sha} ${c.goal}`));
  const missing = [...notes].filter(([sha, goals]) => goals.some((g) => !listed.has(`${sha} ${g}`))).map(([sha]) => sha);
  if (missing.length === 0) return 0;
  const times = await repo.authorTimes(missing);
  const ids = await repo.patchIds([...times.keys()].map((sha) => ({ sha })));
  for (const [sha, authorTime] of times) {
    await repo.addLedgerLines(
      sha,
      notes.get(sha)!.map((goal) => commitLine({ sha, goal, patchId: ids.get(sha), authorTime })),
    );
  }
  return times.size;
}

/**
 * Records every tagged local branch (git config, else the name pattern) but the base: what sync
 * does before publishing. Returns the names recorded at a new tip. `only`: that branch alone (a
 * commit moved just it), and no note-tagged commits (the sync records those).
 */
export async function recordTaggedBranches(repo: GitRepo, strategy: Strategy, only?: string): Promise<string[]> {
  const [listing, configGoals] = await Promise.all([repo.refs(), repo.branchGoals()]);
  const base = chooseBase(listing, strategy.settings.base);
  const ledger = listing.ledgerSha ? parseLedger(await repo.readNotesText(LEDGER_REF)) : undefined;
  if (!base) {
    await recordNotedCommits(repo, strategy, ledger);
    return [];
  }
  const baseInfo = listing.branches.find((b) => b.name === base);
  const baseShort = baseInfo?.remote ? base.slice(baseInfo.remote.length + 1) : base;
  const recorded: string[] = [];
  for (const branch of listing.branches) {
    if (branch.remote || branch.name === base || branch.name === baseShort || (only !== undefined && branch.name !== only)) continue;
    const goal = configGoals.get(branch.name) ?? patternGoal(strategy, branch.name);
    if (!goal) continue;
    if ((await recordBranch(repo, { name: branch.name, goal }, base, ledger)) === 'recorded') recorded.push(branch.name);
  }
  if (only !== undefined) return recorded;
  // Deleted branches the reflog remembers (worked on with plain git, never recorded): recorded so they travel.
  const lost = recoverable(deletedBranchTips(repo.root, listing, base), strategy, ledger ?? EMPTY_LEDGER);
  const facts = await tipsFacts(
    repo,
    lost.map((t) => t.tip),
    base,
  );
  for (const t of lost) {
    const known = facts.get(t.tip);
    if (!known) continue;
    await repo.addLedgerLines(t.tip, recordLines(t, known));
    recorded.push(t.name);
  }
  await recordNotedCommits(repo, strategy, ledger);
  return recorded;
}
