// The scans of many repositories (multi.ts): twice --jobs under way, so that the next repository is
// opened while a history log runs and its log can start the moment git exits. The logs themselves,
// --jobs at a time, are held back by the git helper (core/git/gitHelper.ts, `spooledAtOnce`): it
// starts the next as soon as one exits, while this process still parses that one's output (it is in
// a file: core/git/spool.ts). Run one scan after another, a log left a core idle for the rest of the
// scan (50 repositories x 20k commits at --jobs 1: the report thread waited on git 75% of the time).
// At most twice --jobs scans are under way, so what stays in memory is bounded too.

/** `work` over `items`, at most `limit` at a time; results in the items' order; the first failure fails all (no new item starts). */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      results[i] = await work(items[i]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
