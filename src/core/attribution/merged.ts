// Attribution that survives the branch (issue 12, DESIGN §3 rule 3 "once merged"): after a note,
// trailers and a live tagged branch, in this order:
//   merge     the commits a merge M brings in (M^1..M^2) take M's goal: a note on M, else a trailer
//             on M, else the branch its subject names (the ledger's record of that tip, live config, the ledger's
//             newest record of that name, branchPattern, an issue key in the name). A merge inside that range with a goal of
//             its own gives its range that goal instead;
//   recorded  the ledger lists the commit itself (fast-forward merges, deleted branches);
//   patch     its patch-id equals a recorded commit's, or a note-tagged commit's (rebase, cherry-pick);
//   squash    its patch-id equals a recorded branch's whole change (squash merge).
// A merge of an untagged branch, or a commit whose patch-id matches nothing, stays untagged.
import type { CommitTable } from '../history/commitTable';
import type { HistoryView } from '../scan/historyView';
import type { Strategy } from '../strategy/types';
import { Pacer } from '../scan/pacer';
import type { Ledger } from '../ledger/record';
import { recordedGoalByName } from '../ledger/record';
import type { Attribution } from './attribute';
import { patternGoal } from './branchGoal';
import { branchIssueGoal } from './issueGoals';
import { canInherit, inheritedAttribution, InheritRules } from './inheritRules';
import { mergedBranch } from './mergeSubject';

export type { InheritedSource } from './inheritRules';

export interface InheritInputs {
  view: HistoryView;
  strategy: Strategy;
  ledger: Ledger;
  /** branch.<name>.goal of the local branches. */
  configGoals: ReadonlyMap<string, string>;
  /** Rows to walk the merges from, the base's tip first. */
  tips: readonly number[];
  /** sha → patch-id, for the shas PatchCandidates named (null: an empty change; missing: an empty change, or a squash candidate squashFilter.ts found could match nothing). */
  patchIds: ReadonlyMap<string, string | null>;
  /** The recorded, patch and squash rules of these inputs, when the caller has them already. */
  rules?: InheritRules;
}

/** Row → the inherited attribution of every commit without written goals that one of the four rules reaches. */
export async function inheritedGoals(inputs: InheritInputs, pacer = new Pacer()): Promise<Map<number, Attribution>> {
  const { view, ledger, patchIds } = inputs;
  const { table } = view;
  const out = new Map<number, Attribution>();
  const { rangeOf, goals } = await mergeRanges(inputs, pacer);
  // One attribution per merge goal, shared by every row that can inherit it (nothing changes an attribution).
  const byGoal: (Attribution | undefined)[] = [];
  for (let row = 0; row < rangeOf.length; row++) {
    const g = rangeOf[row];
    if (g < 0 || !canInherit(view, row)) continue;
    const merged = (byGoal[g] ??= inheritedAttribution(view, row, 'merge', goals[g]));
    if (merged) out.set(row, merged);
  }
  const rules = inputs.rules ?? new InheritRules(view, ledger, patchIds);
  const give = (sha: string) => {
    const row = table.find(sha);
    if (out.has(row)) return;
    const inherited = rules.of(row, sha, patchIds.get(sha));
    if (inherited) out.set(row, inherited);
  };
  for (const sha of rules.recorded()) give(sha);
  for (const sha of patchIds.keys()) give(sha);
  return out;
}

/** The goals of a merge commit: its note, else its trailers, else the branch its subject names. */
function mergeGoals(
  inputs: InheritInputs,
  byTip: Map<string, string[]>,
  byName: Map<string, string>,
  nameGoals: Map<string, string | undefined>,
  row: number,
): string[] | undefined {
  const { view, strategy, configGoals } = inputs;
  const note = view.notes.get(row);
  if (note && note.length > 0) return note;
  if (view.table.goals[row] !== 0) {
    const { trailerGoals } = view.goalsOf(row);
    if (trailerGoals.length > 0) return [...trailerGoals];
  }
  const merged = mergedBranch(view.table.subject(row));
  if (!merged) return undefined;
  const p2 = view.table.parent2[row];
  // No sha is written out for a ledger that records no branch (git/git: 21k merges).
  const recorded = p2 >= 0 && byTip.size > 0 ? byTip.get(view.table.sha(p2)) : undefined;
  if (recorded) return recorded;
  let goal = nameGoals.get(merged.name);
  if (goal === undefined && !nameGoals.has(merged.name)) {
    // A topic is merged more than once (into next, then master): its name is looked up once.
    goal =
      configGoals.get(merged.name) ??
      byName.get(merged.name) ??
      patternGoal(strategy, merged.name) ??
      branchIssueGoal(strategy, merged.name);
    nameGoals.set(merged.name, goal);
  }
  return goal ? [goal] : undefined;
}

/**
 * For every row, the index into `goals` of the goal-giving merge that brings it in (-1: none). One
 * walk of the graph: each tip's first-parent chain oldest first, marking what it reaches; at a merge,
 * whatever its other parents reach unmarked is exactly M^1..M^2 (all of M^1's history is marked by
 * then), walked the same way with the merge's goal (or the enclosing one) handed down. No walk at all
 * when no merge has a goal. The rows still to visit sit on one stack of typed arrays, a chain pushed
 * newest first so that its oldest row is on top: no array per chain, no object per row (a report over
 * many repositories collects less). The event loop runs every 8k rows once `pacer`'s budget is spent
 * (100k rows: ~70 ms, issue 14).
 */
async function mergeRanges(inputs: InheritInputs, pacer: Pacer): Promise<{ rangeOf: Int32Array; goals: string[][] }> {
  const { view, ledger } = inputs;
  const { table } = view;
  const byTip = new Map<string, string[]>();
  for (const b of ledger.branches) byTip.set(b.tip, [...new Set([...(byTip.get(b.tip) ?? []), b.goal])]);
  const byName = recordedGoalByName(ledger);
  const goals: string[][] = [];
  const goalOf = new Map<number, number>(); // merge row → index into goals
  const nameGoals = new Map<string, string | undefined>();
  for (let row = 0; row < table.count; row++) {
    if ((row & 8191) === 8191) await pacer.pause();
    if (!table.isMerge(row) || !table.isRead(row)) continue;
    const g = mergeGoals(inputs, byTip, byName, nameGoals, row);
    if (g) goalOf.set(row, goals.push(g) - 1);
  }
  const rangeOf = new Int32Array(goalOf.size === 0 ? 0 : table.count).fill(-1);
  if (goalOf.size === 0) return { rangeOf, goals };
  const marks = new Uint8Array(table.count);
  const stack = new RowStack(table.count);
  let walked = 0;
  for (const tip of inputs.tips) {
    if (tip < 0) continue;
    stack.pushChain(table, marks, tip, -1);
    while (stack.size > 0) {
      const goal = stack.goalOnTop();
      const row = stack.pop();
      if (marks[row] !== 0) continue;
      marks[row] = 1;
      if ((++walked & 8191) === 0) await pacer.pause();
      if (!table.isMerge(row)) {
        rangeOf[row] = goal;
        continue;
      }
      const handed = goalOf.get(row) ?? goal;
      const sides: number[] = [];
      table.forEachParent(row, (p) => sides.push(p));
      // The second parent's chain on top: walked first, as it was when each chain was a frame.
      for (let i = sides.length - 1; i >= 1; i--) stack.pushChain(table, marks, sides[i], handed);
    }
  }
  return { rangeOf, goals };
}

/** Rows to visit, each with the goal index it is walked with; grows by doubling. */
class RowStack {
  private rows: Int32Array;
  private goals: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.rows = new Int32Array(Math.max(16, capacity));
    this.goals = new Int32Array(this.rows.length);
  }

  /** `tip`'s first-parent chain down to the first marked or unread row, newest first: its oldest row ends on top. */
  pushChain(table: CommitTable, marks: Uint8Array, tip: number, goal: number): void {
    for (let r = tip; r >= 0 && marks[r] === 0 && table.isRead(r); r = table.parent1[r]) {
      if (this.size === this.rows.length) this.grow();
      this.rows[this.size] = r;
      this.goals[this.size++] = goal;
    }
  }

  goalOnTop(): number {
    return this.goals[this.size - 1];
  }

  pop(): number {
    return this.rows[--this.size];
  }

  private grow(): void {
    const rows = new Int32Array(this.rows.length * 2);
    const goals = new Int32Array(rows.length);
    rows.set(this.rows);
    goals.set(this.goals);
    this.rows = rows;
    this.goals = goals;
  }
}
