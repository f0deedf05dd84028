// Long output through a file instead of a pipe (the CLI's history log: runner.ts). Into a pipe or a
// socket git writes only as fast as this process reads: each turn of the event loop spent on
// something else (parsing the chunk before, another repository's attribution, a collection) holds
// git at a full pipe, and that wait adds to the log's own time (git/git: 150–230 ms of ~1.5 s; many
// repositories at --jobs 1: the log ran 300 ms for 183 ms of CPU). Into a file git never waits: it
// is read here as it grows, and whatever was missed in a busy turn is there at the next read.
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StageResult } from './pipeline';

/** The most read at a time. */
const BLOCK = 256 * 1024;
/** Reading (and the caller's parsing of what is read) goes on for at most about this long a turn of the event loop. */
const TURN_MS = 12;
/** How long to wait before looking again when the file had nothing new. */
const IDLE_MS = 2;

export interface Spool {
  path: string;
  /** Reads what the stage writes into `path` until `done` (the stage has exited), then to the end. */
  read(onChunk: (chunk: Buffer) => void, done: Promise<StageResult[]>): Promise<StageResult[]>;
  /** Closes and removes the file (the launcher removes it once opened: this is for when it never did). */
  dispose(): void;
}

/** A new empty file only this user may read, in the temp folder, open for reading. */
export function createSpool(): Spool {
  const path = join(tmpdir(), `strategy-align-out-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(path, 'wx+', 0o600);
  let open = true;
  const dispose = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
    rmSync(path, { force: true });
  };
  return { path, read: (onChunk, done) => readGrowing(fd, onChunk, done).finally(dispose), dispose };
}

function readGrowing(fd: number, onChunk: (chunk: Buffer) => void, done: Promise<StageResult[]>): Promise<StageResult[]> {
  let results: StageResult[] | undefined;
  void done.then((r) => (results = r));
  // Read into the rest of one block, a view of each read handed over: no copies. A new block when
  // little of this one is left.
  let block = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  /** What was written since the last read (at most what is left of the block), or undefined at the end. */
  const next = (): Buffer | undefined => {
    if (BLOCK - used < BLOCK / 4) {
      block = Buffer.allocUnsafe(BLOCK);
      used = 0;
    }
    const n = readSync(fd, block, used, BLOCK - used, null);
    if (n === 0) return undefined;
    used += n;
    return block.subarray(used - n, used);
  };
  return new Promise((resolve) => {
    const step = () => {
      try {
        const ended = results; // seen before reading: everything git wrote is in the file then
        const until = performance.now() + TURN_MS;
        do {
          const chunk = next();
          if (!chunk) {
            if (ended) return resolve(ended);
            return void setTimeout(step, IDLE_MS);
          }
          onChunk(chunk);
        } while (performance.now() < until);
        setImmediate(step); // the rest in the next turn: timers, I/O and the editor's work go first
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        void done.then((r) => resolve(r.map((stage, i) => (i === r.length - 1 ? { ...stage, error: { code, message } } : stage))));
      }
    };
    step();
  });
}
