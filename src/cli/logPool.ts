// The scans of many repositories (multi.ts): `--jobs` history logs running at a time, twice as many
// scans under way. A history log holds its slot while git runs, not while its output is read: it
// writes into a file (core/git/spool.ts), so the next repository's log starts as soon as git has
// exited, while this one's output is parsed and its patch-ids, attribution and aggregation run. Run
// one scan after another, a log left a core idle for that work (50 repositories x 20k commits at
// --jobs 1: the report thread waited on git 75% of the time). At most twice --jobs scans are under
// way, so what stays in memory is bounded too.
import type { Launcher, RunningPipeline, StageResult } from '../core/git/pipeline';

/**
 * `work` over `items` in order, at most `limit` at once; results in the items' order. The first
 * failure fails all: no new item starts, and those under way end first.
 */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const running = new Gate(limit);
  let failure: { error: unknown } | undefined;
  const started: Promise<void>[] = [];
  for (let i = 0; i < items.length; i++) {
    await running.take();
    if (failure) break;
    started.push(
      work(items[i])
        .then(
          (result) => {
            results[i] = result;
          },
          (error: unknown) => {
            failure ??= { error };
          },
        )
        .finally(() => running.give()),
    );
  }
  await Promise.all(started);
  if (failure) throw failure.error;
  return results;
}

/** `launch`, with at most `size` of its spooled pipelines (the history logs) running at once; the others start as before. */
export function gateSpooled(launch: Launcher, size: number): Launcher {
  const gate = new Gate(size);
  return (request, onChunk) => {
    if (!request.spool) return launch(request, onChunk);
    let running: RunningPipeline | undefined;
    let killed = false;
    const stopped: StageResult[] = request.stages.map(() => ({ code: null, stderr: '', error: { message: 'stopped' } }));
    const done = gate.take().then(() => {
      if (killed) return stopped;
      running = launch(request, onChunk);
      return running.done;
    });
    void done.finally(() => gate.give());
    return {
      done,
      kill: () => {
        killed = true;
        running?.kill();
      },
    };
  };
}

/** A counting semaphore: `take` waits while `size` are taken; the waiting go in the order they came. */
class Gate {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
