// The per-commit half of the inherited rules (merged.ts), looked up one commit at a time so that a
// refresh can attribute only its new commits: recorded (the ledger lists the sha), patch (the
// patch-id of a recorded or note-tagged commit), squash (a recorded branch's whole change).
import type { Ledger } from '../ledger/record';
import type { HistoryView } from '../scan/historyView';
import type { Attribution } from './attribute';

export type InheritedSource = 'merge' | 'recorded' | 'patch' | 'squash';

/** Whether `row` has no goals written on the commit itself (no note, no trailer, no Goal line). */
export function unwritten(view: HistoryView, row: number): boolean {
  return view.table.goals[row] === 0 && !view.notes.has(row);
}

/** Whether `row` can inherit goals: a commit read, not a merge, with no goals written on it. */
export function canInherit(view: HistoryView, row: number): boolean {
  const { table } = view;
  return row >= 0 && table.isRead(row) && !table.isMerge(row) && unwritten(view, row);
}

/** The inherited attribution `goals` give `row`, or undefined when the row cannot inherit (merges, written goals). */
export function inheritedAttribution(
  view: HistoryView,
  row: number,
  source: InheritedSource,
  goals: readonly string[] | undefined,
): Attribution | undefined {
  if (!goals || goals.length === 0 || !canInherit(view, row)) return undefined;
  return { source, goals: [...new Set(goals)].sort() };
}

export class InheritRules {
  private readonly byCommit = new Map<string, string[]>();
  private readonly byPatch = new Map<string, string[]>();
  private readonly bySquash = new Map<string, string[]>();

  /** `patchIds`: sha → patch-id of the commits PatchCandidates named; its note-tagged ones give their goals to copies. */
  constructor(
    private readonly view: HistoryView,
    ledger: Ledger,
    patchIds: ReadonlyMap<string, string | null>,
  ) {
    const { table } = view;
    for (const c of ledger.commits) {
      add(this.byCommit, c.sha, c.goal);
      // A commit this clone has a note on: its note says its goals now (it may have been tagged again).
      const noted = c.patchId ? view.notes.get(table.find(c.sha)) : undefined;
      if (c.patchId) for (const goal of noted ?? [c.goal]) add(this.byPatch, c.patchId, goal);
    }
    if (patchIds.size > 0) {
      for (const [row, goals] of view.notes) {
        const id = patchIds.get(table.sha(row));
        if (id) for (const goal of goals) add(this.byPatch, id, goal);
      }
    }
    for (const b of ledger.branches) if (b.patchId) add(this.bySquash, b.patchId, b.goal);
  }

  /** The shas the ledger lists. */
  recorded(): Iterable<string> {
    return this.byCommit.keys();
  }

  /** What `row` (sha `sha`, patch-id `patchId` when it was needed) inherits by the first of recorded, patch, squash. */
  of(row: number, sha: string, patchId: string | null | undefined): Attribution | undefined {
    return (
      inheritedAttribution(this.view, row, 'recorded', this.byCommit.get(sha)) ??
      (patchId
        ? (inheritedAttribution(this.view, row, 'patch', this.byPatch.get(patchId)) ??
          inheritedAttribution(this.view, row, 'squash', this.bySquash.get(patchId)))
        : undefined)
    );
  }
}

function add(map: Map<string, string[]>, key: string, goal: string): void {
  const goals = map.get(key);
  if (!goals) map.set(key, [goal]);
  else if (!goals.includes(goal)) goals.push(goal);
}
