// The CLI's warm report: what a full scan handed to buildReport (the folded effort, the branches,
// the strategy, the warnings), saved beside the history cache under a key naming every input of
// that scan (the build, strategy.yaml's bytes, the repository's fingerprint, the measure) and the
// range of `since`/`until` values that select exactly the same commits. A later run whose inputs
// hash to the same key reads it and builds the report with its own clock: no history read, no
// strategy parsing. Like the history file: versioned, checksummed, written to a temporary file
// renamed into place; anything not exactly right is no snapshot, and the full scan runs. The
// checksum is a SHA-1 (node:crypto, which the key needs anyway) rather than zlib's CRC-32, and the
// files are read with node:fs: the warm run loads neither node:zlib nor node:fs/promises (~5 ms). (A JavaScript
// MurmurHash3 instead of node:crypto was tried: on a 116 KB file it cost more than loading crypto.)
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const SNAPSHOT_VERSION = 1;
/** Beside history.bin in the cache folder. */
export const SNAPSHOT_FILE = 'reports.bin';
const MAGIC = Buffer.from('STRALIGN-REPORTS\n');
/** Entries kept (report and check with a few ranges and measures); the oldest go first. */
const MAX_ENTRIES = 8;
/** Bytes of the checksum after the body (SHA-1). */
const SUM = 20;

/**
 * Seconds: `lo < x <= hi` (for `from`) or `lo <= x < hi` (for `to`) give the same commits as the
 * saved range; null is unbounded.
 */
export type Window = [number | null, number | null];

export interface SnapshotEntry {
  key: string;
  /** The local day the strategy's warnings were computed for, when one depends on it (a due date). */
  day: string | null;
  from: Window;
  to: Window;
  /** The saved inputs of buildReport, encoded by encodeFacts. */
  facts: string;
}

/** A short stable hash of JSON-able parts. */
export function snapshotKey(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

function checksum(body: Uint8Array): Buffer {
  return createHash('sha1').update(body).digest();
}

/**
 * The window of range bounds that select the same rows as [from, to] (seconds): among the `times`
 * of the counted rows (`counted[row] >= 0`), the nearest on each side of each bound.
 */
export function rangeWindows(times: ArrayLike<number>, counted: ArrayLike<number>, from: number, to: number): { from: Window; to: Window } {
  let belowFrom = -Infinity;
  let atOrAboveFrom = Infinity;
  let atOrBelowTo = -Infinity;
  let aboveTo = Infinity;
  for (let row = 0; row < counted.length; row++) {
    if (counted[row] < 0) continue;
    const t = times[row];
    if (t < from) belowFrom = Math.max(belowFrom, t);
    else atOrAboveFrom = Math.min(atOrAboveFrom, t);
    if (t <= to) atOrBelowTo = Math.max(atOrBelowTo, t);
    else aboveTo = Math.min(aboveTo, t);
  }
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return { from: [finite(belowFrom), finite(atOrAboveFrom)], to: [finite(atOrBelowTo), finite(aboveTo)] };
}

function inFrom([lo, hi]: Window, x: number): boolean {
  return (lo === null || x > lo) && (hi === null || x <= hi);
}

function inTo([lo, hi]: Window, x: number): boolean {
  return (lo === null || x >= lo) && (hi === null || x < hi);
}

/** The saved facts for `key` whose range selects the same commits as [from, to] on `day`. */
export async function readSnapshot(file: string, key: string, from: number, to: number, day: string): Promise<string | undefined> {
  const entries = await readEntries(file);
  return entries.find((e) => e.key === key && (e.day === null || e.day === day) && inFrom(e.from, from) && inTo(e.to, to))?.facts;
}

/** Adds `entry` (first), dropping the oldest beyond MAX_ENTRIES. A failure to write only costs the next run time. */
export async function writeSnapshot(file: string, entry: SnapshotEntry): Promise<void> {
  try {
    const same = (e: SnapshotEntry) =>
      e.key === entry.key && e.day === entry.day && JSON.stringify([e.from, e.to]) === JSON.stringify([entry.from, entry.to]);
    const entries = [entry, ...(await readEntries(file)).filter((e) => !same(e))].slice(0, MAX_ENTRIES);
    const body = Buffer.concat([MAGIC, Buffer.from(JSON.stringify({ version: SNAPSHOT_VERSION, entries }))]);
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, Buffer.concat([body, checksum(body)]));
    try {
      renameSync(temporary, file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  } catch {
    // read-only .git, disk full: the numbers are right either way
  }
}

async function readEntries(file: string): Promise<SnapshotEntry[]> {
  try {
    const bytes = readFileSync(file);
    if (bytes.length < MAGIC.length + SUM || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return [];
    const body = bytes.subarray(0, bytes.length - SUM);
    if (!checksum(body).equals(bytes.subarray(bytes.length - SUM))) return [];
    const parsed = JSON.parse(body.subarray(MAGIC.length).toString('utf8')) as { version: number; entries: SnapshotEntry[] };
    return parsed.version === SNAPSHOT_VERSION && Array.isArray(parsed.entries) ? parsed.entries : [];
  } catch {
    return [];
  }
}

// Plain data with Maps, Sets and instances of the given classes, as JSON and back. Functions are
// left out: a revived object is for reading (buildReport reads a finished aggregator).
const MAP = '\u0000map';
const SET = '\u0000set';
const CLASS = '\u0000class';

type Classes = Record<string, abstract new (...args: never[]) => object>;

export function encodeFacts(value: unknown, classes: Classes): string {
  const names = new Map(Object.entries(classes).map(([name, type]) => [type.prototype as object, name]));
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (v instanceof Map) return { [MAP]: [...v] };
    if (v instanceof Set) return { [SET]: [...v] };
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('a number JSON cannot hold'); // never saved: the full scan runs again
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto !== Object.prototype && proto !== null) {
        const name = names.get(proto);
        if (name === undefined) throw new Error(`cannot save a ${proto.constructor?.name ?? 'value'}`);
        if (!(CLASS in v)) return { [CLASS]: name, ...v };
      }
    }
    return v;
  });
}

/** The value encodeFacts saved. (A walk after a plain JSON.parse: a reviver costs a call per number.) */
export function decodeFacts<T>(text: string, classes: Classes): T {
  return revive(JSON.parse(text), classes) as T;
}

function revive(value: unknown, classes: Classes): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (value[i] !== null && typeof value[i] === 'object') value[i] = revive(value[i], classes);
    return value;
  }
  const o = value as Record<string, unknown>;
  if (MAP in o) return new Map(revive(o[MAP], classes) as [unknown, unknown][]);
  if (SET in o) return new Set(revive(o[SET], classes) as unknown[]);
  for (const key of Object.keys(o)) if (o[key] !== null && typeof o[key] === 'object') o[key] = revive(o[key], classes);
  if (!(CLASS in o)) return o;
  const type = classes[o[CLASS] as string];
  if (!type) throw new Error('unknown class');
  delete o[CLASS];
  return Object.assign(Object.create(type.prototype as object) as object, o);
}
