// DESIGN §3: the ONE attribution rule set. The tree, the report and the CLI all call this.
import type { LogCommit } from '../git/types';

/**
 * Where a commit's goals came from, strongest first. `untagged` means no goal at all. `merge`,
 * `recorded`, `patch` and `squash` are inherited after the branch is merged or gone (merged.ts).
 */
export type AttributionSource = 'note' | 'trailer' | 'branch' | 'merge' | 'recorded' | 'patch' | 'squash' | 'untagged';

export interface Attribution {
  source: AttributionSource;
  /** Distinct goal ids (known or not); each gets 1/goals.length of the commit. Empty when untagged. */
  goals: string[];
}

/** Explicit goals are the ones written on the commit itself (rules 1 and 2). */
export function explicitGoals(commit: Pick<LogCommit, 'noteGoals' | 'trailerGoals' | 'messageGoals'>): Attribution | undefined {
  if (commit.noteGoals.length > 0) return { source: 'note', goals: distinct(commit.noteGoals) };
  if (commit.trailerGoals.length > 0) return { source: 'trailer', goals: distinct(commit.trailerGoals) };
  if (commit.messageGoals.length > 0) return { source: 'trailer', goals: distinct(commit.messageGoals) };
  return undefined;
}

/**
 * Rules 1–4 in order: a note, else trailers (or the buried-trailer fallback), else the goals of
 * the tagged branches whose `base..branch` holds the commit (split among them), else what it
 * inherits once merged (`inherited`: merge, recorded, patch, squash; see merged.ts), else untagged.
 * Suggestions from `match` rules are never an attribution: they stay outside this function.
 */
export function attributeCommit(
  commit: Pick<LogCommit, 'noteGoals' | 'trailerGoals' | 'messageGoals'>,
  branchGoals: readonly string[],
  inherited?: Attribution,
): Attribution {
  const explicit = explicitGoals(commit);
  if (explicit) return explicit;
  if (branchGoals.length > 0) return { source: 'branch', goals: distinct(branchGoals) };
  if (inherited && inherited.goals.length > 0) return { source: inherited.source, goals: distinct(inherited.goals) };
  return { source: 'untagged', goals: [] };
}

export function isExplicit(source: AttributionSource): boolean {
  return source === 'note' || source === 'trailer';
}

function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
