// DESIGN §3 over the whole cached history: every commit a branch reaches gets its attribution from
// the one rule set (attributeCommit), once per distinct combination of note, message goals and
// branch goals, not once per commit. In memory only, rebuilt when its inputs change.
import { type Attribution, attributeCommit } from '../attribution/attribute';
import { inheritedGoals } from '../attribution/merged';
import { EMPTY_LEDGER, type Ledger } from '../ledger/record';
import type { RefListing } from '../git';
import type { HistoryState } from '../history/cacheFile';
import type { Strategy } from '../strategy/types';
import { markReachable, type ScannedBranch, scanBranches } from './branchScan';
import { HistoryView } from './historyView';

export interface Attributed {
  view: HistoryView;
  branches: ScannedBranch[];
  /** Row → index into `attributions`; -1 for merges and commits no branch reaches. */
  of: Int32Array;
  attributions: Attribution[];
  /** Warnings about the attribution's inputs (goals two clones gave one commit, issue 12). */
  warnings?: string[];
}

/** What attribution inherits once work is merged (issue 12): the branch ledger and the patch-ids it needs. */
export interface InheritSources {
  ledger: Ledger;
  patchIds: ReadonlyMap<string, string | null>;
}

export function attributeHistory(
  state: HistoryState,
  strategy: Strategy,
  listing: RefListing,
  base: string | undefined,
  configGoals: ReadonlyMap<string, string>,
  sources: InheritSources = { ledger: EMPTY_LEDGER, patchIds: new Map() },
  view = new HistoryView(state),
): Attributed {
  const { table } = view;
  const history = base ? scanBranches(view, strategy, base, listing.branches, configGoals) : undefined;
  // The base's history is marked already: the branches' walks stop where they enter it.
  const reachable = history ? history.inBase : new Uint8Array(table.count);
  markReachable(
    table,
    listing.branches.map((b) => table.find(b.sha)),
    reachable,
  );
  const branchGoals = history?.branchGoals ?? new Map<number, string[]>();
  const baseTip = listing.branches.find((b) => b.name === base);
  const tips = [...(baseTip ? [baseTip] : []), ...listing.branches.filter((b) => b !== baseTip)].map((b) => table.find(b.sha));
  const inherited = inheritedGoals({ view, strategy, ledger: sources.ledger, configGoals, tips, patchIds: sources.patchIds });

  const of = new Int32Array(table.count).fill(-1);
  const attributions: Attribution[] = [];
  const plain: number[] = []; // goal set → attribution, for commits without a note or branch goals
  const mixed = new Map<string, number>();
  const add = (attribution: Attribution) => attributions.push(attribution) - 1;
  // Rows with a note or branch goals, marked: most rows have neither, and two Map lookups per row cost more than the rest of the loop.
  const special = new Uint8Array(table.count);
  for (const row of view.notes.keys()) special[row] = 1;
  for (const row of branchGoals.keys()) if (row >= 0) special[row] = 1;
  for (const row of inherited.keys()) special[row] = 1;
  for (let row = 0; row < table.count; row++) {
    if (reachable[row] === 0 || table.isMerge(row)) continue;
    const note = special[row] === 0 ? undefined : view.notes.get(row);
    const fromBranches = special[row] === 0 ? undefined : branchGoals.get(row);
    const inheritedHere = special[row] === 0 ? undefined : inherited.get(row);
    if (!note && !fromBranches && !inheritedHere) {
      of[row] = plain[table.goals[row]] ??= add(attributeCommit(view.goalsOf(row), []));
      continue;
    }
    const combination = JSON.stringify([note ?? null, table.goals[row], fromBranches ?? null, inheritedHere ?? null]);
    let index = mixed.get(combination);
    if (index === undefined) mixed.set(combination, (index = add(attributeCommit(view.goalsOf(row), fromBranches ?? [], inheritedHere))));
    of[row] = index;
  }
  return { view, branches: history?.branches ?? [], of, attributions };
}
