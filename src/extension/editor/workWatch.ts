// Sparing warnings about where work goes, one notification at a time and each with a way out:
// long-running untagged work on the current branch (DESIGN §3, or N minutes of active editing on
// it), and edits in an area a stopped goal's match.paths covers.
import * as vscode from 'vscode';
import { type ActivityState, activeMinutes, heartbeat, restoreActivity } from '../../core/activity';
import { globMatches } from '../../core/glob';
import { plural } from '../../core/render/format';
import type { App } from '../app';
import { Disposable } from '../disposable';
import type { RepoModel } from '../model/repoModel';
import type { Notifier } from './notifier';

const ACTIVITY = 'strategyAlign.activity';
const SNOOZED = 'strategyAlign.untagged.snoozed';
const DAY_MS = 86_400_000;
const SAVE_EVERY_MS = 30_000;

export class WorkWatch extends Disposable {
  private readonly activity: ActivityState;
  private readonly warned = new Set<string>();
  private readonly stopListShown = new Set<string>();
  private lastSave = 0;

  constructor(
    private readonly app: App,
    private readonly state: vscode.Memento,
    private readonly notifier: Notifier,
  ) {
    super();
    this.activity = restoreActivity(state.get(ACTIVITY));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.onEdit(e.document)));
    this.register(app.onDidChange(() => app.models.forEach((m) => void this.checkLongRunning(m))));
    this.register({ dispose: () => void this.state.update(ACTIVITY, this.activity) });
  }

  private config(model: RepoModel) {
    return vscode.workspace.getConfiguration('strategyAlign', model.root);
  }

  private onEdit(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file') return;
    const model = this.app.models.find((m) => m.hasHistory && document.uri.fsPath.startsWith(m.root.fsPath + '/'));
    const branch = model?.currentBranch;
    if (!model || !branch || !model.last) return;
    const relative = document.uri.fsPath.slice(model.root.fsPath.length + 1);
    void this.checkStopList(model, branch, relative);
    if (model.currentGoal() || branch === model.last.scan.base) return;
    const key = `${model.root.toString()}#${branch}`;
    heartbeat(this.activity, key, Date.now());
    if (Date.now() - this.lastSave > SAVE_EVERY_MS) {
      this.lastSave = Date.now();
      void this.state.update(ACTIVITY, this.activity);
    }
    const limit = this.config(model).get<number>('untagged.activeMinutes', 120);
    const minutes = activeMinutes(this.activity, key);
    if (minutes >= limit)
      void this.warnUntagged(model, branch, `You have spent ${Math.round(minutes)} minutes on '${branch}', which serves no goal yet.`);
  }

  private async checkLongRunning(model: RepoModel): Promise<void> {
    const branch = model.currentBranch;
    const long = model.last?.scan.report.untagged.branches.find((b) => b.name === branch && b.longRunning);
    // The goal question on checkout comes first; the warning is for work that stays untagged after it.
    if (!branch || !long || !this.app.prompt.settled(model, branch)) return;
    await this.warnUntagged(
      model,
      branch,
      `'${branch}' is long-running untagged work (${plural(long.commits, 'commit')} since the base): which goal does it serve?`,
    );
  }

  private async warnUntagged(model: RepoModel, branch: string, message: string): Promise<void> {
    if (!this.config(model).get<boolean>('untagged.warn', true)) return;
    const key = `${model.root.toString()}#${branch}`;
    const snoozed = this.state.get<Record<string, number>>(SNOOZED, {});
    if (this.warned.has(key) || (snoozed[key] ?? 0) > Date.now() || this.notifier.busy) return;
    this.warned.add(key);
    const choice = await this.notifier.ask('warning', message, 'Tag Branch…', 'Snooze 1 Day', "Don't Warn for This Branch");
    if (choice === 'Tag Branch…') {
      await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: model.root.fsPath, branch });
    } else if (choice === 'Snooze 1 Day' || choice === "Don't Warn for This Branch") {
      await this.state.update(SNOOZED, { ...snoozed, [key]: choice === 'Snooze 1 Day' ? Date.now() + DAY_MS : Number.MAX_SAFE_INTEGER });
      if (choice === 'Snooze 1 Day') setTimeout(() => this.warned.delete(key), DAY_MS);
    }
  }

  private async checkStopList(model: RepoModel, branch: string, path: string): Promise<void> {
    if (!this.config(model).get<boolean>('stopList.warn', true)) return;
    const key = `${model.root.toString()}#${branch}`;
    if (this.stopListShown.has(key) || this.notifier.busy) return;
    const goal = this.app.strategyOf(model)?.goals.find((g) => g.status === 'stopped' && g.match.paths.some((p) => globMatches(p, path)));
    if (!goal) return;
    this.stopListShown.add(key);
    const choice = await this.notifier.ask(
      'info',
      `This area is on the stop list: ${goal.title}${goal.why ? `; ${goal.why}` : ''}`,
      'OK',
      "Don't Show Stop-List Notes",
    );
    if (choice === "Don't Show Stop-List Notes")
      await this.config(model).update('stopList.warn', false, vscode.ConfigurationTarget.Workspace);
  }
}
