// "Strategy: Show Alignment Report": the core's html report in a webview. No scripts at all, a
// strict CSP with a nonce for the one stylesheet, and every repository string escaped by the core.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderHtml } from '../../core/render/html';
import type { RepoModel } from '../model/repoModel';

export class ReportPanel {
  private static current: ReportPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel, private model: RepoModel) {
    this.disposables.push(
      model.onDidChange(() => this.render()),
      panel.onDidDispose(() => {
        ReportPanel.current = undefined;
        this.disposables.forEach((d) => d.dispose());
      }),
    );
  }

  static async show(model: RepoModel): Promise<ReportPanel> {
    if (!model.last) await model.refresh();
    if (ReportPanel.current && ReportPanel.current.model === model) {
      ReportPanel.current.panel.reveal();
    } else {
      ReportPanel.current?.panel.dispose();
      const panel = vscode.window.createWebviewPanel('strategyAlign.report', `Alignment · ${model.name}`, vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
      ReportPanel.current = new ReportPanel(panel, model);
    }
    ReportPanel.current.render();
    return ReportPanel.current;
  }

  /** The panel's current html (for tests). */
  static get html(): string | undefined {
    return ReportPanel.current?.panel.webview.html;
  }

  private render(): void {
    const report = this.model.last?.scan.report;
    const nonce = randomBytes(16).toString('base64');
    const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:;`;
    const html = report
      ? renderHtml(report, { styleNonce: nonce })
      : '<!DOCTYPE html><html><body><p>No report yet: the repository has not been scanned.</p></body></html>';
    this.panel.webview.html = html.replace('<head>', `<head>\n<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  }
}
