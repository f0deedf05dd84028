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
import type { HistoryView } from '../scan/historyView';
import type { Strategy } from '../strategy/types';
import { Pacer } from '../scan/pacer';
import type { Ledger } from '../ledger/record';
import { recordedGoalByName } from '../ledger/record';
import type { Attribution } from './attribute';
import { patternGoal } from './branchGoal';
import { branchIssueGoal } from './issueGoals';
import { inheritedAttribution, InheritRules } from './inheritRules';
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
  for (const [row, goals] of await mergeRanges(inputs, pacer)) {
    const merged = inheritedAttribution(view, row, 'merge', goals);
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
 * Row → goals for every commit a goal-giving merge brings in. One walk of the graph: each tip's
 * first-parent chain oldest first, marking what it reaches; at a merge, whatever its other parents
 * reach unmarked is exactly M^1..M^2 (all of M^1's history is marked by then), walked the same way
 * with the merge's goal (or the enclosing one) handed down. No walk at all when no merge has a goal.
 * The event loop runs every 8k rows once `pacer`'s budget is spent (100k rows: ~70 ms, issue 14).
 */
async function mergeRanges(inputs: InheritInputs, pacer: Pacer): Promise<Map<number, string[]>> {
  const { view, ledger } = inputs;
  const { table } = view;
  const byTip = new Map<string, string[]>();
  for (const b of ledger.branches) byTip.set(b.tip, [...new Set([...(byTip.get(b.tip) ?? []), b.goal])]);
  const byName = recordedGoalByName(ledger);
  const goals: (string[] | undefined)[] = [];
  const goalOf = new Map<number, number>(); // merge row → index into goals
  const nameGoals = new Map<string, string | undefined>();
  for (let row = 0; row < table.count; row++) {
    if ((row & 8191) === 8191) await pacer.pause();
    if (!table.isMerge(row) || !table.isRead(row)) continue;
    const g = mergeGoals(inputs, byTip, byName, nameGoals, row);
    if (g) goalOf.set(row, goals.push(g) - 1);
  }
  const out = new Map<number, string[]>();
  if (goalOf.size === 0) return out;
  const marks = new Uint8Array(table.count);
  let walked = 0;
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
      if ((++walked & 8191) === 0) await pacer.pause();
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
