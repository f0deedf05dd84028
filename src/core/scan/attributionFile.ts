// The attribution of the cached history, saved beside the history file under a key naming every
// input it was computed from (the same key that keeps it in memory between scans) and the table's
// rows it indexes. A reopened editor window, or a CLI run whose saved report does not answer, then
// skips the attribution (on 100k commits ~300–500 ms of the extension host's time, issue 14) when
// nothing it depends on changed. Like the history file: versioned, checksummed, written to a
// temporary file renamed into place; a file not exactly right is no file. What a refresh after new
// commits would start from (the memo) is not saved: the first scan that finds new commits after a
// reopen attributes the whole history again.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Attribution } from '../attribution/attribute';
import type { CommitTable } from '../history/commitTable';
import type { Attributed } from './attributeHistory';
import type { ScannedBranch } from './branchScan';
import type { HistoryView } from './historyView';

const MAGIC = Buffer.from('STRALIGN-ATTRIBUTION\n');
const VERSION = 1;

interface Header {
  version: number;
  key: string;
  count: number;
  attributions: Attribution[];
  /** `remote` and `goal` as null when absent: a scanned branch always has both keys, undefined or not. */
  branches: (Omit<ScannedBranch, 'unique' | 'remote' | 'goal'> & {
    unique: string[];
    remote: string | null;
    goal: ScannedBranch['goal'] | null;
  })[];
  warnings: string[];
}

/** The attribution file beside a history file: `history.bin` → `history-attribution.bin`. */
export function attributionFileOf(historyFile: string): string {
  return `${historyFile.replace(/\.bin$/, '')}-attribution.bin`;
}

/** Names the rows of `table` an attribution indexes: their shas, parents and flags, in order (a few ms on 100k rows). */
export function tableStamp(table: CommitTable): string {
  const { count } = table;
  let crc = crc32(table.index.shas.subarray(0, count * table.index.width));
  for (const column of [table.flags, table.parent1, table.parent2]) {
    crc = crc32(Buffer.from(column.buffer, column.byteOffset, count * column.BYTES_PER_ELEMENT), crc);
  }
  return `${count}:${(crc >>> 0).toString(16)}`;
}

export async function writeAttribution(file: string, key: string, attributed: Attributed): Promise<void> {
  const { view, of, attributions, branches, warnings } = attributed;
  if (of.length !== view.table.count) return;
  const header: Header = {
    version: VERSION,
    key,
    count: of.length,
    attributions,
    branches: branches.map((b) => ({ ...b, remote: b.remote ?? null, goal: b.goal ?? null, unique: [...b.unique] })),
    warnings: warnings ?? [],
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const rows = Buffer.from(of.buffer, of.byteOffset, of.byteLength);
  const parts = [MAGIC, length, json, rows];
  let crc = 0;
  for (const part of parts) crc = crc32(part, crc);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc >>> 0);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, Buffer.concat([...parts, trailer]));
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined); // read-only, disk full: the next run attributes again
  }
}

/** The saved attribution of `view`'s rows when it was saved under `key`, else undefined. */
export async function readAttribution(file: string, key: string, view: HistoryView): Promise<Attributed | undefined> {
  try {
    const bytes = await readFile(file);
    if (bytes.length < MAGIC.length + 8 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    if (crc32(bytes.subarray(0, bytes.length - 4)) >>> 0 !== bytes.readUInt32LE(bytes.length - 4)) return undefined;
    const length = bytes.readUInt32LE(MAGIC.length);
    const start = MAGIC.length + 4;
    const header = JSON.parse(bytes.subarray(start, start + length).toString('utf8')) as Header;
    if (header.version !== VERSION || header.key !== key || header.count !== view.table.count) return undefined;
    const rows = bytes.subarray(start + length, bytes.length - 4);
    if (rows.length !== header.count * 4) return undefined;
    const of = new Int32Array(header.count);
    new Uint8Array(of.buffer).set(rows);
    const branches = header.branches.map((b) => ({
      ...b,
      remote: b.remote ?? undefined,
      goal: b.goal ?? undefined,
      unique: new Set(b.unique),
    }));
    return { view, of, attributions: header.attributions, branches, warnings: header.warnings };
  } catch {
    return undefined;
  }
}
