// A branch's goal (DESIGN §3): git config, else the name pattern, else an issue key in the name a
// goal's `issues:` claims (issue 13), else the one goal all its explicit commits agree on.
import type { Strategy } from '../strategy/types';
import { branchIssueGoal } from './issueGoals';

/** A branch's name without its `<remote>/` prefix. */
export function shortName(branch: { name: string; remote?: string }): string {
  return branch.remote && branch.name.startsWith(`${branch.remote}/`) ? branch.name.slice(branch.remote.length + 1) : branch.name;
}

export type BranchGoalSource = 'config' | 'pattern' | 'issue' | 'commits';

export interface BranchGoal {
  goal: string;
  via: BranchGoalSource;
}

/** The last pattern compiled: the merge rule asks once per merge commit (25k on git/git). */
let compiled: { source: string; regExp: RegExp | undefined } | undefined;

function branchRegExp(source: string): RegExp | undefined {
  if (compiled?.source !== source) {
    let regExp: RegExp | undefined;
    try {
      regExp = new RegExp(source); // no g flag: exec keeps no state
    } catch {
      regExp = undefined; // validation reports the bad pattern; attribution just ignores it
    }
    compiled = { source, regExp };
  }
  return compiled.regExp;
}

/**
 * The goal a branch name implies under `settings.branchPattern`, only when it names a goal of the
 * strategy: `feature/x` or `dependabot/…` must not turn into unknown goals. Remote-tracking names
 * are matched without their `<remote>/` prefix.
 */
export function patternGoal(strategy: Strategy, branch: string, remote?: string): string | undefined {
  const match = branchRegExp(strategy.settings.branchPattern)?.exec(shortName({ name: branch, remote }));
  const id = match?.groups?.goal?.toLowerCase();
  return id && strategy.goals.some((g) => g.id === id) ? id : undefined;
}

/** The single goal every explicit commit of the branch carries, if they all carry exactly that one. */
export function agreedGoal(explicitGoalSets: Iterable<readonly string[]>): string | undefined {
  let agreed: string | undefined;
  for (const goals of explicitGoalSets) {
    if (goals.length !== 1) return undefined;
    if (agreed !== undefined && agreed !== goals[0]) return undefined;
    agreed = goals[0];
  }
  return agreed;
}

export function resolveBranchGoal(
  strategy: Strategy,
  branch: { name: string; remote?: string },
  configGoal: string | undefined,
  explicitGoalSets: Iterable<readonly string[]>,
): BranchGoal | undefined {
  if (configGoal) return { goal: configGoal, via: 'config' };
  const fromName = patternGoal(strategy, branch.name, branch.remote);
  if (fromName) return { goal: fromName, via: 'pattern' };
  const fromKey = branchIssueGoal(strategy, shortName(branch));
  if (fromKey) return { goal: fromKey, via: 'issue' };
  const fromCommits = agreedGoal(explicitGoalSets);
  return fromCommits ? { goal: fromCommits, via: 'commits' } : undefined;
}
