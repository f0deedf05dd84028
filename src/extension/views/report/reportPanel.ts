// "Strategy: Show Alignment Report": the core's report body in a webview, with range and measure
// pickers and actions on untagged branches. One script, from media/report/, under a CSP with a
// nonce; every repository string escaped by the core; every message from the webview checked.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type AlignmentReport, EFFORT_MEASURES, type EffortMeasure } from '../../../core/alignment/reportTypes';
import { measureLabel, renderPanelPage } from '../../../core/render/panelPage';
import { type App, RANGES, type Range } from '../../app';
import { Disposable } from '../../disposable';
import type { RepoModel } from '../../model/repoModel';
import { type PanelMessage, parsePanelMessage, type ShownReport } from './messages';

export const REPORT_VIEW_TYPE = 'strategyAlign.report';
/** The panel's "repository" when it shows every repository of a multi-root workspace together. */
export const ALL_REPOSITORIES = '*';

/** What the webview keeps with getState/setState, and VS Code hands back after a restart. */
export interface ReportState {
  repository?: string;
  scrollY?: number;
  focus?: string;
}

export interface ReportHost {
  app: App;
  extensionUri: vscode.Uri;
  /** "Show in Goals view" on an untagged branch. */
  revealBranch(model: RepoModel, branch: string): Promise<void>;
}

export class ReportPanel extends Disposable {
  private static current: ReportPanel | undefined;
  private static host: ReportHost | undefined;
  private readonly renderedEvent = this.register(new vscode.EventEmitter<ShownReport>());
  /** Fires each time the webview's script has rendered and said what it shows. */
  readonly onDidRender = this.renderedEvent.event;
  /** What the webview last said it shows. */
  shown: ShownReport | undefined;
  private lastRendered: unknown[] = [];
  private renders = 0;
  /** A restored panel's focus and scroll, handed to its first page only. */
  private restore: ReportState | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private repository: string,
    private readonly host: ReportHost,
  ) {
    super();
    const media = vscode.Uri.joinPath(host.extensionUri, 'media', 'report');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'strategy-align.svg');
    this.register(host.app.onDidChange(() => this.render()));
    this.register(
      panel.webview.onDidReceiveMessage((message) =>
        this.handle(message).catch((error: unknown) => {
          void vscode.window.showErrorMessage(`Strategy Align: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        }),
      ),
    );
    this.register(
      panel.onDidDispose(() => {
        if (ReportPanel.current === this) ReportPanel.current = undefined;
        this.dispose();
      }),
    );
    ReportPanel.current?.panel.dispose();
    ReportPanel.current = this;
  }

  static configure(host: ReportHost): void {
    ReportPanel.host = host;
  }

  /** The open panel, if any (the tests read what it shows). */
  static get active(): ReportPanel | undefined {
    return ReportPanel.current;
  }

  /** The panel on `model`'s report, or on every repository's together (ALL_REPOSITORIES). */
  static async show(model: RepoModel | typeof ALL_REPOSITORIES): Promise<ReportPanel> {
    const host = ReportPanel.host;
    if (!host) throw new Error('the report panel is not registered');
    const models = model === ALL_REPOSITORIES ? host.app.models : [model];
    await Promise.all(models.filter((m) => !m.last).map((m) => m.refresh()));
    const repository = model === ALL_REPOSITORIES ? model : model.root.fsPath;
    let panel = ReportPanel.current;
    if (panel) {
      panel.repository = repository;
      panel.panel.reveal();
    } else {
      const title = `Alignment · ${model === ALL_REPOSITORIES ? 'All repositories' : model.name}`;
      const webview = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [],
      });
      panel = new ReportPanel(webview, repository, host);
    }
    panel.render(true);
    return panel;
  }

  /** A panel VS Code restored after a restart: the state names its repository. */
  static async revive(webview: vscode.WebviewPanel, state: ReportState | undefined): Promise<ReportPanel> {
    const host = ReportPanel.host;
    if (!host) throw new Error('the report panel is not registered');
    const repository = typeof state?.repository === 'string' ? state.repository : (host.app.modelFor()?.root.fsPath ?? '');
    const panel = new ReportPanel(webview, repository, host);
    panel.restore = {
      focus: typeof state?.focus === 'string' && /^[a-z]+(-\d+)?$/.test(state.focus) ? state.focus : undefined,
      scrollY: typeof state?.scrollY === 'number' && Number.isFinite(state.scrollY) && state.scrollY >= 0 ? state.scrollY : undefined,
    };
    panel.render(true);
    // Restored at start-up: git may not have started yet; the panel renders when the scan lands.
    void host.app.startGit();
    return panel;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  private get model(): RepoModel | undefined {
    if (this.repository === ALL_REPOSITORIES) return undefined;
    return this.repository ? this.host.app.modelFor(this.repository) : this.host.app.modelFor();
  }

  /** What the panel shows: a repository's report, or every repository's together. */
  private shows(): { report?: AlignmentReport; message?: string; name?: string } {
    const { app } = this.host;
    if (this.repository === ALL_REPOSITORIES) {
      const report = app.all.report();
      return report
        ? { report, name: 'All repositories' }
        : { message: 'Waiting for the numbers of at least two repositories…', name: 'All repositories' };
    }
    const model = this.model;
    const report = model?.last?.scan.report;
    const message = !model
      ? 'Waiting for the repository…'
      : !app.strategyOf(model)
        ? `No valid strategy.yaml in ${model.name}: fix it (see Problems) or create one.`
        : !model.hasHistory
          ? 'Strategy Align runs no git here (Restricted Mode, or git is not available), so there is no report.'
          : model.error && !report
            ? `Could not read history: ${model.error}`
            : undefined;
    return { report, message, name: model?.name };
  }

  /** The repository picker of a multi-root workspace: All repositories, then each one. */
  private repositoryChoices(): { id: string; label: string }[] {
    const models = this.host.app.referenceOrder;
    if (models.length < 2) return [];
    return [{ id: ALL_REPOSITORIES, label: 'All repositories' }, ...models.map((m) => ({ id: m.root.fsPath, label: m.name }))];
  }

  /** Renders when what the panel shows changed (a new scan, the strategy, the pickers). */
  private render(force = false): void {
    const { app } = this.host;
    const { report, message, name } = this.shows();
    const model = this.model;
    // A rescan that found the same numbers keeps the page (and the reader's focus and scroll).
    const key = [
      report && JSON.stringify({ ...report, generatedAt: undefined }),
      message,
      app.range,
      app.measure,
      app.compare,
      name,
      this.repositoryChoices().length,
    ];
    if (!force && key.every((k, i) => k === this.lastRendered[i])) return;
    this.lastRendered = key;
    this.renders += 1;
    if (name) this.panel.title = `Alignment · ${name}`;
    const nonce = randomBytes(16).toString('hex');
    const script = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'media', 'report', 'report.js'));
    this.panel.webview.html = renderPanelPage(message ? undefined : report, {
      nonce,
      scriptUri: script.toString(),
      repository: model?.root.fsPath ?? this.repository,
      repositories: this.repositoryChoices(),
      ranges: RANGES,
      range: app.range,
      measures: EFFORT_MEASURES.map((id) => ({ id, label: measureLabel(id) })),
      measure: app.measure,
      compare: app.compare,
      message,
      restore: this.restore,
    });
    if (report && !message) this.restore = undefined;
  }

  /** A message from the webview: acted on only when it is one the panel offers. */
  async handle(raw: unknown): Promise<boolean> {
    const { app } = this.host;
    const message: PanelMessage | undefined = parsePanelMessage(raw, {
      ranges: RANGES.map((r) => r.id),
      repositories: this.repositoryChoices().map((c) => c.id),
      measures: EFFORT_MEASURES,
      branches: this.shows().report?.untagged.branches.map((b) => b.name) ?? [],
    });
    if (!message) return false;
    const renders = this.renders;
    // A branch of the combined report is `repo:branch` (':' is never in a branch name): its repository's own.
    const split = message.type === 'tag' || message.type === 'open' ? this.branchOf(message.branch) : undefined;
    const model = split?.model ?? this.model;
    const args = { repository: model?.root.fsPath ?? this.repository };
    switch (message.type) {
      case 'rendered':
        this.shown = message.shown;
        this.renderedEvent.fire(message.shown);
        return true;
      case 'setRepository':
        this.repository = message.repository;
        this.render(true);
        return true;
      case 'setRange':
      case 'setMeasure':
      case 'setCompare':
      case 'refresh':
        if (message.type === 'setRange') await app.setRange(message.range as Range);
        else if (message.type === 'setMeasure') await app.setMeasure(message.measure as EffortMeasure);
        else if (message.type === 'setCompare') await app.setCompare(message.compare);
        else await app.refreshAll();
        // The script shows "Updating…" until the next render: render even when nothing changed.
        if (this.renders === renders) this.render(true);
        return true;
      case 'copy':
        await vscode.commands.executeCommand('strategyAlign.copyReportMarkdown', args);
        break;
      case 'save':
        await vscode.commands.executeCommand('strategyAlign.saveReport', args);
        break;
      case 'tag':
        await vscode.commands.executeCommand('strategyAlign.tagBranch', { ...args, branch: split?.branch ?? message.branch });
        break;
      case 'open':
        if (model) await this.host.revealBranch(model, split?.branch ?? message.branch);
        break;
    }
    return true;
  }

  /** In the combined report, `repo:branch` → that repository's model and the branch's own name. */
  private branchOf(name: string): { model: RepoModel; branch: string } | undefined {
    if (this.repository !== ALL_REPOSITORIES) return undefined;
    const at = name.indexOf(':');
    const model = this.host.app.models.find((m) => m.name === name.slice(0, at));
    return at > 0 && model ? { model, branch: name.slice(at + 1) } : undefined;
  }
}

/** Registers the restore path: VS Code calls it for report panels open before a restart. */
export function registerReportSerializer(): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reportSerializer);
}

export const reportSerializer: vscode.WebviewPanelSerializer<ReportState | undefined> = {
  async deserializeWebviewPanel(panel, state) {
    await ReportPanel.revive(panel, state);
  },
};
