// What each row of the Goals tree is, and how it looks. Every string from the repository is set as
// plain text (labels, descriptions) or appended with appendText (tooltips): never as markup.
import * as vscode from 'vscode';
import type { EffortMeasure, GoalReport, UntaggedBranchReport } from '../../core/alignment/reportTypes';
import { ago, count, coverageLine, exact, pct, plural } from '../../core/render/format';
import type { ScannedBranch } from '../../core/scan/branchScan';
import type { Goal, GoalStatus } from '../../core/strategy/types';
import type { AttributedCommit, RepoModel } from '../model/repoModel';
import type { AllNode } from './allRepositoriesNodes';
import { plainText } from './plainText';

export type TreeNode =
  | { kind: 'repo'; model: RepoModel }
  | { kind: 'goal'; model: RepoModel; goal: Goal }
  | { kind: 'group'; model: RepoModel; group: 'untagged' | 'stopped' | 'unknown' }
  | { kind: 'branch'; model: RepoModel; branch: ScannedBranch; untagged?: UntaggedBranchReport }
  | { kind: 'other'; model: RepoModel; goal: string }
  | { kind: 'unknownGoal'; model: RepoModel; id: string }
  | { kind: 'commit'; model: RepoModel; entry: AttributedCommit; parent: string }
  | { kind: 'message'; text: string; icon?: string; command?: vscode.Command; tooltip?: string }
  | AllNode;

const STATUS_ICONS: Record<GoalStatus, [icon: string, color: string]> = {
  active: ['target', 'charts.green'],
  paused: ['debug-pause', 'charts.yellow'],
  done: ['pass', 'charts.blue'],
  stopped: ['circle-slash', 'charts.red'],
};

/** A goal row's icon: its status, coloured (the repository's rows and All repositories' alike). */
export function goalIcon(status: GoalStatus): vscode.ThemeIcon {
  const [icon, color] = STATUS_ICONS[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const none = vscode.TreeItemCollapsibleState.None;

/** " (target 40%)" for a goal with an intended share, else nothing. */
const targetOf = (goal: { share?: number }) => (goal.share === undefined ? '' : ` (target ${pct(goal.share / 100)})`);

/** The share's unit where it is not commits: "31% of active days", "31% of churn". */
const SHARE_OF: Partial<Record<EffortMeasure, string>> = { days: ' of active days', churn: ' of churn' };

export function goalItem(
  node: Extract<TreeNode, { kind: 'goal' }>,
  stats: GoalReport | undefined,
  hasChildren: boolean,
  measure?: EffortMeasure,
): vscode.TreeItem {
  const { goal } = node;
  const item = new vscode.TreeItem(`#${goal.rank} ${plainText(goal.title)}`, hasChildren ? collapsed : none);
  item.id = `${node.model.root.toString()}|goal|${goal.id}`;
  const target = targetOf(goal);
  const still = goal.status === 'stopped' && stats && stats.commits > 0 ? ' · still getting work' : '';
  item.description = stats
    ? `${plural(stats.commits, 'commit')} · ${pct(stats.share)}${(measure && SHARE_OF[measure]) ?? ''}${target}${still}`
    : `${goal.id} · ${goal.status}`;
  item.iconPath = goalIcon(goal.status);
  item.contextValue = `goal.${goal.status}`;
  return item;
}

/** A goal row's tooltip: why it matters, its owner and due date, its exact effort. */
export function goalTooltip(node: Extract<TreeNode, { kind: 'goal' }>, stats: GoalReport | undefined): vscode.MarkdownString {
  const { goal } = node;
  const target = targetOf(goal);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**#${goal.rank}** `).appendText(plainText(goal.title)).appendMarkdown('\n\n');
  for (const [label, value] of [
    ['Why', goal.why],
    ['Outcome', goal.outcome],
    ['Owner', goal.owner],
    ['Due', goal.due],
  ] as const) {
    if (value) md.appendMarkdown(`*${label}:* `).appendText(plainText(value)).appendMarkdown('  \n');
  }
  md.appendText(
    `\n${goal.id} · ${goal.status}${stats ? ` · ${plural(stats.commits, 'commit', exact)} · ${pct(stats.share)} of effort${target}, ${plural(stats.activeDays, 'active day')}` : ''}`,
  );
  return md;
}

export function branchItem(node: Extract<TreeNode, { kind: 'branch' }>, commits: number, now: Date): vscode.TreeItem {
  const { branch, untagged } = node;
  const item = new vscode.TreeItem(plainText(branch.name), commits > 0 ? collapsed : none);
  item.id = `${node.model.root.toString()}|branch|${untagged ? 'untagged|' : ''}${branch.name}`;
  const parts = [branch.current ? 'current' : '', plural(branch.unique.size, 'commit'), branch.newest ? ago(branch.newest, now) : ''];
  item.description = parts.filter(Boolean).join(' · ');
  const long = untagged?.longRunning;
  item.iconPath = new vscode.ThemeIcon(
    long ? 'warning' : branch.current ? 'git-branch' : 'source-control',
    long ? new vscode.ThemeColor('list.warningForeground') : undefined,
  );
  item.contextValue = branch.remote
    ? 'branch.remote'
    : branch.goal?.via === 'config'
      ? 'branch.tagged'
      : untagged
        ? 'branch.untagged'
        : 'branch.inferred';
  return item;
}

/** A branch row's tooltip: its goal and where that came from, or why untagged work needs one. */
export function branchTooltip(node: Extract<TreeNode, { kind: 'branch' }>, now: Date): vscode.MarkdownString {
  const { branch, untagged } = node;
  const long = untagged?.longRunning;
  const md = new vscode.MarkdownString();
  md.appendText(plainText(branch.name));
  if (branch.goal) md.appendText(`\nGoal: ${branch.goal.goal} (from ${VIA[branch.goal.via]})`);
  if (long)
    md.appendText(
      `\nLong-running untagged work: ${plural(branch.unique.size, 'commit')}, the oldest ${ago(branch.oldest ?? null, now)}. Tag it so it counts for a goal.`,
    );
  if (untagged?.suggested.length) md.appendText(`\nSuggested: ${untagged.suggested.join(', ')}`);
  return md;
}

export function commitItem(node: Extract<TreeNode, { kind: 'commit' }>, now: Date): vscode.TreeItem {
  const { commit, attribution } = node.entry;
  const item = new vscode.TreeItem(plainText(commit.subject) || '(no subject)', none);
  item.id = `${node.parent}|${commit.sha}`;
  item.description = `${commit.sha.slice(0, 7)} · ${plainText(commit.authorName)} · ${ago(commit.authorDate, now)}`;
  item.iconPath = new vscode.ThemeIcon('git-commit');
  item.contextValue = attribution.source === 'note' ? 'commit.noted' : 'commit';
  item.command = {
    command: 'strategyAlign.openCommit',
    title: 'Show Changes',
    arguments: [{ repository: node.model.root.fsPath, sha: commit.sha }],
  };
  return item;
}

/** A commit row's tooltip: subject, sha, author and date, and its goal with where that came from. */
export function commitTooltip(node: Extract<TreeNode, { kind: 'commit' }>): vscode.MarkdownString {
  const { commit, attribution } = node.entry;
  const md = new vscode.MarkdownString();
  md.appendText(
    `${plainText(commit.subject)}\n\n${commit.sha}\n${plainText(`${commit.authorName} <${commit.authorEmail}>`)}, ${commit.authorDate}\n`,
  );
  md.appendText(
    attribution.goals.length
      ? `Goal: ${plainText(attribution.goals.join(', '))} (from ${attribution.source === 'issue' ? 'an issue key' : attribution.source})`
      : 'Untagged',
  );
  return md;
}

const VIA = {
  config: 'the branch tag',
  pattern: 'the branch name',
  issue: 'an issue key in the branch name',
  commits: 'its commits',
} as const;

/** The coverage line of the repository's last report (issue 13), for the root's and the untagged group's tooltips. */
export function coverageOf(model: RepoModel): string | undefined {
  const totals = model.last?.scan.report.totals;
  return totals && coverageLine(totals);
}

export function groupItem(node: Extract<TreeNode, { kind: 'group' }>, size: number): vscode.TreeItem {
  const labels = { untagged: 'Untagged work', stopped: 'Stop list', unknown: 'Unknown goals' } as const;
  const icons = { untagged: 'question', stopped: 'circle-slash', unknown: 'warning' } as const;
  const item = new vscode.TreeItem(labels[node.group], size > 0 ? collapsed : none);
  item.id = `${node.model.root.toString()}|group|${node.group}`;
  item.description = count(size);
  item.iconPath = new vscode.ThemeIcon(icons[node.group]);
  item.contextValue = `group.${node.group}`;
  if (node.group === 'untagged') item.tooltip = coverageOf(node.model);
  return item;
}

export function messageItem(node: Extract<TreeNode, { kind: 'message' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, none);
  if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
  item.command = node.command;
  item.tooltip = node.tooltip;
  return item;
}
