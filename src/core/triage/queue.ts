// The triage queue (issue 13): untagged work that has a suggestion, grouped by branch, for a person
// to accept, change or skip. A suggestion comes from an issue key that no goal's `issues:` claims but
// that commits already tagged explicitly (note or trailer) give exactly one goal — "PAY-7 is tagged
// checkout elsewhere", the team's own past choice — else from the goals' `match` rules (suggest.ts).
// Nothing here writes: accepting is accept.ts, and only on a person's yes.
import type { Attribution } from '../attribution/attribute';
import type { LogCommit } from '../git/types';
import { IssueClaims, issueKeysIn } from '../issueKeys';
import type { ScannedBranch } from '../scan/branchScan';
import { suggestGoals } from '../strategy/suggest';
import type { Strategy } from '../strategy/types';

export interface TriageItem {
  sha: string;
  subject: string;
  /** git's `%aI`. */
  authorDate: string;
  /** The group it is listed under: its branch, or the base's name for commits on no other branch. */
  branch: string;
  goal: string;
  /** `key`: an unclaimed issue key tagged elsewhere; `match`: the goal's match rules. */
  rule: 'key' | 'match';
  reason: string;
}

export interface TriageGroup {
  branch: string;
  items: TriageItem[];
}

export interface TriageQueue {
  /** Branches with most items first (ties by name); items newest first. */
  groups: TriageGroup[];
  /** Untagged commits in range, and how many of them had no suggestion (not in the queue). */
  untagged: number;
  leftOut: number;
}

export interface QueueInput {
  strategy: Strategy;
  branches: readonly ScannedBranch[];
  base: string | undefined;
  /** Every commit in range with the attribution the report counts it with. */
  commits: readonly { commit: LogCommit; attribution: Attribution }[];
  /** Changed files of the untagged commits (for `match.paths`); a commit not in it has none known. */
  files: ReadonlyMap<string, readonly string[]>;
}

/** Group name of commits on no branch but the base, when there is no base either. */
export const BASE_GROUP = '(base)';

export function buildTriageQueue(input: QueueInput): TriageQueue {
  const { strategy, commits } = input;
  const branchOf = branchesBySha(input.branches);
  const baseGroup = input.base ?? BASE_GROUP;
  const claims = new IssueClaims(strategy.goals);
  const keysOf = (commit: LogCommit) => {
    const branch = branchOf.get(commit.sha);
    const keys = [...issueKeysIn(commit.subject), ...(branch ? issueKeysIn(branch, { anyCase: true }) : [])];
    return [...new Set(keys)].filter((key) => claims.goalOf(key) === undefined);
  };
  const tagged = goalsByKey(commits, keysOf);
  const groups = new Map<string, TriageItem[]>();
  let untagged = 0;
  for (const { commit, attribution } of commits) {
    if (attribution.source !== 'untagged') continue;
    untagged++;
    const branch = branchOf.get(commit.sha);
    const suggestion = byKey(keysOf(commit), tagged) ?? byMatch(strategy, commit, branch, input.files.get(commit.sha));
    if (!suggestion) continue;
    const group = branch ?? baseGroup;
    const item: TriageItem = { sha: commit.sha, subject: commit.subject, authorDate: commit.authorDate, branch: group, ...suggestion };
    const items = groups.get(group);
    if (items) items.push(item);
    else groups.set(group, [item]);
  }
  const newestFirst = newestFirstOrder(commits);
  const sorted = [...groups].map(([branch, items]) => ({ branch, items: items.sort(newestFirst) }));
  sorted.sort((a, b) => b.items.length - a.items.length || (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0));
  const queued = sorted.reduce((sum, g) => sum + g.items.length, 0);
  return { groups: sorted, untagged, leftOut: untagged - queued };
}

type Suggestion = Pick<TriageItem, 'goal' | 'rule' | 'reason'>;

/** The first key whose explicitly tagged commits all name one goal. */
function byKey(keys: readonly string[], tagged: ReadonlyMap<string, Set<string>>): Suggestion | undefined {
  for (const key of keys) {
    const goals = tagged.get(key);
    if (goals?.size === 1) {
      const [goal] = goals;
      return { goal, rule: 'key', reason: `${key} is tagged ${goal} elsewhere` };
    }
  }
  return undefined;
}

function byMatch(
  strategy: Strategy,
  commit: LogCommit,
  branch: string | undefined,
  files: readonly string[] | undefined,
): Suggestion | undefined {
  const [best] = suggestGoals(strategy, { branch, files: files ?? [], messages: [commit.subject] });
  return best && { goal: best.goal.id, rule: 'match', reason: best.reasons.join('; ') };
}

/** Unclaimed key → the goals of the explicitly tagged (note, trailer) commits that name it. */
function goalsByKey(commits: QueueInput['commits'], keysOf: (commit: LogCommit) => string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { commit, attribution } of commits) {
    if (attribution.source !== 'note' && attribution.source !== 'trailer') continue;
    for (const key of keysOf(commit)) {
      const goals = out.get(key) ?? new Set<string>();
      for (const goal of attribution.goals) goals.add(goal);
      out.set(key, goals);
    }
  }
  return out;
}

/**
 * Each commit's branch: a local branch before a remote-tracking one, then the branch with the fewest
 * commits of its own (a branch stacked on another lists only its own work), then by name.
 */
function branchesBySha(branches: readonly ScannedBranch[]): Map<string, string> {
  const ordered = [...branches].sort(
    (a, b) => Number(Boolean(a.remote)) - Number(Boolean(b.remote)) || a.unique.size - b.unique.size || (a.name < b.name ? -1 : 1),
  );
  const out = new Map<string, string>();
  for (const branch of ordered) for (const sha of branch.unique) if (!out.has(sha)) out.set(sha, branch.name);
  return out;
}

/**
 * Newest first by author date; commits of the same second (a script, a rebase) by their place in
 * the history: a commit after its ancestors (the longest chain of parents in range), then by sha.
 */
function newestFirstOrder(commits: QueueInput['commits']): (a: TriageItem, b: TriageItem) => number {
  const parents = new Map(commits.map(({ commit }) => [commit.sha, commit.parents]));
  const depth = new Map<string, number>();
  const depthOf = (sha: string): number => {
    const stack = [sha];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const pending = (parents.get(top) ?? []).filter((p) => parents.has(p) && !depth.has(p));
      if (pending.length > 0) stack.push(...pending);
      else {
        stack.pop();
        depth.set(top, 1 + Math.max(0, ...(parents.get(top) ?? []).map((p) => depth.get(p) ?? 0)));
      }
    }
    return depth.get(sha)!;
  };
  return (a, b) => Date.parse(b.authorDate) - Date.parse(a.authorDate) || depthOf(b.sha) - depthOf(a.sha) || (a.sha < b.sha ? -1 : 1);
}
