// DESIGN §3: the ONE attribution rule set. The tree, the report and the CLI all call this.
import type { LogCommit } from '../git/types';

/**
 * Where a commit's goals came from, strongest first. `untagged` means no goal at all. `issue` is an
 * issue key a goal's `issues:` claims, in the message or (after the branch's config and pattern) in
 * the branch name. `merge`, `recorded`, `patch` and `squash` are inherited after the branch is
 * merged or gone (merged.ts).
 */
export type AttributionSource = 'note' | 'trailer' | 'issue' | 'branch' | 'merge' | 'recorded' | 'patch' | 'squash' | 'untagged';

/** Every source, in the order of the rules (the report's coverage line and `totals.sources` follow it). */
export const ATTRIBUTION_SOURCES: readonly AttributionSource[] = [
  'note',
  'trailer',
  'issue',
  'branch',
  'merge',
  'recorded',
  'patch',
  'squash',
  'untagged',
];

export interface Attribution {
  source: AttributionSource;
  /** Distinct goal ids (known or not); each gets 1/goals.length of the commit. Empty when untagged. */
  goals: string[];
}

/** The goals of the tagged branches whose `base..branch` holds a commit; `viaIssue` when each came from an issue key in the branch's name. */
export interface BranchGoals {
  goals: readonly string[];
  viaIssue?: boolean;
}

/** What attribution reads of a commit: its written goals and, when the strategy declares `issues:`, the goals its message's keys give. */
export type CommitGoals = Pick<LogCommit, 'noteGoals' | 'trailerGoals' | 'messageGoals'> & { issueGoals?: readonly string[] };

/** Explicit goals are the ones written on the commit itself (rules 1 and 2). */
export function explicitGoals(commit: Pick<LogCommit, 'noteGoals' | 'trailerGoals' | 'messageGoals'>): Attribution | undefined {
  if (commit.noteGoals.length > 0) return { source: 'note', goals: distinct(commit.noteGoals) };
  if (commit.trailerGoals.length > 0) return { source: 'trailer', goals: distinct(commit.trailerGoals) };
  if (commit.messageGoals.length > 0) return { source: 'trailer', goals: distinct(commit.messageGoals) };
  return undefined;
}

/**
 * The rules in order: a note, else trailers (or the buried-trailer fallback), else the goals the
 * message's issue keys are claimed by (split among them), else the goals of the tagged branches
 * whose `base..branch` holds the commit (split among them; source `issue` when every one came from
 * an issue key in the branch name), else what it inherits once merged (`inherited`: merge,
 * recorded, patch, squash; see merged.ts), else untagged. Suggestions from `match` rules are never
 * an attribution: they stay outside this function.
 */
export function attributeCommit(commit: CommitGoals, branch: readonly string[] | BranchGoals, inherited?: Attribution): Attribution {
  const explicit = explicitGoals(commit);
  if (explicit) return explicit;
  if (commit.issueGoals && commit.issueGoals.length > 0) return { source: 'issue', goals: distinct(commit.issueGoals) };
  const { goals, viaIssue } = Array.isArray(branch) ? { goals: branch as readonly string[], viaIssue: false } : (branch as BranchGoals);
  if (goals.length > 0) return { source: viaIssue ? 'issue' : 'branch', goals: distinct(goals) };
  if (inherited && inherited.goals.length > 0) return { source: inherited.source, goals: distinct(inherited.goals) };
  return { source: 'untagged', goals: [] };
}

export function isExplicit(source: AttributionSource): boolean {
  return source === 'note' || source === 'trailer';
}

function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
