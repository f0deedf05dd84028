// The per-commit facts of a repository, kept between scans (issue 6): read once with ONE `git log`,
// then only the commits new since the tips last read. The notes are read again only when
// refs/notes/goals moved, churn only for commits that lack it. Optionally persisted to `file`
// (the CLI: <git common dir>/strategy-align/; the editor: its storage folder).
import { createHash } from 'node:crypto';
import type { GitRepo } from '../git';
import { CommitTable } from './commitTable';
import { type HistoryState, readHistory, writeHistory } from './cacheFile';
import { turn } from '../scan/pacer';
import { ingestInto } from './ingest';

export interface HistoryUpdate {
  state: HistoryState;
  /** Commits read from git by this update (0 when nothing changed). */
  commitsRead: number;
  /** Of those, the ones whose churn came along (numstat in the same log). */
  churnRead: number;
  notesRead: boolean;
  /** The notes of update's `alongside` notes commit (annotated sha → text), when they were read with the goal notes. */
  alongside?: Map<string, string>;
}

/** Which files count toward churn, and a key naming that rule. */
export interface ChurnRule {
  key: string;
  counts: (path: string) => boolean;
}

export class HistoryCache {
  private state: HistoryState | undefined;
  private loaded = false;
  private dirty = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** The cache file being written: a scan may go on meanwhile, but the next update waits for it (the file holds the table's memory as it is). */
  private writing: Promise<void> = Promise.resolve();
  /** What scans derived from the state (attribution, aggregation), by slot, with the key of its inputs. In memory only. */
  private readonly memos = new Map<string, { key: string; value: unknown }>();

  /**
   * `file`: where to persist, or undefined to keep the history in memory only. `background`: save
   * after the scan instead of within it (the editor: the tree need not wait for the disk; the next
   * scan of this cache waits for the write).
   */
  constructor(
    readonly file?: string,
    readonly options: { background?: boolean } = {},
  ) {}

  /** Resolves when every scan and write queued so far is done. */
  async flush(): Promise<void> {
    await this.queue;
  }

  /** Runs `task` after every earlier task of this cache: scans of one repository never interleave. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Brings the history up to `tips` (every branch's sha) and the notes ref's sha. With `churn`,
   * new commits come with their churn from the same log (see ensureChurn for the others). With
   * `alongside` (a notes commit, e.g. the branch ledger's), its notes are read with the goal notes
   * when those are read (one `cat-file --batch` for both) and returned.
   */
  async update(
    repo: GitRepo,
    trailerKey: string,
    tips: readonly string[],
    notesSha: string | null,
    churn?: ChurnRule,
    alongside?: string,
  ): Promise<HistoryUpdate> {
    await this.writing;
    if (!this.loaded) {
      this.loaded = true;
      if (this.file) this.state = await readHistory(this.file);
    }
    let state = this.state;
    if (!state || state.trailerKey !== trailerKey) {
      state = { trailerKey, tips: [], notesSha: null, notes: new Map(), churnKey: '', table: new CommitTable() };
      this.memos.clear();
      this.dirty = true;
    }
    this.state = state;
    const current = [...new Set(tips)].sort();
    // The notes (when their ref moved) are read while the history log streams: two processes, two cores.
    const notesRead = notesSha !== state.notesSha;
    // In a turn of its own, like every process a scan starts beside another: each start forks the (editor's big) process.
    const notes: Promise<{ goals: Map<string, string[]>; other?: Map<string, string> }> =
      notesRead && notesSha
        ? turn().then(() => repo.readGoalNotesAnd(trailerKey, alongside))
        : Promise.resolve({ goals: new Map<string, string[]>() });
    notes.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    let commitsRead = 0;
    const known = new Set(state.tips);
    if (current.some((tip) => !known.has(tip))) {
      if (churn) this.useChurnRule(churn.key);
      const ingest = ingestInto(state.table, trailerKey, churn?.counts);
      try {
        await repo.readHistory(trailerKey, current, state.tips, ingest.sink, ingest.files);
      } catch (error) {
        this.forget(); // a log cut short may leave a commit without all its numstat: start again from the file
        throw error;
      }
      commitsRead = ingest.read();
    }
    if (current.join() !== state.tips.join()) {
      state.tips = current;
      this.dirty = true;
    }
    let other: Map<string, string> | undefined;
    if (notesRead) {
      const read = await notes;
      state.notes = read.goals;
      other = read.other;
      state.notesSha = notesSha;
      this.dirty = true;
    }
    return { state, commitsRead, churnRead: churn ? commitsRead : 0, notesRead, ...(other ? { alongside: other } : {}) };
  }

  /**
   * Fills the churn of `rows` (lines added + deleted in files `counts` accepts) with one numstat
   * read of the commits that lack it; `key` names the exclusion list (another list: all again).
   */
  async ensureChurn(repo: GitRepo, rows: ArrayLike<number>, { key, counts }: ChurnRule): Promise<number> {
    const state = this.state;
    if (!state) throw new Error('ensureChurn before update');
    const { table } = state;
    this.useChurnRule(key);
    const missing: string[] = [];
    for (let i = 0; i < rows.length; i++) if (table.churn[rows[i]] < 0) missing.push(table.sha(rows[i]));
    if (missing.length === 0) return 0;
    let row = -1;
    let sum = 0;
    const flush = () => {
      if (row >= 0) table.churn[row] = sum;
    };
    await repo.readNumstat(
      missing,
      (sha) => {
        flush();
        row = table.find(sha);
        sum = 0;
      },
      (_sha, added, deleted, path) => {
        if (counts(path)) sum += added + deleted;
      },
    );
    flush();
    this.dirty = true;
    return missing.length;
  }

  /** Drops what is in memory; the next update starts from the file (or from git). */
  private forget(): void {
    this.state = undefined;
    this.loaded = false;
    this.dirty = false;
    this.memos.clear();
  }

  /** Churn computed under another exclusion list is forgotten. */
  private useChurnRule(key: string): void {
    if (!this.state || this.state.churnKey === key) return;
    this.state.table.churn.fill(-1);
    this.state.churnKey = key;
    this.dirty = true;
  }

  /** The value remembered in `slot` when its key is still `key`, else undefined. */
  recall<T>(slot: string, key: string): T | undefined {
    const memo = this.memos.get(slot);
    return memo?.key === key ? (memo.value as T) : undefined;
  }

  remember<T>(slot: string, key: string, value: T): T {
    this.memos.set(slot, { key, value });
    return value;
  }

  /** Persists the history when it changed; a failure to write only costs the next run time. */
  async save(): Promise<void> {
    if (!this.file || !this.state || !this.dirty) return;
    if (this.options.background) {
      void this.exclusive(() => this.write());
      return;
    }
    await this.write();
  }

  private write(): Promise<void> {
    if (!this.file || !this.state || !this.dirty) return Promise.resolve();
    const { file, state } = this;
    this.writing = (async () => {
      try {
        await writeHistory(file, state);
        this.dirty = false;
      } catch {
        // read-only .git, disk full: the numbers are right either way
      }
    })();
    return this.writing;
  }
}

/** A short stable hash of any JSON-able value (cache keys). */
export function hashOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex');
}
