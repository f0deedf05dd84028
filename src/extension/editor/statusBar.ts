// The current goal, always visible and quiet: `$(target) <goal>` or `$(warning) Untagged`; a click
// tags the branch. Hidden where there is no strategy.yaml.
import * as vscode from 'vscode';
import { pct } from '../../core/render/format';
import type { Goal } from '../../core/strategy/types';
import { Disposable } from '../disposable';

export interface StatusInfo {
  repository: string;
  branch: string;
  goal?: Goal;
  /** The goal id when it is not in strategy.yaml. */
  unknownGoal?: string;
  share?: number;
  /** The branch is the base: no goal is expected there, so no warning either. */
  isBase?: boolean;
}

export class GoalStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('strategyAlign.goal', vscode.StatusBarAlignment.Left, 50));

  constructor() {
    super();
    this.item.name = 'Strategy Align: Current Goal';
  }

  show(info: StatusInfo | undefined): void {
    if (!info) {
      this.item.hide();
      return;
    }
    const { goal } = info;
    const quietBase = !goal && !info.unknownGoal && info.isBase;
    this.item.text = goal ? `$(target) ${goal.title}` : info.unknownGoal ? `$(question) ${info.unknownGoal}` : quietBase ? '$(target) No goal (base branch)' : '$(warning) Untagged';
    const md = new vscode.MarkdownString();
    md.appendText(`${info.branch}: `);
    if (goal) {
      md.appendMarkdown(`**#${goal.rank}** `).appendText(goal.title);
      if (goal.why) md.appendMarkdown('\n\n*Why:* ').appendText(goal.why);
      if (info.share !== undefined) md.appendText(`\n\n${pct(info.share)} of the team's effort${goal.share !== undefined ? ` (target ${goal.share}%)` : ''}`);
    } else if (info.unknownGoal) {
      md.appendText(`tagged '${info.unknownGoal}', which is not a goal in strategy.yaml`);
    } else if (quietBase) {
      md.appendText('the base branch: work usually reaches it by merging tagged branches');
    } else {
      md.appendText('this branch serves no goal yet');
    }
    md.appendMarkdown('\n\n*Click to choose the goal this branch serves.*');
    this.item.tooltip = md;
    this.item.backgroundColor = goal || info.unknownGoal || quietBase ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.command = { command: 'strategyAlign.tagCurrentBranch', title: 'Tag Current Branch…', arguments: [{ repository: info.repository }] };
    this.item.accessibilityInformation = { label: goal ? `Current goal: ${goal.title}` : 'This branch is untagged' };
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }
}
