// Patch-ids kept between runs (issue 12: "cached by sha"): a commit's patch-id never changes, and
// computing it (a diff of the commit) costs far more than reading the commit, so each one is
// computed once per clone. Beside the history cache: `patch-ids.bin`, the entries sorted by sha
// (sha, a flag, the patch-id), then a CRC-32 of everything before it; looked up by binary search,
// so a run reads only the entries it needs. Written to a temporary file renamed into place; a file
// that is not exactly right is no file (they are computed again), never a wrong patch-id.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

export const PATCH_ID_FILE = 'patch-ids.bin';
const MAGIC = Buffer.from('STRALIGN-PATCHIDS\n');
/** MAGIC, a version byte, the sha width in bytes (20, or 32 for SHA-256 repositories). */
const HEAD = MAGIC.length + 2;
const VERSION = 1;

/** sha → patch-id, null: the commit changes nothing. */
export type PatchIds = Map<string, string | null>;

function parse(bytes: Buffer): { width: number; count: number; bytes: Buffer } | undefined {
  if (bytes.length < HEAD + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC) || bytes[MAGIC.length] !== VERSION) return undefined;
  const width = bytes[MAGIC.length + 1];
  const body = bytes.length - 4 - HEAD;
  if ((width !== 20 && width !== 32) || body % (2 * width + 1) !== 0) return undefined;
  if (crc32(bytes.subarray(0, bytes.length - 4)) >>> 0 !== bytes.readUInt32LE(bytes.length - 4)) return undefined;
  return { width, count: body / (2 * width + 1), bytes };
}

async function load(file: string): Promise<ReturnType<typeof parse>> {
  try {
    return parse(await readFile(file));
  } catch {
    return undefined;
  }
}

/** The saved patch-ids of `shas` (those the file has). */
export async function readPatchIds(file: string, shas: readonly string[]): Promise<PatchIds> {
  const found: PatchIds = new Map();
  const saved = await load(file);
  if (!saved) return found;
  const { width, count, bytes } = saved;
  const size = 2 * width + 1;
  for (const sha of shas) {
    if (sha.length !== 2 * width) continue;
    const key = Buffer.from(sha, 'hex');
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = HEAD + mid * size;
      const order = bytes.compare(key, 0, width, at, at + width);
      if (order === 0) {
        found.set(sha, bytes[at + width] === 1 ? bytes.toString('hex', at + width + 1, at + size) : null);
        break;
      }
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return found;
}

/** Adds `more` to the saved patch-ids. A failure to write only costs the next run time. */
export async function addPatchIds(file: string, more: PatchIds): Promise<void> {
  const width = ([...more.keys()][0]?.length ?? 0) / 2;
  if (more.size === 0 || (width !== 20 && width !== 32)) return;
  const size = 2 * width + 1;
  const entries = new Map<string, Buffer>();
  const saved = await load(file);
  if (saved?.width === width)
    for (let i = 0; i < saved.count; i++) {
      const at = HEAD + i * size;
      entries.set(saved.bytes.toString('hex', at, at + width), saved.bytes.subarray(at, at + size));
    }
  for (const [sha, id] of more) {
    if (sha.length !== 2 * width || (id !== null && id.length !== 2 * width)) continue;
    const entry = Buffer.alloc(size);
    entry.write(sha, 0, 'hex');
    entry[width] = id === null ? 0 : 1;
    if (id !== null) entry.write(id, width + 1, 'hex');
    entries.set(sha, entry);
  }
  const body = Buffer.concat([MAGIC, Buffer.from([VERSION, width]), ...[...entries.keys()].sort().map((sha) => entries.get(sha)!)]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32(body) >>> 0);
  try {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, Buffer.concat([body, sum]));
    await rename(temporary, file).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
  } catch {
    // read-only .git, disk full: the numbers are right either way
  }
}
