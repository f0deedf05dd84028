// The scans of many repositories (multi.ts): twice --jobs under way, so that the next repository is
// opened while a history log runs and its log can start the moment git exits. The logs themselves,
// --jobs at a time, are held back by the git helper (core/git/gitHelper.ts, `spooledAtOnce`): it
// starts the next as soon as one exits, while this process still parses that one's output (it is in
// a file: core/git/spool.ts). Run one scan after another, a log left a core idle for the rest of the
// scan (50 repositories x 20k commits at --jobs 1: the report thread waited on git 75% of the time).
// At most twice --jobs scans are under way, so what stays in memory is bounded too.

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
