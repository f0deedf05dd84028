// Attribution that survives the branch (issue 12, DESIGN §3 rule 3 "once merged"): after a note,
// trailers and a live tagged branch, in this order:
//   merge     the commits a merge M brings in (M^1..M^2) take M's goal: a note on M, else a trailer
//             on M, else the branch its subject names (the ledger's record of that tip, live config, the ledger's
//             newest record of that name, branchPattern). A merge inside that range with a goal of
//             its own gives its range that goal instead;
//   recorded  the ledger lists the commit itself (fast-forward merges, deleted branches);
//   patch     its patch-id equals a recorded commit's, or a note-tagged commit's (rebase, cherry-pick);
//   squash    its patch-id equals a recorded branch's whole change (squash merge).
// A merge of an untagged branch, or a commit whose patch-id matches nothing, stays untagged.
import type { HistoryView } from '../scan/historyView';
import type { Strategy } from '../strategy/types';
import type { Ledger } from '../ledger/record';
import { recordedGoalByName } from '../ledger/record';
import type { Attribution } from './attribute';
import { patternGoal } from './branchGoal';
import { mergedBranch } from './mergeSubject';

export type InheritedSource = 'merge' | 'recorded' | 'patch' | 'squash';

export interface InheritInputs {
  view: HistoryView;
  strategy: Strategy;
  ledger: Ledger;
  /** branch.<name>.goal of the local branches. */
  configGoals: ReadonlyMap<string, string>;
  /** Rows to walk the merges from, the base's tip first. */
  tips: readonly number[];
  /** sha → patch-id, for the shas patchIdsNeeded named (a missing one: an empty change). */
  patchIds: ReadonlyMap<string, string | null>;
}

/** Rows without goals written on the commit itself (no note, no trailer, no Goal line). */
function unwritten(view: HistoryView, row: number): boolean {
  return view.table.goals[row] === 0 && !view.notes.has(row);
}

/**
 * The shas whose own patch-id the patch and squash rules need: nothing when the ledger and the notes
 * give nothing to match. Candidates are commits without written goals that could be a copy: with an
 * author time a recorded or note-tagged commit has (rebase and cherry-pick keep it), or committed
 * after a recorded branch's tip (a squash); and the note-tagged commits those times came from.
 */
export function patchIdsNeeded(view: HistoryView, ledger: Ledger): string[] {
  const { table } = view;
  const times = new Set<number>();
  for (const c of ledger.commits) if (c.patchId) times.add(c.authorTime);
  const noted: number[] = [];
  for (const row of view.notes.keys()) {
    if (!table.isRead(row) || table.isMerge(row)) continue;
    noted.push(row);
    times.add(table.authorTime[row]);
  }
  let squashAfter = Infinity;
  for (const b of ledger.branches) if (b.patchId && b.time < squashAfter) squashAfter = b.time;
  if (times.size === 0 && squashAfter === Infinity) return [];
  const recorded = new Set(ledger.commits.map((c) => c.sha));
  const shas: string[] = [];
  const notedTimes = new Set<number>();
  for (let row = 0; row < table.count; row++) {
    if (!table.isRead(row) || table.isMerge(row) || !unwritten(view, row)) continue;
    const copy = times.has(table.authorTime[row]);
    if (!copy && table.committerTime[row] < squashAfter) continue;
    const sha = table.sha(row);
    if (recorded.has(sha)) continue;
    shas.push(sha);
    if (copy) notedTimes.add(table.authorTime[row]);
  }
  if (shas.length === 0) return [];
  for (const row of noted) if (notedTimes.has(table.authorTime[row])) shas.push(table.sha(row));
  return shas;
}

/** Row → the inherited attribution of every commit without written goals that one of the four rules reaches. */
export function inheritedGoals(inputs: InheritInputs): Map<number, Attribution> {
  const { view, ledger, patchIds } = inputs;
  const { table } = view;
  const out = new Map<number, Attribution>();
  const give = (row: number, source: InheritedSource, goals: readonly string[]) => {
    if (row < 0 || out.has(row) || goals.length === 0 || !table.isRead(row) || table.isMerge(row) || !unwritten(view, row)) return;
    out.set(row, { source, goals: [...new Set(goals)].sort() });
  };
  for (const [row, goals] of mergeRanges(inputs)) give(row, 'merge', goals);

  const byCommit = new Map<string, string[]>();
  const byPatch = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, goal: string) => {
    const goals = map.get(key);
    if (!goals) map.set(key, [goal]);
    else if (!goals.includes(goal)) goals.push(goal);
  };
  for (const c of ledger.commits) {
    add(byCommit, c.sha, c.goal);
    // A commit this clone has a note on: its note says its goals now (it may have been tagged again).
    const noted = c.patchId ? view.notes.get(table.find(c.sha)) : undefined;
    if (c.patchId) for (const goal of noted ?? [c.goal]) add(byPatch, c.patchId, goal);
  }
  for (const [sha, goals] of byCommit) give(table.find(sha), 'recorded', goals);
  if (patchIds.size === 0) return out;

  for (const [row, goals] of view.notes) {
    const id = patchIds.get(table.sha(row));
    if (id) for (const goal of goals) add(byPatch, id, goal);
  }
  const bySquash = new Map<string, string[]>();
  for (const b of ledger.branches) if (b.patchId) add(bySquash, b.patchId, b.goal);
  for (const [sha, id] of patchIds) {
    if (!id) continue;
    const row = table.find(sha);
    const patch = byPatch.get(id);
    if (patch) give(row, 'patch', patch);
    const squash = bySquash.get(id);
    if (squash) give(row, 'squash', squash);
  }
  return out;
}

/** The goals of a merge commit: its note, else its trailers, else the branch its subject names. */
function mergeGoals(inputs: InheritInputs, byTip: Map<string, string[]>, byName: Map<string, string>, row: number): string[] | undefined {
  const { view, strategy, configGoals } = inputs;
  const note = view.notes.get(row);
  if (note && note.length > 0) return note;
  const { trailerGoals } = view.goalsOf(row);
  if (trailerGoals.length > 0) return [...trailerGoals];
  const merged = mergedBranch(view.table.subject(row));
  if (!merged) return undefined;
  const p2 = view.table.parent2[row];
  const recorded = p2 >= 0 ? byTip.get(view.table.sha(p2)) : undefined;
  if (recorded) return recorded;
  const goal = configGoals.get(merged.name) ?? byName.get(merged.name) ?? patternGoal(strategy, merged.name);
  return goal ? [goal] : undefined;
}

/**
 * Row → goals for every commit a goal-giving merge brings in. One walk of the graph: each tip's
 * first-parent chain oldest first, marking what it reaches; at a merge, whatever its other parents
 * reach unmarked is exactly M^1..M^2 (all of M^1's history is marked by then), walked the same way
 * with the merge's goal (or the enclosing one) handed down. No walk at all when no merge has a goal.
 */
function mergeRanges(inputs: InheritInputs): Map<number, string[]> {
  const { view, ledger } = inputs;
  const { table } = view;
  const byTip = new Map<string, string[]>();
  for (const b of ledger.branches) byTip.set(b.tip, [...new Set([...(byTip.get(b.tip) ?? []), b.goal])]);
  const byName = recordedGoalByName(ledger);
  const goals: (string[] | undefined)[] = [];
  const goalOf = new Map<number, number>(); // merge row → index into goals
  for (let row = 0; row < table.count; row++) {
    if (!table.isMerge(row) || !table.isRead(row)) continue;
    const g = mergeGoals(inputs, byTip, byName, row);
    if (g) goalOf.set(row, goals.push(g) - 1);
  }
  const out = new Map<number, string[]>();
  if (goalOf.size === 0) return out;
  const marks = new Uint8Array(table.count);
  // A frame: a first-parent chain (newest first), where it has got to (walking down), and its goal.
  type Frame = { chain: number[]; at: number; goal: number };
  const chainFrom = (tip: number, goal: number): Frame => {
    const chain: number[] = [];
    for (let r = tip; r >= 0 && marks[r] === 0 && table.isRead(r); r = table.parent1[r]) chain.push(r);
    return { chain, at: chain.length - 1, goal };
  };
  for (const tip of inputs.tips) {
    if (tip < 0) continue;
    const stack: Frame[] = [chainFrom(tip, -1)];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.at < 0) {
        stack.pop();
        continue;
      }
      const row = frame.chain[frame.at--];
      if (marks[row] !== 0) continue;
      marks[row] = 1;
      if (!table.isMerge(row)) {
        if (frame.goal >= 0) out.set(row, goals[frame.goal]!);
        continue;
      }
      const goal = goalOf.get(row) ?? frame.goal;
      const sides: number[] = [];
      table.forEachParent(row, (p) => sides.push(p));
      for (const side of sides.slice(1).reverse()) stack.push(chainFrom(side, goal));
    }
  }
  return out;
}
