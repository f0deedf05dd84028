// The "Goals" view: the ranked goals of strategy.yaml, one row each.
import * as vscode from 'vscode';
import type { Goal, GoalStatus } from '../core/strategy';
import { Disposable } from './disposable';
import type { StrategyStore } from './strategyStore';

const STATUS_ICONS: Record<GoalStatus, [icon: string, color: string]> = {
  active: ['circle-filled', 'charts.green'],
  paused: ['debug-pause', 'charts.yellow'],
  done: ['pass', 'charts.blue'],
  stopped: ['circle-slash', 'charts.red'],
};

export class GoalsProvider extends Disposable implements vscode.TreeDataProvider<Goal> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: StrategyStore | undefined) {
    super();
    if (store) this.register(store.onDidChange(() => this.changed.fire()));
  }

  getChildren(parent?: Goal): Goal[] {
    return parent || !this.store ? [] : [...this.store.goals].sort((a, b) => a.rank - b.rank);
  }

  getTreeItem(goal: Goal): vscode.TreeItem {
    const item = new vscode.TreeItem(`#${goal.rank} ${goal.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = goal.id;
    item.description = `${goal.id} · ${goal.status}`;
    const [icon, color] = STATUS_ICONS[goal.status];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.tooltip = tooltip(goal);
    item.contextValue = `goal.${goal.status}`;
    return item;
  }
}

function tooltip(goal: Goal): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**#${goal.rank} `).appendText(goal.title).appendMarkdown('**\n\n');
  if (goal.why) md.appendMarkdown('*Why:* ').appendText(goal.why).appendMarkdown('\n\n');
  const facts = [`status: ${goal.status}`, goal.share !== undefined ? `intended share: ${goal.share} %` : '', goal.owner ? `owner: ${goal.owner}` : '']
    .filter(Boolean)
    .join(' · ');
  md.appendText(`${goal.id} · ${facts}`);
  return md;
}

/** The view's message line for the states the rows alone cannot show. */
export function viewMessage(store: StrategyStore | undefined): string | undefined {
  if (!store) return 'Open a folder with a strategy.yaml to see its goals.';
  if (store.state === 'missing') return 'No strategy.yaml in this workspace.';
  if (store.state === 'broken') return 'strategy.yaml has errors (see Problems); showing the last valid goals.';
  return undefined;
}
