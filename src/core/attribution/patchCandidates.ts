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
    const { copies, squashes } = this.neededApart(from, to);
    return [...copies, ...squashes];
  }

  /**
   * The same, apart: `copies` (an author time a recorded or note-tagged commit has, and those
   * note-tagged commits) and `squashes` (only committed after a recorded branch's tip), which
   * squashFilter.ts may thin out before any patch-id is computed.
   */
  neededApart(from: number, to: number): { copies: string[]; squashes: string[] } {
    const { table } = this.view;
    const copies: string[] = [];
    const squashes: string[] = [];
    if (this.times.size === 0 && this.squashAfter === Infinity) return { copies, squashes };
    const notedTimes = new Set<number>();
    for (let row = from; row < to; row++) {
      if (!table.isRead(row) || table.isMerge(row) || !unwritten(this.view, row)) continue;
      const copy = this.times.has(table.authorTime[row]);
      if (!copy && table.committerTime[row] < this.squashAfter) continue;
      const sha = table.sha(row);
      if (this.recorded.has(sha)) continue;
      if (copy) {
        copies.push(sha);
        notedTimes.add(table.authorTime[row]);
      } else squashes.push(sha);
    }
    if (copies.length + squashes.length === 0) return { copies, squashes };
    for (const row of this.noted) if (notedTimes.has(table.authorTime[row])) copies.push(table.sha(row));
    return { copies, squashes };
  }
}
