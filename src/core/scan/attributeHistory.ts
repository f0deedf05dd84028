// DESIGN §3 over the whole cached history: every commit a branch reaches gets its attribution from
// the one rule set (attributeCommit), once per distinct combination of note, message goals and
// branch goals, not once per commit. In memory only, rebuilt when its inputs change (or brought
// forward by refreshAttribution.ts when only new commits and harmless ref moves came).
import type { Attribution } from '../attribution/attribute';
import { InheritRules } from '../attribution/inheritRules';
import { inheritedGoals } from '../attribution/merged';
import { PatchCandidates } from '../attribution/patchCandidates';
import { issueClaims } from '../attribution/issueGoals';
import { EMPTY_LEDGER, type Ledger } from '../ledger/record';
import type { BranchInfo, RefListing } from '../git';
import { type CommitTable, FLAG_READ } from '../history/commitTable';
import { Pacer } from './pacer';
import type { HistoryState } from '../history/cacheFile';
import type { Strategy } from '../strategy/types';
import { AttributionSet } from './attributionSet';
import { markReachable, type RowBranchGoals, type ScannedBranch, scanBranches } from './branchScan';
import { HistoryView } from './historyView';

export interface Attributed {
  view: HistoryView;
  branches: ScannedBranch[];
  /** Row → index into `attributions`; -1 for merges and commits no branch reaches. */
  of: Int32Array;
  attributions: Attribution[];
  /** Warnings about the attribution's inputs (goals two clones gave one commit, issue 12). */
  warnings?: string[];
  /** What a refresh after new commits starts from (refreshAttribution.ts). */
  memo?: AttributionMemo;
}

/** The intermediate results of an attribution, each for rows [0, count) of `table`. */
export interface AttributionMemo {
  table: CommitTable;
  count: number;
  /** How many of those rows were read (a row read later changes the graph under them). */
  readCount: number;
  listing: readonly BranchInfo[];
  sources: InheritSources;
  /** 1 for the base's history, and for every row a branch reaches. */
  inBase: Uint8Array;
  reachable: Uint8Array;
  branchGoals: Map<number, RowBranchGoals>;
  inherited: Map<number, Attribution>;
  set: AttributionSet;
  /** The per-commit inherited rules and the patch candidates (they hold while the memo's inputs do). */
  rules?: InheritRules;
  candidates?: PatchCandidates;
}

/** What attribution inherits once work is merged (issue 12): the branch ledger and the patch-ids it needs. */
export interface InheritSources {
  ledger: Ledger;
  patchIds: ReadonlyMap<string, string | null>;
}

/** Rows [from, to) that are read. */
export function readRows(table: CommitTable, from: number, to: number): number {
  const { flags } = table;
  let count = 0;
  for (let row = from; row < to; row++) count += flags[row] & FLAG_READ;
  return count;
}

/**
 * Every row's attribution. Async only to let the event loop run between its phases and within its
 * row loop (`pacer`, issue 14): the editor's extension host must not stall for a whole 100k-commit
 * attribution; the CLI loses nothing measurable.
 */
export async function attributeHistory(
  state: HistoryState,
  strategy: Strategy,
  listing: RefListing,
  base: string | undefined,
  configGoals: ReadonlyMap<string, string>,
  sources: InheritSources = { ledger: EMPTY_LEDGER, patchIds: new Map() },
  view = new HistoryView(state),
  pacer = new Pacer(),
): Promise<Attributed> {
  const { table } = view;
  const history = base ? scanBranches(view, strategy, base, listing.branches, configGoals) : undefined;
  await pacer.pause();
  const inBase = history ? history.inBase.slice() : new Uint8Array(table.count);
  // The base's history is marked already: the branches' walks stop where they enter it.
  const reachable = history ? history.inBase : new Uint8Array(table.count);
  markReachable(
    table,
    listing.branches.map((b) => table.find(b.sha)),
    reachable,
  );
  await pacer.pause();
  const branchGoals = history?.branchGoals ?? new Map<number, RowBranchGoals>();
  const baseTip = listing.branches.find((b) => b.name === base);
  const tips = [...(baseTip ? [baseTip] : []), ...listing.branches.filter((b) => b !== baseTip)].map((b) => table.find(b.sha));
  const rules = new InheritRules(view, sources.ledger, sources.patchIds);
  await pacer.pause();
  const inherited = await inheritedGoals(
    { view, strategy, ledger: sources.ledger, configGoals, tips, patchIds: sources.patchIds, rules },
    pacer,
  );
  await pacer.pause();

  const set = AttributionSet.empty(table.count, issueClaims(strategy));
  // Rows with a note or branch goals, marked: most rows have neither, and two Map lookups per row cost more than the rest of the loop.
  const special = new Uint8Array(table.count);
  for (const row of view.notes.keys()) special[row] = 1;
  for (const row of branchGoals.keys()) if (row >= 0) special[row] = 1;
  for (const row of inherited.keys()) special[row] = 1;
  for (let row = 0; row < table.count; row++) {
    if ((row & 8191) === 0) await pacer.pause();
    if (reachable[row] === 0 || table.isMerge(row)) continue;
    if (special[row] === 0) set.setPlain(view, row);
    else set.set(view, row, branchGoals.get(row), inherited.get(row));
  }
  const memo: AttributionMemo = {
    table,
    count: table.count,
    readCount: readRows(table, 0, table.count),
    listing: listing.branches,
    sources,
    inBase,
    reachable,
    branchGoals,
    inherited,
    set,
    rules,
    candidates: new PatchCandidates(view, sources.ledger), // a refresh's first need; a few ms now
  };
  return { view, branches: history?.branches ?? [], of: set.of, attributions: set.list, memo };
}
