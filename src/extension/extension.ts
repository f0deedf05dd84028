// Extension entry point: the strategy store, the Goals view and the refresh command.
import * as vscode from 'vscode';
import { type Goal, STRATEGY_FILE } from '../core/strategy';
import { Disposable } from './disposable';
import { GoalsProvider, viewMessage } from './goalsView';
import { StrategyStore } from './strategyStore';

/** What `activate` returns: a small surface for the integration tests. */
export interface StrategyAlignApi {
  readonly strategyFile: vscode.Uri | undefined;
  goals(): readonly Goal[];
  readonly goalsProvider: GoalsProvider;
  refresh(): Promise<void>;
}

class StrategyAlign extends Disposable {
  readonly store: StrategyStore | undefined;
  readonly provider: GoalsProvider;

  constructor(file: vscode.Uri | undefined) {
    super();
    const store = (this.store = file && this.register(new StrategyStore(file)));
    this.provider = this.register(new GoalsProvider(store));
    const view = this.register(vscode.window.createTreeView('strategyAlign.goals', { treeDataProvider: this.provider }));
    if (store) this.register(store.onDidChange(() => (view.message = viewMessage(store))));
    else view.message = viewMessage(store);
    this.register(vscode.commands.registerCommand('strategyAlign.refresh', () => this.refresh()));
  }

  async refresh(): Promise<void> {
    await this.store?.reload();
  }
}

/** The strategy.yaml of the first workspace folder that has one (else of the first folder). */
async function findStrategyFile(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const folder of folders) {
    const file = vscode.Uri.joinPath(folder.uri, STRATEGY_FILE);
    try {
      await vscode.workspace.fs.stat(file);
      return file;
    } catch {
      // not in this folder
    }
  }
  return folders[0] ? vscode.Uri.joinPath(folders[0].uri, STRATEGY_FILE) : undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<StrategyAlignApi> {
  const app = new StrategyAlign(await findStrategyFile());
  context.subscriptions.push(app);
  await app.refresh();
  return {
    strategyFile: app.store?.file,
    goals: () => app.store?.goals ?? [],
    goalsProvider: app.provider,
    refresh: () => app.refresh(),
  };
}

export function deactivate(): void {}
