// The per-commit facts of a repository, kept between scans (issue 6): read once with ONE `git log`,
// then only the commits new since the tips last read. The notes are read again only when
// refs/notes/goals moved, churn only for commits that lack it. Optionally persisted to `file`
// (the CLI: <git common dir>/strategy-align/; the editor: its storage folder).
import { createHash } from 'node:crypto';
import type { GitRepo } from '../git';
import { CommitTable } from './commitTable';
import { type HistoryState, readHistory, writeHistory } from './cacheFile';
import { ingestInto } from './ingest';

export interface HistoryUpdate {
  state: HistoryState;
  /** Commits read from git by this update (0 when nothing changed). */
  commitsRead: number;
  notesRead: boolean;
}

/** Whatever attribution a scan derived from a state, for the state's current key (in memory only). */
export interface Memo {
  key: string;
  value: unknown;
}

export class HistoryCache {
  private state: HistoryState | undefined;
  private loaded = false;
  private dirty = false;
  private queue: Promise<unknown> = Promise.resolve();
  memo: Memo | undefined;

  /** `file`: where to persist, or undefined to keep the history in memory only. */
  constructor(readonly file?: string) {}

  /** Runs `task` after every earlier task of this cache: scans of one repository never interleave. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Brings the history up to `tips` (every branch's sha) and the notes ref's sha. */
  async update(repo: GitRepo, trailerKey: string, tips: readonly string[], notesSha: string | null): Promise<HistoryUpdate> {
    if (!this.loaded) {
      this.loaded = true;
      if (this.file) this.state = await readHistory(this.file);
    }
    let state = this.state;
    if (!state || state.trailerKey !== trailerKey) {
      state = { trailerKey, tips: [], notesSha: null, notes: new Map(), churnKey: '', table: new CommitTable() };
      this.memo = undefined;
      this.dirty = true;
    }
    this.state = state;
    const current = [...new Set(tips)].sort();
    let commitsRead = 0;
    const known = new Set(state.tips);
    if (current.some((tip) => !known.has(tip))) {
      const ingest = ingestInto(state.table, trailerKey);
      await repo.readHistory(trailerKey, state.tips, ingest.sink);
      commitsRead = ingest.read();
    }
    if (current.join() !== state.tips.join()) {
      state.tips = current;
      this.dirty = true;
    }
    let notesRead = false;
    if (notesSha !== state.notesSha) {
      state.notes = notesSha ? await repo.readAllGoalNotes(trailerKey) : new Map();
      state.notesSha = notesSha;
      notesRead = true;
      this.dirty = true;
    }
    return { state, commitsRead, notesRead };
  }

  /**
   * Fills the churn of `rows` (lines added + deleted in files `counts` accepts) with one numstat
   * read of the commits that lack it; `key` names the exclusion list (another list: all again).
   */
  async ensureChurn(repo: GitRepo, rows: readonly number[], key: string, counts: (path: string) => boolean): Promise<number> {
    const state = this.state;
    if (!state) throw new Error('ensureChurn before update');
    const { table } = state;
    if (state.churnKey !== key) {
      table.churn.fill(-1);
      state.churnKey = key;
      this.dirty = true;
    }
    const missing = rows.filter((row) => table.churn[row] < 0);
    if (missing.length === 0) return 0;
    let row = -1;
    let sum = 0;
    const flush = () => {
      if (row >= 0) table.churn[row] = sum;
    };
    await repo.readNumstat(missing.map((r) => table.sha(r)), (sha) => {
      flush();
      row = table.find(sha);
      sum = 0;
    }, (_sha, added, deleted, path) => {
      if (counts(path)) sum += added + deleted;
    });
    flush();
    this.dirty = true;
    return missing.length;
  }

  /** Persists the history when it changed; a failure to write only costs the next run time. */
  async save(): Promise<void> {
    if (!this.file || !this.state || !this.dirty) return;
    try {
      await writeHistory(this.file, this.state);
      this.dirty = false;
    } catch {
      // read-only .git, disk full: the numbers are right either way
    }
  }
}

/** A short stable hash of any JSON-able value (cache keys). */
export function hashOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex');
}
