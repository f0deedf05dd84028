// A refresh in proportion to the change (issue 14's first step): the attribution of the previous
// scan brought forward to new commits and ref moves, when the other inputs (notes, ledger, strategy,
// branch config, base) are the same and the change cannot alter what an earlier commit inherits:
//   - every new commit is a read non-merge without a note;
//   - every branch that moved went forward by new commits only, onto its old tip; a new branch starts
//     from new commits on the base's history or from it; a deleted branch's tip was on the base's
//     history (its walks added nothing);
//   - no note-tagged commit becomes a patch candidate it was not (a copy of it among the new commits).
// Then the base's and the branches' walks, the merge ranges, the recorded and patch rules give the
// earlier commits exactly what they gave before; only the moved branches are walked again and only
// the new commits (and the commits whose branch goals changed) are attributed. Anything else: undefined,
// and the caller attributes the whole history (the result is the same, only slower).
import type { GitRepo } from '../git';
import type { RefListing } from '../git';
import type { BranchInfo } from '../git/types';
import type { CommitTable } from '../history/commitTable';
import type { HistoryCache } from '../history/historyCache';
import type { HistoryState } from '../history/cacheFile';
import type { Strategy } from '../strategy/types';
import { InheritRules } from '../attribution/inheritRules';
import { PatchCandidates } from '../attribution/patchCandidates';
import { knownPatchIds } from '../ledger/sources';
import { type Attributed, type AttributionMemo, readRows } from './attributeHistory';
import { baseBranchFilter, branchGoalsByRow, markReachable, type RowBranchGoals, scanBranch } from './branchScan';
import { HistoryView } from './historyView';

export interface RefreshInputs {
  repo: GitRepo;
  cache: HistoryCache;
  state: HistoryState;
  strategy: Strategy;
  listing: RefListing;
  base: string | undefined;
  configGoals: ReadonlyMap<string, string>;
}

export async function refreshAttribution(previous: Attributed, inputs: RefreshInputs): Promise<Attributed | undefined> {
  const { state, strategy, listing, base, configGoals } = inputs;
  const memo = previous.memo;
  const { table } = state;
  if (!memo || memo.table !== table || table.count < memo.count) return undefined;
  const from = memo.count;
  const to = table.count;
  if (readRows(table, 0, from) !== memo.readCount) return undefined;
  for (let row = from; row < to; row++) if (!table.isRead(row) || table.isMerge(row)) return undefined;
  for (let row = from; row < to; row++) if (state.notes.has(table.sha(row))) return undefined;
  // The previous view serves while no new author came (its notes are the same: no new commit has one).
  const view = previous.view.table === table && previous.view.knowsAllEmails() ? previous.view : new HistoryView(state);
  const moves = tipMoves(table, memo, listing.branches);
  if (!moves) return undefined;

  const { ledger } = memo.sources;
  let { patchIds } = memo.sources;
  const candidates = memo.candidates ?? new PatchCandidates(view, ledger);
  const fresh = candidates.needed(from, to).filter((sha) => !patchIds.has(sha));
  // A note-tagged commit needed for the first time: earlier commits may now match its patch-id.
  if (fresh.some((sha) => table.find(sha) < from)) return undefined;
  if (fresh.length > 0) patchIds = new Map([...patchIds, ...(await knownPatchIds(inputs.repo, inputs.cache, fresh))]);

  const movedTips = listing.branches.filter((b) => moves.changed.has(b.ref));
  const inBase = grown(memo.inBase, to);
  const baseInfo = listing.branches.find((b) => b.name === base);
  if (baseInfo && moves.changed.has(baseInfo.ref)) markReachable(table, [table.find(baseInfo.sha)], inBase);
  const reachable = grown(memo.reachable, to);
  markReachable(
    table,
    movedTips.map((b) => table.find(b.sha)),
    reachable,
  );

  let branches = previous.branches;
  let branchGoals = memo.branchGoals;
  if (base) {
    const isBase = baseBranchFilter(base, listing.branches);
    const known = new Map(previous.branches.map((b) => [branchKey(b), b]));
    branches = listing.branches
      .filter((b) => !isBase(b))
      .map((b) => {
        const before = known.get(branchKey(b));
        if (!before || moves.changed.has(b.ref)) return scanBranch(view, strategy, b, inBase, configGoals);
        return before.current === b.current ? before : { ...before, current: b.current };
      });
    if (moves.changed.size > 0 || moves.removed) branchGoals = branchGoalsByRow(table, branches);
  }

  // Built with fewer patch-ids than now only when those added are no note-tagged commit's: the same rules.
  let { rules } = memo;
  let inherited = memo.inherited;
  if (to > from) {
    rules ??= new InheritRules(view, ledger, patchIds);
    inherited = new Map(inherited);
    for (let row = from; row < to; row++) {
      const sha = table.sha(row);
      const got = rules.of(row, sha, patchIds.get(sha));
      if (got) inherited.set(row, got);
    }
  }

  const set = memo.set.grown(to);
  const attribute = (row: number) => {
    if (reachable[row] !== 0 && !table.isMerge(row)) set.set(view, row, branchGoals.get(row), inherited.get(row));
  };
  if (branchGoals !== memo.branchGoals) for (const row of changedRows(memo.branchGoals, branchGoals)) attribute(row);
  for (let row = from; row < to; row++) attribute(row);

  const next: AttributionMemo = {
    table,
    count: to,
    readCount: memo.readCount + (to - from),
    listing: listing.branches,
    sources: { ledger, patchIds },
    inBase,
    reachable,
    branchGoals,
    inherited,
    set,
    rules,
    candidates,
  };
  return { view, branches, of: set.of, attributions: set.list, memo: next };
}

/**
 * The refs whose tip is new or moved, when each went forward by new commits only (rows from
 * memo.count on) onto its old tip, or, for a new ref, onto the base's history; and whether a ref
 * went away (allowed only when its tip was on the base's history). Undefined for any other move.
 */
function tipMoves(
  table: CommitTable,
  memo: AttributionMemo,
  branches: readonly BranchInfo[],
): { changed: Set<string>; removed: boolean } | undefined {
  const before = new Map(memo.listing.map((b) => [b.ref, b]));
  const changed = new Set<string>();
  for (const b of branches) {
    const old = before.get(b.ref);
    before.delete(b.ref);
    if (old?.sha === b.sha) continue;
    let end = table.find(b.sha);
    while (end >= memo.count) end = table.parent1[end];
    if (end < 0 || (old ? end !== table.find(old.sha) : memo.inBase[end] === 0)) return undefined;
    changed.add(b.ref);
  }
  for (const gone of before.values()) {
    const row = table.find(gone.sha);
    if (row < 0 || row >= memo.count || memo.inBase[row] === 0) return undefined;
  }
  return { changed, removed: before.size > 0 };
}

/** Rows whose list of branch goals differs between the two maps. */
function changedRows(before: ReadonlyMap<number, RowBranchGoals>, after: ReadonlyMap<number, RowBranchGoals>): number[] {
  const rows: number[] = [];
  for (const [row, entry] of after) {
    const old = before.get(row);
    if (old?.viaIssue !== entry.viaIssue || !sameList(old.goals, entry.goals)) rows.push(row);
  }
  for (const row of before.keys()) if (!after.has(row)) rows.push(row);
  return rows;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));
}

function grown(marks: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  out.set(marks);
  return out;
}

function branchKey(b: { name: string; remote?: string }): string {
  return `${b.remote ?? ''}\0${b.name}`;
}
