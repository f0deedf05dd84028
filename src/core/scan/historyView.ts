// Reading the cached history's columns as the rest of the core wants them: git's ISO dates, the
// goals written on a commit (note, trailers, message lines), a LogCommit for the editor's rows, and
// one reusable EffortCommit view for the aggregation (no object per commit).
import type { EffortCommit } from '../alignment/aggregate';
import type { LogCommit } from '../git/types';
import type { HistoryState } from '../history/cacheFile';
import { type CommitTable, FLAG_GOALS_IN_BODY } from '../history/commitTable';
import { Pacer } from './pacer';

const NO_GOALS: string[] = [];

/** A pair number is lowerId × PAIR_DAYS + day. */
const PAIR_DAYS = 1_000_000;

export class HistoryView {
  readonly table: CommitTable;
  /** Row → note goals (notes on commits outside the history are left out). */
  readonly notes = new Map<number, string[]>();
  private readonly lowerEmails: string[];
  /** Email id → an id shared by the emails equal but for case. */
  private readonly lowerIds: Int32Array;
  private readonly days = new Map<number, string>();
  /** Lower id → its lowercase email (pairName), made when first asked. */
  private emailOf?: string[];

  constructor(state: HistoryState) {
    this.table = state.table;
    for (const [sha, goals] of state.notes) {
      const row = this.table.find(sha);
      if (row >= 0) this.notes.set(row, goals);
    }
    this.lowerEmails = this.table.emails.values.map((e) => e.toLowerCase());
    const ids = new Map<string, number>();
    this.lowerIds = Int32Array.from(this.lowerEmails, (e) => {
      if (!ids.has(e)) ids.set(e, ids.size);
      return ids.get(e)!;
    });
  }

  /** Whether the view knows every author email of its table (it serves a table grown by commits of known authors). */
  knowsAllEmails(): boolean {
    return this.lowerIds.length === this.table.emails.values.length;
  }

  /** git's `%aI`: `2026-11-25T09:30:00+01:00`. */
  authorDate(row: number): string {
    return isoWithOffset(this.table.authorTime[row], this.table.authorTz[row]);
  }

  /** The inputs of rules 1 and 2 for `row`. */
  goalsOf(row: number): Pick<LogCommit, 'noteGoals' | 'trailerGoals' | 'messageGoals'> {
    const goals = this.table.goalList(row);
    const inBody = (this.table.flags[row] & FLAG_GOALS_IN_BODY) !== 0;
    return { noteGoals: this.notes.get(row) ?? NO_GOALS, trailerGoals: inBody ? NO_GOALS : goals, messageGoals: inBody ? goals : NO_GOALS };
  }

  commit(row: number): LogCommit {
    const t = this.table;
    return {
      sha: t.sha(row),
      parents: t.parentShas(row),
      authorName: t.names.values[t.name[row]],
      authorEmail: t.emails.values[t.email[row]],
      authorDate: this.authorDate(row),
      committerDate: new Date(t.committerTime[row] * 1000).toISOString().replace('.000Z', '+00:00'),
      subject: t.subject(row),
      ...this.goalsOf(row),
    };
  }

  lowerEmail(row: number): string {
    return this.lowerEmails[this.table.email[row]];
  }

  /** Days since the epoch in the author's time zone, and that day as `YYYY-MM-DD`. */
  dayNumber(row: number): number {
    return Math.floor((this.table.authorTime[row] + this.table.authorTz[row] * 60) / 86_400);
  }

  /** The (lowercase author email, day) a pair number of `groups()` names. */
  pairName(pair: number): readonly [author: string, day: string] {
    if (!this.emailOf) {
      this.emailOf = [];
      this.lowerIds.forEach((id, email) => (this.emailOf![id] ??= this.lowerEmails[email]));
    }
    const id = Math.round(pair / PAIR_DAYS); // days within ±500,000 of 1970 (pre-1970 days are negative)
    return [this.emailOf[id], this.dayText(pair - id * PAIR_DAYS)];
  }

  dayText(day: number): string {
    let text = this.days.get(day);
    if (text === undefined) this.days.set(day, (text = new Date(day * 86_400_000).toISOString().slice(0, 10)));
    return text;
  }

  /**
   * The effort of `rows` by (attribution, author, day): one EffortCommit per group, standing for its
   * commits (their count and churn, the newest one's date), so the aggregation works per group. Async
   * only to let the event loop run every 8k rows once `pacer`'s budget ran out (a reopened editor
   * groups 100k rows: ~140 ms in one block before, issue 14).
   */
  async groups(
    rows: Int32Array,
    attributionOf: Int32Array,
    pacer = new Pacer(),
  ): Promise<Iterable<{ commit: EffortCommit; attribution: number }>> {
    const t = this.table;
    const groups = new Map<number | string, number>();
    const newest: number[] = [];
    const counts: number[] = [];
    const churn: number[] = [];
    const attribution: number[] = [];
    const authors = this.lowerIds.length + 1;
    // The days and attributions the rows span: when every key fits in a small integer, the Map needs
    // no boxed number per row (a cold report groups every commit of the history).
    let first = Infinity;
    let last = -Infinity;
    let attributions = 0;
    for (let i = 0; i < rows.length; i++) {
      if ((i & 8191) === 8191) await pacer.pause();
      const row = rows[i];
      const day = this.dayNumber(row);
      if (day < first) first = day;
      if (day > last) last = day;
      if (attributionOf[row] >= attributions) attributions = attributionOf[row] + 1;
    }
    const days = last - first + 1;
    const small = attributions * authors * days < 2 ** 30;
    const numeric = (attributionOf.length + 1) * authors * 262_144 < Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < rows.length; i++) {
      if ((i & 8191) === 8191) await pacer.pause();
      const row = rows[i];
      const day = this.dayNumber(row);
      const author = this.lowerIds[t.email[row]];
      const key = small
        ? (attributionOf[row] * authors + author) * days + (day - first)
        : numeric
          ? (attributionOf[row] * authors + author) * 262_144 + day + 100_000 // 0..262143: years 1696..2443
          : `${attributionOf[row]},${author},${day}`;
      let g = groups.get(key);
      if (g === undefined) {
        groups.set(key, (g = newest.length));
        newest.push(row);
        counts.push(0);
        churn.push(0);
        attribution.push(attributionOf[row]);
      }
      counts[g]++;
      churn[g] += Math.max(0, t.churn[row]);
      const previous = newest[g];
      if (row === previous) continue;
      if (
        t.authorTime[row] > t.authorTime[previous] ||
        (t.authorTime[row] === t.authorTime[previous] && this.authorDate(row) > this.authorDate(previous))
      )
        newest[g] = row;
    }
    return this.grouped(newest, counts, churn, attribution);
  }

  private *grouped(
    newest: number[],
    counts: number[],
    churn: number[],
    attribution: number[],
  ): Generator<{ commit: EffortCommit; attribution: number }> {
    const t = this.table;
    for (let g = 0; g < newest.length; g++) {
      const row = newest[g];
      const day = this.dayNumber(row);
      yield {
        attribution: attribution[g],
        commit: {
          count: counts[g],
          author: this.lowerEmail(row),
          day: this.dayText(day),
          pair: this.lowerIds[t.email[row]] * PAIR_DAYS + day,
          time: t.authorTime[row] * 1000,
          authorDate: () => this.authorDate(row),
          churn: churn[g],
        },
      };
    }
  }
}

/** Seconds since the epoch and an offset in minutes → `YYYY-MM-DDTHH:MM:SS±HH:MM`. */
export function isoWithOffset(seconds: number, offsetMinutes: number): string {
  const local = new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
