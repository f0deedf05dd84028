// The commits of a scan's range as the Goals tree lists them, read from the scan's history columns
// when a row is expanded: a 100k-commit range makes no commit object until someone looks (issue 14).
// Per goal, the commits outside the goal's branches ("Commits on other branches") and per unknown
// goal its commits, newest first; a list is capped so a row never adds thousands of items at once.
// Counting a list (a row's description) makes no commit object either.
import type { ScanResult } from '../../core/scan/scan';
import type { AttributedCommit } from './repoModel';

/** Commits shown under one row at most; the row says how many more there are. */
export const MAX_LISTED = 500;

export interface CommitList {
  /** Newest first, at most MAX_LISTED (made when first read). */
  readonly shown: AttributedCommit[];
  readonly total: number;
}

export class CommitIndex {
  private byGoal: Map<string, number[]> | undefined;
  private inRange: Set<number> | undefined;
  private readonly outside = new Map<string, number[]>();
  /** Row → its entry, made once. */
  private readonly made = new Map<number, AttributedCommit>();

  constructor(private readonly scan: ScanResult) {}

  /** Commits in range attributed to `goal`, newest first. */
  ofGoal(goal: string): CommitList {
    return this.list(this.rowsOf(goal));
  }

  /** Commits in range attributed to `goal` that none of the branches tagged `goal` holds ("Commits on other branches"). */
  outsideBranches(goal: string): CommitList {
    return this.list(this.outsideRows(goal));
  }

  /** The commits of `shas` that are in range, newest first. */
  ofShas(shas: Iterable<string>): CommitList {
    const table = this.scan.view.table;
    const inRange = this.rangeRows();
    const rows: number[] = [];
    for (const sha of shas) {
      const row = table.find(sha);
      if (row >= 0 && inRange.has(row)) rows.push(row);
    }
    return this.list(rows.sort((a, b) => table.authorTime[b] - table.authorTime[a]));
  }

  /** The commit `sha` with its attribution, when it is in range. */
  get(sha: string): AttributedCommit | undefined {
    const row = this.scan.view.table.find(sha);
    return row >= 0 && this.rangeRows().has(row) ? this.entry(row) : undefined;
  }

  has(sha: string): boolean {
    return this.get(sha) !== undefined;
  }

  private list(rows: number[]): CommitList {
    let shown: AttributedCommit[] | undefined;
    const entry = (row: number) => this.entry(row);
    return {
      total: rows.length,
      get shown() {
        return (shown ??= rows.slice(0, MAX_LISTED).map(entry));
      },
    };
  }

  private rangeRows(): Set<number> {
    return (this.inRange ??= new Set(this.scan.effort.rows));
  }

  /** Rows in range whose attribution names `goal`, newest first (one pass over the range for all goals, on first use). */
  private rowsOf(goal: string): number[] {
    if (!this.byGoal) {
      const byGoal = new Map<string, number[]>();
      const { rows, of, attributions } = this.scan.effort;
      // The lists of each attribution's goals, found once per attribution rather than per row.
      const listsOf = attributions.map((a) =>
        a.goals.map((g) => {
          let list = byGoal.get(g);
          if (!list) byGoal.set(g, (list = []));
          return list;
        }),
      );
      for (let i = 0; i < rows.length; i++) for (const list of listsOf[of[rows[i]]] ?? []) list.push(rows[i]);
      const time = this.scan.view.table.authorTime;
      for (const rows of byGoal.values()) rows.sort((a, b) => time[b] - time[a]);
      this.byGoal = byGoal;
    }
    return this.byGoal.get(goal) ?? [];
  }

  private outsideRows(goal: string): number[] {
    let rows = this.outside.get(goal);
    if (!rows) {
      const table = this.scan.view.table;
      const onBranches = new Set<number>();
      for (const branch of this.scan.branches)
        if (branch.goal?.goal === goal) for (const sha of branch.unique) onBranches.add(table.find(sha));
      rows = this.rowsOf(goal).filter((row) => !onBranches.has(row));
      this.outside.set(goal, rows);
    }
    return rows;
  }

  private entry(row: number): AttributedCommit {
    let entry = this.made.get(row);
    if (!entry) this.made.set(row, (entry = { commit: this.scan.view.commit(row), attribution: this.scan.attributionOf(row) }));
    return entry;
  }
}
