// The current goal, always visible and quiet: `$(target) <goal>` or `$(warning) Untagged`; a click
// tags the branch. Hidden where there is no strategy.yaml.
import * as vscode from 'vscode';
import { pct } from '../../core/render/format';
import type { Goal } from '../../core/strategy/types';
import { Disposable } from '../disposable';
import { plainIconLabel, plainText } from '../views/plainText';

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
  private visible = false;
  private readonly item = this.register(vscode.window.createStatusBarItem('strategyAlign.goal', vscode.StatusBarAlignment.Left, 50));

  constructor() {
    super();
    this.item.name = 'Strategy Align: Current Goal';
  }

  show(info: StatusInfo | undefined): void {
    this.visible = info !== undefined;
    if (!info) {
      this.item.hide();
      return;
    }
    const { goal } = info;
    const quietBase = !goal && !info.unknownGoal && info.isBase;
    this.item.text = goal
      ? `$(target) ${plainIconLabel(goal.title)}`
      : info.unknownGoal
        ? `$(question) ${plainIconLabel(info.unknownGoal)}`
        : quietBase
          ? '$(target) No goal (base branch)'
          : '$(warning) Untagged';
    const md = new vscode.MarkdownString();
    md.appendText(`${plainText(info.branch)}: `);
    if (goal) {
      md.appendMarkdown(`**#${goal.rank}** `).appendText(plainText(goal.title));
      if (goal.why) md.appendMarkdown('\n\n*Why:* ').appendText(plainText(goal.why));
      if (info.share !== undefined)
        md.appendText(`\n\n${pct(info.share)} of the team's effort${goal.share !== undefined ? ` (target ${pct(goal.share / 100)})` : ''}`);
    } else if (info.unknownGoal) {
      md.appendText(`tagged '${plainText(info.unknownGoal)}', which is not a goal in strategy.yaml`);
    } else if (quietBase) {
      md.appendText('the base branch: work usually reaches it by merging tagged branches');
    } else {
      md.appendText('this branch serves no goal yet');
    }
    md.appendMarkdown('\n\n*Click to choose the goal this branch serves.*');
    this.item.tooltip = md;
    this.item.backgroundColor =
      goal || info.unknownGoal || quietBase ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.command = {
      command: 'strategyAlign.tagCurrentBranch',
      title: 'Tag Current Branch…',
      arguments: [{ repository: info.repository }],
    };
    this.item.accessibilityInformation = { label: goal ? `Current goal: ${plainText(goal.title)}` : 'This branch is untagged' };
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  /** What the status bar item shows now (for the tests): hidden where there is no branch or strategy. */
  get state(): { visible: boolean; text: string; tooltip: string } {
    const tooltip = this.item.tooltip instanceof vscode.MarkdownString ? this.item.tooltip.value : String(this.item.tooltip ?? '');
    return { visible: this.visible, text: this.item.text, tooltip };
  }
}
