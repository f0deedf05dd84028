// Which commits the patch and squash rules (merged.ts) need the patch-id of, decided one commit at
// a time so that a refresh asks only about its new commits. Candidates are commits without written
// goals that could be a copy: with an author time a recorded or note-tagged commit has (rebase and
// cherry-pick keep it), or committed after a recorded branch's tip (a squash); and the note-tagged
// commits those times came from.
import type { Ledger } from '../ledger/record';
import type { HistoryView } from '../scan/historyView';
import { unwritten } from './inheritRules';

export class PatchCandidates {
  private readonly times = new Set<number>();
  private readonly noted: number[] = [];
  private readonly recorded: Set<string>;
  private squashAfter = Infinity;

  constructor(
    private readonly view: HistoryView,
    ledger: Ledger,
  ) {
    const { table } = view;
    for (const c of ledger.commits) if (c.patchId) this.times.add(c.authorTime);
    for (const row of view.notes.keys()) {
      if (!table.isRead(row) || table.isMerge(row)) continue;
      this.noted.push(row);
      this.times.add(table.authorTime[row]);
    }
    for (const b of ledger.branches) if (b.patchId && b.time < this.squashAfter) this.squashAfter = b.time;
    this.recorded = new Set(ledger.commits.map((c) => c.sha));
  }

  /**
   * The shas among rows [from, to) whose patch-id is needed, then the note-tagged commits whose
   * author time one of them shares (nothing when the ledger and the notes give nothing to match).
   */
  needed(from: number, to: number): string[] {
    const { table } = this.view;
    if (this.times.size === 0 && this.squashAfter === Infinity) return [];
    const shas: string[] = [];
    const notedTimes = new Set<number>();
    for (let row = from; row < to; row++) {
      if (!table.isRead(row) || table.isMerge(row) || !unwritten(this.view, row)) continue;
      const copy = this.times.has(table.authorTime[row]);
      if (!copy && table.committerTime[row] < this.squashAfter) continue;
      const sha = table.sha(row);
      if (this.recorded.has(sha)) continue;
      shas.push(sha);
      if (copy) notedTimes.add(table.authorTime[row]);
    }
    if (shas.length === 0) return [];
    for (const row of this.noted) if (notedTimes.has(table.authorTime[row])) shas.push(table.sha(row));
    return shas;
  }
}
