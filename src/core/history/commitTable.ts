// Every commit of the history, column by column: typed arrays and one byte blob instead of an object
// per commit, so a million commits fit in a bounded, small heap (issue 6). A row is created when a
// commit or a parent is first seen; `read` rows have their facts. Facts are keyed by sha and never
// change (a commit is immutable); only churn is filled in later, when churn is asked for.
import { bytesOf, column, grown, MAX_ROWS } from './growable';
import { ShaIndex } from './shaIndex';

/** The most subject bytes a table can hold. */
const MAX_SUBJECT_BYTES = 2 ** 31;

export const FLAG_READ = 1;
export const FLAG_MERGE = 2;
/** The goals came from `Key: id` lines in the message body, not from git's trailer block. */
export const FLAG_GOALS_IN_BODY = 4;
const NO_ROW = -1;

/** Distinct strings (names, emails, goal sets), each stored once and named by a small number. */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(values: readonly string[] = []) {
    for (const v of values) this.id(v);
  }

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  private readonly byHash = new Map<number, number[]>();
  private readonly bytes: Buffer[] = [];
  /** The id idOfBytes gave last: the same author often writes several commits in a row. */
  private last = -1;

  /** The id of the UTF-8 text at data[start, end), without decoding it when it was seen before. */
  idOfBytes(data: Buffer, start: number, end: number): number {
    const last = this.last >= 0 ? this.bytes[this.last] : undefined;
    if (last && last.length === end - start && sameBytes(data, start, last)) return this.last;
    return (this.last = this.idOfNewBytes(data, start, end));
  }

  private idOfNewBytes(data: Buffer, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ data[i], 0x01000193);
    const candidates = this.byHash.get(hash);
    if (candidates) {
      for (const id of candidates) {
        const known = this.bytes[id];
        if (known && known.length === end - start && sameBytes(data, start, known)) return id;
      }
    }
    const id = this.id(data.toString('utf8', start, end));
    this.bytes[id] = Buffer.from(data.subarray(start, end));
    if (candidates) candidates.push(id);
    else this.byHash.set(hash, [id]);
    return id;
  }
}

function sameBytes(data: Buffer, start: number, known: Buffer): boolean {
  for (let i = 0; i < known.length; i++) if (data[start + i] !== known[i]) return false;
  return true;
}

export class CommitTable {
  count = 0;
  index: ShaIndex;
  flags: Uint8Array;
  parent1: Int32Array;
  parent2: Int32Array;
  /** Parents beyond the second (octopus merges), by row. */
  readonly moreParents = new Map<number, number[]>();
  name: Int32Array;
  email: Int32Array;
  /** Seconds since the epoch; the author's offset from UTC in minutes. */
  authorTime: Float64Array;
  authorTz: Int16Array;
  committerTime: Float64Array;
  /** Explicit goals written in the message (trailer block, else `Key: id` lines): a goal-set id, 0 = none. */
  goals: Int32Array;
  /** Issue keys named in a non-merge commit's message (`PAY-7`, `#88`, issue 13): a key-set id, 0 = none. */
  keys: Int32Array;
  subjectStart: Uint32Array;
  subjectLength: Uint32Array;
  subjects: Buffer;
  subjectBytes = 0;
  /** Lines added + deleted outside the excluded files; -1 until read. */
  churn: Int32Array;
  readonly names: Interner;
  readonly emails: Interner;
  /** Goal sets as `a\u001fb`; id 0 is the empty set. */
  readonly goalSets: Interner;
  /** Issue-key sets as `PAY-7\u001f#88`; id 0 is the empty set. */
  readonly keySets: Interner;

  /**
   * A cold read starts with room for 4k commits and grows by half (eight growths to 100k commits, each
   * a copy of the columns and a rehash: a few ms in all). Starting at 64k cost every scan of a small
   * repository ~7 MB of fresh pages (~30 ms of page faults on the test VM, 5 s of the unit suite).
   */
  constructor(capacity = 4_096, shaBytes = 20, strings?: { names: string[]; emails: string[]; goalSets: string[]; keySets: string[] }) {
    this.index = new ShaIndex(shaBytes, capacity);
    this.flags = column(Uint8Array, capacity);
    this.parent1 = column(Int32Array, capacity);
    this.parent2 = column(Int32Array, capacity);
    this.name = column(Int32Array, capacity);
    this.email = column(Int32Array, capacity);
    this.authorTime = column(Float64Array, capacity);
    this.authorTz = column(Int16Array, capacity);
    this.committerTime = column(Float64Array, capacity);
    this.goals = column(Int32Array, capacity);
    this.keys = column(Int32Array, capacity);
    this.subjectStart = column(Uint32Array, capacity);
    this.subjectLength = column(Uint32Array, capacity);
    this.subjects = bytesOf(column(Uint8Array, capacity * 32, MAX_SUBJECT_BYTES));
    this.churn = column(Int32Array, capacity).fill(-1);
    this.names = new Interner(strings?.names);
    this.emails = new Interner(strings?.emails);
    this.goalSets = new Interner(strings?.goalSets ?? ['']);
    this.keySets = new Interner(strings?.keySets ?? ['']);
  }

  get capacity(): number {
    return this.flags.length;
  }

  /** The row of a sha (hex), or -1. */
  find(sha: string): number {
    return this.index.findHex(sha);
  }

  /** The row of the sha at `data[start..start+hexLength)`, created empty when new. */
  rowOfHex(data: Buffer, start: number, hexLength: number): number {
    const found = this.index.findHexBytes(data, start, hexLength);
    if (found !== NO_ROW) return found;
    const row = this.addRow();
    this.index.insertLastDecoded(row);
    return row;
  }

  sha(row: number): string {
    return this.index.hex(row);
  }

  isRead(row: number): boolean {
    return (this.flags[row] & FLAG_READ) !== 0;
  }

  isMerge(row: number): boolean {
    return (this.flags[row] & FLAG_MERGE) !== 0;
  }

  /** Calls `visit` with each parent row. */
  forEachParent(row: number, visit: (parent: number) => void): void {
    if (this.parent1[row] !== NO_ROW) visit(this.parent1[row]);
    if (this.parent2[row] !== NO_ROW) visit(this.parent2[row]);
    for (const p of this.moreParents.get(row) ?? []) visit(p);
  }

  parentShas(row: number): string[] {
    const out: string[] = [];
    this.forEachParent(row, (p) => out.push(this.sha(p)));
    return out;
  }

  goalList(row: number): string[] {
    const set = this.goalSets.values[this.goals[row]];
    return set ? set.split('\u001f') : [];
  }

  /** The issue keys of `row`'s message, upper case, in order of appearance. */
  keyList(row: number): string[] {
    const set = this.keySets.values[this.keys[row]];
    return set ? set.split('\u001f') : [];
  }

  subject(row: number): string {
    return this.subjects.toString('utf8', this.subjectStart[row], this.subjectStart[row] + this.subjectLength[row]);
  }

  setSubject(row: number, data: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.subjectBytes + length > this.subjects.length) {
      this.subjects = bytesOf(
        grown(
          this.subjects,
          Math.min(MAX_SUBJECT_BYTES, Math.max(this.subjects.length * 1.5, this.subjectBytes + length + 1024) | 0),
          MAX_SUBJECT_BYTES,
        ),
      );
    }
    // A loop, not Buffer#copy: for a subject's few dozen bytes its argument checks cost more than the copy.
    const subjects = this.subjects;
    for (let i = start, at = this.subjectBytes; i < end; i++, at++) subjects[at] = data[i];
    this.subjectStart[row] = this.subjectBytes;
    this.subjectLength[row] = length;
    this.subjectBytes += length;
  }

  private addRow(): number {
    if (this.count === this.capacity) this.grow(Math.min(MAX_ROWS, Math.ceil(this.capacity * 1.5) + 16));
    const row = this.count++;
    this.flags[row] = 0;
    this.parent1[row] = NO_ROW;
    this.parent2[row] = NO_ROW;
    this.goals[row] = 0;
    this.keys[row] = 0;
    this.churn[row] = -1;
    this.subjectLength[row] = 0;
    return row;
  }

  private grow(capacity: number): void {
    if (capacity > MAX_ROWS) throw new Error(`more than ${MAX_ROWS} commits: too many for the history cache`);
    this.flags = grown(this.flags, capacity);
    this.parent1 = grown(this.parent1, capacity);
    this.parent2 = grown(this.parent2, capacity);
    this.name = grown(this.name, capacity);
    this.email = grown(this.email, capacity);
    this.authorTime = grown(this.authorTime, capacity);
    this.authorTz = grown(this.authorTz, capacity);
    this.committerTime = grown(this.committerTime, capacity);
    this.goals = grown(this.goals, capacity);
    this.keys = grown(this.keys, capacity);
    this.subjectStart = grown(this.subjectStart, capacity);
    this.subjectLength = grown(this.subjectLength, capacity);
    this.churn = grown(this.churn, capacity);
    this.index.growRows(capacity);
  }
}
