// Filters a scan runs over its sha lists, as loops in functions made once. An arrow function written
// inside a function is a new closure on each call, and V8 (Node 20) optimizes each new closure again:
// over 50 repositories, `--print-opt-source` counted 8–29 optimizing compiles of each such callback,
// and the optimizing compiler's threads used ~1 core-s of a 14 core-s report, more with each
// repository (issue 15).
// Hot code reached once per repository takes its callbacks from here or from module level.

/** The items of `list` that `set` holds, in order. */
export function inSet<T>(list: readonly T[], set: { has(value: T): boolean }): T[] {
  const out: T[] = [];
  for (const item of list) if (set.has(item)) out.push(item);
  return out;
}

/** The items of `list` that `set` does not hold, in order. */
export function notInSet<T>(list: readonly T[], set: { has(value: T): boolean }): T[] {
  const out: T[] = [];
  for (const item of list) if (!set.has(item)) out.push(item);
  return out;
}

/** `{ sha }` for each sha: the requests of patch-ids and changed paths for single commits. */
export function shaRequests(shas: readonly string[]): { sha: string }[] {
  const out: { sha: string }[] = [];
  for (const sha of shas) out.push({ sha });
  return out;
}
