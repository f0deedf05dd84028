// The history cache on disk: a versioned header, the commit table's columns as raw bytes, and a
// CRC-32 of everything before it. A file that is not exactly right (old version, truncated, bit
// flips, another trailer key) is rejected and the history is read again: never wrong numbers.
// Writes go to a temporary file renamed into place, so a concurrent reader never sees half a file.
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { CommitTable } from './commitTable';
import { bytesOf, type Column, column, MAX_ROWS } from './growable';
import { ShaIndex } from './shaIndex';

/**
 * 2: merge commits keep their trailer goals (issue 12: a merge's trailer gives its range the goal).
 * 3: the issue keys of each message (issue 13: the message itself is not kept).
 */
export const CACHE_VERSION = 3;
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
  keySets: string[];
  moreParents: [number, number[]][];
}

const COLUMNS = [
  'flags',
  'parent1',
  'parent2',
  'name',
  'email',
  'authorTime',
  'authorTz',
  'committerTime',
  'goals',
  'keys',
  'subjectStart',
  'subjectLength',
  'churn',
] as const;

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
    keySets: table.keySets.values,
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
    // One write of every part: a scan goes on meanwhile (attribution, aggregation), and each awaited
    // write waited for its next turn of the event loop: git/git's 17 parts took ~500 ms instead of ~20.
    let rest = [...parts, trailer];
    while (rest.length > 0) {
      let { bytesWritten } = await handle.writev(rest);
      while (rest.length > 0 && bytesWritten >= rest[0].length) bytesWritten -= rest.shift()!.length;
      if (rest.length > 0) rest = [rest[0].subarray(bytesWritten), ...rest.slice(1)];
    }
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

/**
 * The saved state, or undefined when there is none or it is not exactly right. Each column is read
 * from the file straight into its (growable) array: the file is never in memory twice.
 */
export async function readHistory(file: string): Promise<HistoryState | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    return await decode(handle, (await handle.stat()).size);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

async function decode(handle: FileHandle, size: number): Promise<HistoryState | undefined> {
  let offset = 0;
  let crc = 0;
  /** Fills `into` from the file (all of it, or the file is short) and adds it to the checksum. */
  const read = async (into: Uint8Array): Promise<void> => {
    if (offset + into.length > size - 4) throw new Error('truncated');
    let done = 0;
    while (done < into.length) {
      const { bytesRead } = await handle.read(into, done, into.length - done, offset + done);
      if (bytesRead === 0) throw new Error('truncated');
      done += bytesRead;
    }
    offset += into.length;
    crc = crc32(into, crc);
  };
  const prefix = Buffer.alloc(MAGIC.length + 4);
  await read(prefix);
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const json = Buffer.alloc(prefix.readUInt32LE(MAGIC.length));
  await read(json);
  const header = JSON.parse(json.toString('utf8')) as Header;
  if (header.version !== CACHE_VERSION) return undefined;
  const { count, shaWidth } = header;
  const capacity = count + 1024;
  const table = new CommitTable(0, shaWidth, {
    names: header.names,
    emails: header.emails,
    goalSets: header.goalSets,
    keySets: header.keySets,
  });
  const shas = bytesOf(column(Uint8Array, count * shaWidth, MAX_ROWS * shaWidth));
  await read(shas);
  table.index = ShaIndex.fromShas(shaWidth, shas, count, capacity);
  for (const name of COLUMNS) {
    const Type = (table[name] as Column).constructor as new (n: number) => Column;
    const loaded = column(Type as never, capacity) as Column;
    await read(new Uint8Array(loaded.buffer, 0, count * loaded.BYTES_PER_ELEMENT));
    (table as unknown as Record<string, Column>)[name] = loaded;
  }
  table.churn.fill(-1, count);
  table.subjects = bytesOf(column(Uint8Array, header.subjectBytes + 64 * 1024, 2 ** 31));
  await read(table.subjects.subarray(0, header.subjectBytes));
  table.subjectBytes = header.subjectBytes;
  if (offset !== size - 4) return undefined;
  const trailer = Buffer.alloc(4);
  await handle.read(trailer, 0, 4, offset);
  if (crc >>> 0 !== trailer.readUInt32LE(0)) return undefined;
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
