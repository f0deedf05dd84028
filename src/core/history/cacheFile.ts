// The history cache on disk: a versioned header, the commit table's columns as raw bytes, and a
// CRC-32 of everything before it. A file that is not exactly right (old version, truncated, bit
// flips, another trailer key) is rejected and the history is read again: never wrong numbers.
// Writes go to a temporary file renamed into place, so a concurrent reader never sees half a file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { CommitTable } from './commitTable';
import { ShaIndex } from './shaIndex';

export const CACHE_VERSION = 1;
/** Where the CLI keeps it, under the git common dir: `.git/strategy-align/history.bin`. */
export const CACHE_DIR = 'strategy-align';
export const CACHE_FILE = 'history.bin';
const MAGIC = Buffer.from('STRALIGN-HISTORY\n');

/** Everything the history cache keeps between runs. */
export interface HistoryState {
  trailerKey: string;
  /** Tips whose whole history is in the table. */
  tips: string[];
  /** refs/notes/goals when its notes were read, with their goals (sha → ids). */
  notesSha: string | null;
  notes: Map<string, string[]>;
  /** Hash of the churn exclusion list the table's churn was computed with. */
  churnKey: string;
  table: CommitTable;
}

interface Header {
  version: number;
  trailerKey: string;
  tips: string[];
  notesSha: string | null;
  notes: [string, string[]][];
  churnKey: string;
  count: number;
  shaWidth: number;
  subjectBytes: number;
  names: string[];
  emails: string[];
  goalSets: string[];
  moreParents: [number, number[]][];
}

type Column = Uint8Array | Int32Array | Uint32Array | Float64Array | Int16Array;
const COLUMNS = ['flags', 'parent1', 'parent2', 'name', 'email', 'authorTime', 'authorTz', 'committerTime', 'goals', 'subjectStart', 'subjectLength', 'churn'] as const;

function columnBytes(table: CommitTable, count: number): Buffer[] {
  const out: Buffer[] = [table.index.shas.subarray(0, count * table.index.width)];
  for (const name of COLUMNS) {
    const column = table[name] as Column;
    out.push(Buffer.from(column.buffer, column.byteOffset, count * column.BYTES_PER_ELEMENT));
  }
  out.push(table.subjects.subarray(0, table.subjectBytes));
  return out;
}

export async function writeHistory(file: string, state: HistoryState): Promise<void> {
  const { table } = state;
  const header: Header = {
    version: CACHE_VERSION,
    trailerKey: state.trailerKey,
    tips: state.tips,
    notesSha: state.notesSha,
    notes: [...state.notes],
    churnKey: state.churnKey,
    count: table.count,
    shaWidth: table.index.width,
    subjectBytes: table.subjectBytes,
    names: table.names.values,
    emails: table.emails.values,
    goalSets: table.goalSets.values,
    moreParents: [...table.moreParents],
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const parts = [MAGIC, length, json, ...columnBytes(table, table.count)];
  let crc = 0;
  for (const part of parts) crc = crc32(part, crc);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc >>> 0);
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    for (const part of [...parts, trailer]) await handle.write(part);
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The saved state, or undefined when there is none or it is not exactly right. */
export async function readHistory(file: string): Promise<HistoryState | undefined> {
  const data = await readFile(file).catch(() => undefined);
  if (!data) return undefined;
  try {
    return decode(data);
  } catch {
    return undefined;
  }
}

function decode(data: Buffer): HistoryState | undefined {
  if (data.length < MAGIC.length + 8 || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if ((crc32(data.subarray(0, data.length - 4)) >>> 0) !== data.readUInt32LE(data.length - 4)) return undefined;
  const jsonLength = data.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const header = JSON.parse(data.toString('utf8', offset, offset + jsonLength)) as Header;
  offset += jsonLength;
  if (header.version !== CACHE_VERSION) return undefined;
  const { count, shaWidth } = header;
  const table = new CommitTable(0, shaWidth, { names: header.names, emails: header.emails, goalSets: header.goalSets });
  const take = (bytes: number) => {
    if (offset + bytes > data.length - 4) throw new Error('truncated');
    const part = data.subarray(offset, offset + bytes);
    offset += bytes;
    return part;
  };
  const capacity = count + 1024;
  (table as { index: ShaIndex }).index = ShaIndex.fromShas(shaWidth, take(count * shaWidth), count, capacity);
  for (const name of COLUMNS) {
    const column = table[name] as Column;
    const Type = column.constructor as new (n: number) => Column;
    const loaded = new Type(capacity);
    const bytes = take(count * loaded.BYTES_PER_ELEMENT);
    new Uint8Array(loaded.buffer).set(bytes);
    (table as unknown as Record<string, Column>)[name] = loaded;
  }
  table.churn.fill(-1, count);
  const subjects = take(header.subjectBytes);
  table.subjects = Buffer.allocUnsafe(header.subjectBytes + 64 * 1024);
  subjects.copy(table.subjects);
  table.subjectBytes = header.subjectBytes;
  if (offset !== data.length - 4) return undefined;
  table.count = count;
  for (const [row, parents] of header.moreParents) table.moreParents.set(row, parents);
  return {
    trailerKey: header.trailerKey,
    tips: header.tips,
    notesSha: header.notesSha,
    notes: new Map(header.notes),
    churnKey: header.churnKey,
    table,
  };
}
