// branch.<name>.goal in git config: the local, unshared branch → goal tag (DESIGN §2).
import type { GitRunner } from './runner';

const key = (branch: string) => `branch.${branch}.goal`;

/**
 * Every tagged branch in one `git config --list` call. (`--get-regexp` would say the same, but it
 * exits 1 when no branch is tagged, which costs simple-git a 50 ms wait on every scan.) Keys come
 * canonical: `branch.<name as written>.goal`.
 */
export async function allBranchGoals(runner: GitRunner): Promise<Map<string, string>> {
  const out = await runner.output(['config', '--null', '--list']); // on every scan: not through simple-git
  const goals = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline >= 0) addBranchGoal(goals, entry.slice(0, newline), entry.slice(newline + 1));
  }
  return goals;
}

/** Whether a config key as `git config --list` names it is `branch.<name>.goal`. */
export function isBranchGoalKey(name: string): boolean {
  return name.startsWith('branch.') && name.endsWith('.goal') && name.length > 'branch..goal'.length;
}

/** Sets the goal of the branch `name` (a listed config key) names, when it is a branch goal with a value; the last one wins. */
export function addBranchGoal(goals: Map<string, string>, name: string, value: string): void {
  if (!isBranchGoalKey(name)) return;
  const goal = value.trim().toLowerCase();
  if (goal) goals.set(name.slice('branch.'.length, -'.goal'.length), goal);
}

export async function getBranchGoal(runner: GitRunner, branch: string): Promise<string | undefined> {
  const value = (await runner.run(['config', '--get', key(branch)])).trim().toLowerCase();
  return value || undefined;
}

export async function setBranchGoal(runner: GitRunner, branch: string, goal: string): Promise<void> {
  await runner.run(['config', key(branch), goal]);
}

export async function unsetBranchGoal(runner: GitRunner, branch: string): Promise<void> {
  await runner.run(['config', '--unset-all', key(branch)]);
}
