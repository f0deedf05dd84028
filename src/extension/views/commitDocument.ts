// "Show Changes" for a commit row: a read-only document with `git show` of the commit.
import * as vscode from 'vscode';
import type { App } from '../app';

export const COMMIT_SCHEME = 'strategy-align-commit';

export function commitUri(repository: string, sha: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: COMMIT_SCHEME,
    path: `/${sha.slice(0, 10)}.diff`,
    query: new URLSearchParams({ repository, sha }).toString(),
  });
}

export class CommitDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly app: App) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const model = this.app.modelFor(query.get('repository') ?? undefined);
    if (!this.app.trusted || !model?.git) return 'Strategy Align runs no git here.';
    try {
      return await (await model.repo()).showCommit(query.get('sha') ?? 'HEAD');
    } catch (error) {
      return `Could not show the commit: ${(error as Error).message}`;
    }
  }
}

export function registerCommitDocuments(app: App): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocuments(app)),
    vscode.commands.registerCommand('strategyAlign.openCommit', async (arg?: { repository?: string; sha?: string }) => {
      if (!arg?.sha) return;
      const doc = await vscode.workspace.openTextDocument(commitUri(arg.repository ?? app.modelFor()?.root.fsPath ?? '', arg.sha));
      await vscode.window.showTextDocument(doc, { preview: true });
      await vscode.languages.setTextDocumentLanguage(doc, 'diff');
    }),
  ];
}
