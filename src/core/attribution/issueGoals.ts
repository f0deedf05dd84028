// A strategy's `issues:` as attribution reads it (issue 13): the claims resolver made once per
// strategy, the goal a branch name's issue key gives, and the declared patterns nothing in range names.
import { IssueClaims, issueKeysIn } from '../issueKeys';
import type { Strategy } from '../strategy/types';

const made = new WeakMap<Strategy, IssueClaims>();

/** The strategy's issue claims (made once per loaded strategy). */
export function issueClaims(strategy: Strategy): IssueClaims {
  let claims = made.get(strategy);
  if (!claims) made.set(strategy, (claims = new IssueClaims(strategy.goals)));
  return claims;
}

/**
 * The goal of the first claimed issue key in a branch's name (`PAY-42-retry`, `feature/pay-42`;
 * any case, as branch names are often written); `name` without its `<remote>/` prefix.
 */
export function branchIssueGoal(strategy: Strategy, name: string): string | undefined {
  const claims = issueClaims(strategy);
  if (claims.empty) return undefined;
  return claims.goalsOf(issueKeysIn(name, { anyCase: true }))[0];
}

/** The declared patterns none of `keys` (keys named in range) fits, as `'PAY-*' (goal payments)`. */
export function unmatchedIssuePatterns(strategy: Strategy, keys: ReadonlySet<string>): string[] {
  const projects = new Set([...keys].map((k) => (k.startsWith('#') ? k : k.slice(0, k.lastIndexOf('-')))));
  const out: string[] = [];
  for (const goal of strategy.goals)
    for (const pattern of goal.issues ?? []) {
      const named = pattern.endsWith('-*') ? projects.has(pattern.slice(0, -2)) : keys.has(pattern);
      if (!named) out.push(`'${pattern}' (goal ${goal.id})`);
    }
  return out;
}
