// A settings regex (branchPattern) runs on every branch name, and branch names come from whoever
// pushes to the repository. JavaScript regexes backtrack: a repeated group that itself repeats or
// alternates, such as `(a+)+` or `(a|aa)*`, takes exponential time on a name built to miss. Such a
// pattern is refused when strategy.yaml is read (the usual "star height" test), so no branch name
// can stall a scan.

/** `*`, `+`, `{n,}` or `{n,m}` with m ≥ 2 at `i`: its text, or undefined. */
function repetitionAt(source: string, i: number): string | undefined {
  if (source[i] === '*' || source[i] === '+') return source[i];
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!braces || braces[2] === undefined) return undefined; // `{n}`: a fixed count
  return braces[3] === '' || Number(braces[3]) >= 2 ? braces[0] : undefined;
}

/** Why `source` may take exponential time, or undefined. `source` is a valid regex. */
export function exponentialRisk(source: string): string | undefined {
  /** Open groups: where each starts, and whether something inside repeats or alternates. */
  const open: { start: number; risky: boolean }[] = [];
  let previous: { start: number; risky: boolean; end: number } | undefined; // the group just closed
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const group = previous;
    previous = undefined;
    const repetition = repetitionAt(source, i);
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      open.push({ start: i, risky: false });
    } else if (c === ')') {
      const closed = open.pop();
      if (closed) previous = { ...closed, end: i + 1 };
      if (closed?.risky && open.length > 0) open[open.length - 1].risky = true;
    } else if (c === '|') {
      if (open.length > 0) open[open.length - 1].risky = true;
    } else if (repetition) {
      if (group?.risky) {
        return `repeats a group that itself repeats or alternates (${source.slice(group.start, group.end)}${repetition}), which a branch name can make take exponential time: repeat single characters or classes instead`;
      }
      if (open.length > 0) open[open.length - 1].risky = true;
    }
  }
  return undefined;
}
