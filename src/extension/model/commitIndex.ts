// The commits of a scan's range as the Goals tree lists them, read from the scan's history columns
// when a row is expanded: a 100k-commit range makes no commit object until someone looks (issue 14).
// Per goal, the commits outside the goal's branches ("Commits on other branches") and per unknown
// goal its commits, newest first; a list is capped so a row never adds thousands of items at once.
import type { ScanResult } from '../../core/scan/scan';
import type { AttributedCommit } from './repoModel';

/** Commits shown under one row at most; the row says how many more there are. */
export const MAX_LISTED = 500;

export interface CommitList {
  /** Newest first, at most MAX_LISTED. */
  shown: AttributedCommit[];
  total: number;
}

export class CommitIndex {
  private byGoal: Map<string, number[]> | undefined;
  private inRange: Set<number> | undefined;
  /** Row → its entry, made once. */
  private readonly made = new Map<number, AttributedCommit>();

  constructor(private readonly scan: ScanResult) {}

  /** Rows in range whose attribution names `goal`, newest first (one pass over the range for all goals, on first use). */
  private rowsOf(goal: string): number[] {
    if (!this.byGoal) {
      const byGoal = new Map<string, number[]>();
      for (const row of this.scan.effort.rows) {
        for (const g of this.scan.attributionOf(row)?.goals ?? []) {
          let rows = byGoal.get(g);
          if (!rows) byGoal.set(g, (rows = []));
          rows.push(row);
        }
      }
      const time = this.scan.view.table.authorTime;
      for (const rows of byGoal.values()) rows.sort((a, b) => time[b] - time[a]);
      this.byGoal = byGoal;
    }
    return this.byGoal.get(goal) ?? [];
  }

  private entry(row: number): AttributedCommit {
    let entry = this.made.get(row);
    if (!entry) this.made.set(row, (entry = { commit: this.scan.view.commit(row), attribution: this.scan.attributionOf(row) }));
    return entry;
  }

  /** Commits in range attributed to `goal` that are not in `except` (sha), newest first. */
  ofGoal(goal: string, except: ReadonlySet<string> = new Set()): CommitList {
    const table = this.scan.view.table;
    const skip = new Set<number>();
    for (const sha of except) {
      const row = table.find(sha);
      if (row >= 0) skip.add(row);
    }
    const rows = this.rowsOf(goal).filter((row) => !skip.has(row));
    return { shown: rows.slice(0, MAX_LISTED).map((row) => this.entry(row)), total: rows.length };
  }

  /** Whether any commit in range is attributed to `goal` outside `except`, without listing them. */
  hasGoal(goal: string, except: ReadonlySet<string> = new Set()): boolean {
    const rows = this.rowsOf(goal);
    if (rows.length > except.size) return true;
    const table = this.scan.view.table;
    const skip = new Set<number>();
    for (const sha of except) skip.add(table.find(sha));
    return rows.some((row) => !skip.has(row));
  }

  /** The commit `sha` with its attribution, when it is in range. */
  get(sha: string): AttributedCommit | undefined {
    const row = this.scan.view.table.find(sha);
    return row >= 0 && (this.inRange ??= new Set(this.scan.effort.rows)).has(row) ? this.entry(row) : undefined;
  }

  has(sha: string): boolean {
    return this.get(sha) !== undefined;
  }

  /** The commits of `shas` that are in range, newest first. */
  ofShas(shas: Iterable<string>): CommitList {
    const table = this.scan.view.table;
    const inRange = (this.inRange ??= new Set(this.scan.effort.rows));
    const rows: number[] = [];
    for (const sha of shas) {
      const row = table.find(sha);
      if (row >= 0 && inRange.has(row)) rows.push(row);
    }
    rows.sort((a, b) => table.authorTime[b] - table.authorTime[a]);
    return { shown: rows.slice(0, MAX_LISTED).map((row) => this.entry(row)), total: rows.length };
  }
}
