// Extension entry point: a thin shell that wires the App (repositories, strategy, history) to the
// Goals view, the commands and the editor. activate() reads strategy.yaml and starts no git.
import * as vscode from 'vscode';
import type { Goal } from '../core/strategy';
import { gitActivity } from '../core/git/runner';
import { App } from './app';
import { log, logDisposable } from './log';
import { registerStrategyQuickFixes } from './editor/strategyQuickFixes';
import { registerCommitDocuments } from './views/commitDocument';
import { GoalsTree } from './views/goalsTree';
import { ReportPanel, registerReportSerializer, reportSerializer } from './views/report/reportPanel';
import type { TreeNode } from './views/treeNodes';
import { registerCommands } from './tagging/commands';
import { UntaggedReview } from './triage/reviewUntagged';

/** What `activate` returns: a small surface for the integration tests. */
export interface StrategyAlignApi {
  readonly strategyFile: vscode.Uri | undefined;
  goals(): readonly Goal[];
  readonly goalsProvider: GoalsTree;
  readonly app: App;
  refresh(): Promise<void>;
  /** The open report panel (what its webview says it shows, its message handler). */
  reportPanel(): ReportPanel | undefined;
  readonly reportSerializer: typeof reportSerializer;
  readonly goalsView: vscode.TreeView<TreeNode>;
  /** git processes the core has started in this extension host so far. */
  gitProcesses(): number;
  /** How many of them the helper process started, and why it stopped, if it did. */
  gitHelper(): { launched: number; failure: string | undefined };
  /** Review Untagged Work… (its open QuickPick). */
  readonly untaggedReview: UntaggedReview;
}

export async function activate(context: vscode.ExtensionContext): Promise<StrategyAlignApi> {
  const started = performance.now();
  const app = new App(context);
  context.subscriptions.push(logDisposable, app);
  const untaggedReview = new UntaggedReview(app);
  const view = vscode.window.createTreeView('strategyAlign.goals', { treeDataProvider: app.tree, showCollapseAll: true });
  ReportPanel.configure({
    app,
    extensionUri: context.extensionUri,
    revealBranch: async (model, branch) => {
      if (!app.tree.branchNode(model, branch)) return;
      await vscode.commands.executeCommand('strategyAlign.goals.focus');
      // A side bar that was closed shows the view a moment after the command returns, a reveal into
      // a view not yet shown can be lost, and a rescan can replace the rows under it: wait for the
      // view (or the selection) to change, take the row afresh, and reveal again, a few times.
      const selected = () => view.selection.some((n) => n.kind === 'branch' && n.model === model && n.branch.name === branch);
      for (let attempt = 0; attempt < 5 && !selected(); attempt++) {
        if (!view.visible) await nextEvent(view.onDidChangeVisibility, 5000);
        const node = app.tree.branchNode(model, branch);
        if (!node) return;
        await Promise.resolve(view.reveal(node, { select: true, focus: true, expand: true })).catch(() => undefined);
        if (!selected()) await nextEvent(view.onDidChangeSelection, 1000);
      }
    },
  });
  context.subscriptions.push(
    view,
    registerReportSerializer(),
    view.onDidChangeVisibility((e) => e.visible && void app.startGit()),
    app.onDidChange(() => (view.message = viewMessage(app))),
    vscode.commands.registerCommand('strategyAlign.refresh', () => app.refreshAll()),
    ...registerCommands(app),
    untaggedReview,
    ...registerCommitDocuments(app),
    registerStrategyQuickFixes(),
  );
  await app.activate();
  view.message = viewMessage(app);
  app.timeline.activated = Date.now();
  const activateMs = performance.now() - started;
  app.timeline.activateMs = activateMs;
  // After activate() returns (the channel is made on first use), with the time in the text: the
  // channel stamps lines when it writes them, in batches (the editor bench reads this one).
  const at = new Date().toISOString();
  setImmediate(() => log().info(`activated in ${Math.round(activateMs)} ms (at ${at})`));
  if (view.visible) void app.startGit();
  const first = () => app.models.find((m) => app.storeOf(m)?.state !== 'missing') ?? app.models[0];
  return {
    get strategyFile() {
      const model = first();
      return model && app.storeOf(model)?.file;
    },
    goals: () => {
      const model = first();
      return (model && app.storeOf(model)?.goals) ?? [];
    },
    goalsProvider: app.tree,
    app,
    refresh: () => app.refreshAll(),
    reportPanel: () => ReportPanel.active,
    reportSerializer,
    goalsView: view,
    gitProcesses: () => gitActivity.processes,
    gitHelper: () => ({ launched: app.gitHelper.launched, failure: app.gitHelper.failure }),
    untaggedReview,
  };
}

/** The view's message line for states the rows alone cannot show. */
function viewMessage(app: App): string | undefined {
  const stores = app.models.map((m) => app.storeOf(m)).filter((s) => s !== undefined);
  if (stores.some((s) => s.state === 'broken')) return 'strategy.yaml has errors (see Problems); showing the last valid goals.';
  if (!app.trusted && stores.some((s) => s.state === 'valid')) return 'Restricted Mode: goals only, no git.';
  return undefined;
}

export function deactivate(): void {}

/** Resolves once `view` is shown, or after `ms` in any case. */
/** The next `event`, or `ms` later, whichever comes first. */
function nextEvent<T>(event: vscode.Event<T>, ms: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      listener.dispose();
      done();
    };
    const listener = event(finish);
    const timer = setTimeout(finish, ms);
  });
}
