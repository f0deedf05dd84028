// The `issues:` rule a schema cannot express (issue 13): one pattern claimed by two goals. The
// second claim is the error, and it names the first's goal and line. `PAY-12` on one goal and
// `PAY-*` on another is no clash: the exact key wins (IssueClaims in ../issueKeys.ts).
// Read from the goals as written, so a goal with another error still shows its clashes.
import { get } from './issues';
import type { StrategySource } from './source';
import type { Diagnostic } from './types';

export function issuesClaimedTwice(goals: readonly unknown[], ids: readonly (string | undefined)[], source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, { goal: number; item: number }>();
  const name = (i: number) => ids[i] ?? `#${i + 1}`;
  goals.forEach((goal, i) => {
    const patterns = get(goal, ['issues']);
    if (!Array.isArray(patterns)) return;
    patterns.forEach((pattern: unknown, j) => {
      if (typeof pattern !== 'string') return;
      const earlier = first.get(pattern);
      if (earlier === undefined) first.set(pattern, { goal: i, item: j });
      else if (earlier.goal !== i) {
        const { line } = source.locate(['goals', earlier.goal, 'issues', earlier.item]);
        const message = `goal #${i + 1}${ids[i] ? ` (${ids[i]})` : ''}: '${pattern}' is already claimed by goal ${name(earlier.goal)} (line ${line})`;
        out.push(source.diagnostic('error', message, ['goals', i, 'issues', j]));
      }
    });
  });
  return out;
}
