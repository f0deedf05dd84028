// When HEAD moves to a branch with no goal and none can be inferred: ONE non-modal question,
// [Choose Goal…] [Not Now] [Don't Ask for This Branch]. Never for the base branch, never again for
// a branch the user waved off, never while another notification is open; a setting turns it off.
import * as vscode from 'vscode';
import type { RepoModel } from '../model/repoModel';
import type { Notifier } from './notifier';

const DISMISSED = 'strategyAlign.prompt.dismissed';

export interface PromptHost {
  strategyOf(model: RepoModel): unknown;
}

export class GoalPrompt {
  /** Branches already asked about in this session ("Not Now" lasts the session). */
  private readonly asked = new Set<string>();

  constructor(
    private readonly host: PromptHost,
    private readonly state: vscode.Memento,
    private readonly notifier: Notifier,
  ) {}

  async consider(model: RepoModel): Promise<void> {
    const branch = model.currentBranch;
    const snapshot = model.last;
    if (!branch || !snapshot || !this.host.strategyOf(model)) return;
    if (!vscode.workspace.getConfiguration('strategyAlign', model.root).get<boolean>('prompt.enabled', true)) return;
    // Only once a scan knows the branch: right after a checkout the last scan is older than HEAD.
    if (!snapshot.scan.branches.some((b) => !b.remote && b.name === branch)) return;
    const key = `${model.root.toString()}#${branch}`;
    if (branch === snapshot.scan.base || this.asked.has(key) || this.dismissed().includes(key) || model.currentGoal()) return;
    if (this.notifier.busy) return;
    this.asked.add(key);
    const choice = await this.notifier.ask(
      'info',
      `Which goal does branch '${branch}' serve?`,
      'Choose Goal…',
      'Not Now',
      "Don't Ask for This Branch",
    );
    if (choice === 'Choose Goal…')
      await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: model.root.fsPath });
    else if (choice === "Don't Ask for This Branch") await this.state.update(DISMISSED, [...this.dismissed(), key]);
  }

  /** Whether the question for this branch is out of the way (asked, waved off, or turned off). */
  settled(model: RepoModel, branch: string): boolean {
    const key = `${model.root.toString()}#${branch}`;
    const enabled = vscode.workspace.getConfiguration('strategyAlign', model.root).get<boolean>('prompt.enabled', true);
    return !enabled || this.asked.has(key) || this.dismissed().includes(key);
  }

  private dismissed(): string[] {
    return this.state.get<string[]>(DISMISSED, []);
  }
}
