// The Goals view's "All repositories" row of a multi-root workspace (issue 15) and the rows under it:
// the combined report's goals (the reference repository's strategy) and untagged work, each with
// every repository's own numbers in its tooltip, and one row for the warnings of the combination
// (a goal missing or titled differently in a repository). Strings from the repositories are plain text.
import * as vscode from 'vscode';
import type { AlignmentReport, GoalReport } from '../../core/alignment/reportTypes';
import { count, coverageLine, exact, pct, plural } from '../../core/render/format';
import { plainText } from './plainText';
import { goalIcon } from './treeNodes';

export type AllNode =
  { kind: 'all' } | { kind: 'allGoal'; goal: GoalReport } | { kind: 'allUntagged' } | { kind: 'allWarnings'; warnings: string[] };

const ID = 'strategyAlign|all';

export function allItem(report: AlignmentReport): vscode.TreeItem {
  const names = (report.repositories ?? []).map((r) => r.name);
  const item = new vscode.TreeItem('All repositories', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = ID;
  item.iconPath = new vscode.ThemeIcon('layers');
  item.description = `${plural(report.totals.commits, 'commit')} · ${names.length} repositories`;
  item.contextValue = 'allRepositories';
  item.tooltip = `${names.map(plainText).join(', ')}: one report, as one run over them all.\n${coverageLine(report.totals)}`; // a string: plain text
  return item;
}

/** The rows under "All repositories": the reference strategy's goals but the stopped ones without work, then untagged work and warnings. */
export function allChildren(report: AlignmentReport): AllNode[] {
  const goals: AllNode[] = report.goals.filter((g) => g.status !== 'stopped' || g.commits > 0).map((goal) => ({ kind: 'allGoal', goal }));
  const strategyWarnings = report.warnings.filter((w) => w.includes('reference strategy')); // core/alignment/reportParts.ts's words
  return [
    ...goals,
    { kind: 'allUntagged' },
    ...(strategyWarnings.length ? [{ kind: 'allWarnings' as const, warnings: strategyWarnings }] : []),
  ];
}

/** Each repository's own numbers for a goal (undefined: untagged work), one line each. */
function perRepository(report: AlignmentReport, goal: string | undefined): string {
  return (report.repositories ?? [])
    .map((r) => {
      const own = goal === undefined ? r.untagged : r.goals.find((g) => g.id === goal);
      return `${plainText(r.name)}: ${own ? `${plural(own.commits, 'commit', exact)} · ${pct(own.share)}` : 'no such goal'}`;
    })
    .join('\n');
}

export function allNodeItem(node: Exclude<AllNode, { kind: 'all' }>, report: AlignmentReport): vscode.TreeItem {
  const none = vscode.TreeItemCollapsibleState.None;
  switch (node.kind) {
    case 'allGoal': {
      const { goal } = node;
      const item = new vscode.TreeItem(`#${goal.rank} ${plainText(goal.title)}`, none);
      item.id = `${ID}|goal|${goal.id}`;
      item.description = `${plural(goal.commits, 'commit')} · ${pct(goal.share)}`;
      item.iconPath = goalIcon(goal.status);
      item.tooltip = `${goal.id} · ${goal.status}\n${perRepository(report, goal.id)}`;
      return item;
    }
    case 'allUntagged': {
      const item = new vscode.TreeItem('Untagged work', none);
      item.id = `${ID}|untagged`;
      item.description = `${plural(report.untagged.commits, 'commit')} · ${pct(report.untagged.share)} · ${count(report.untagged.branches.length)} branches`;
      item.iconPath = new vscode.ThemeIcon('question');
      item.tooltip = perRepository(report, undefined);
      return item;
    }
    case 'allWarnings': {
      const item = new vscode.TreeItem(`The repositories' strategies differ`, none);
      item.id = `${ID}|warnings`;
      item.description = plural(node.warnings.length, 'warning');
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.warnings.map(plainText).join('\n');
      return item;
    }
  }
}
