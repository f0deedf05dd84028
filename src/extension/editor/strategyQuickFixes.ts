// Quick fixes in strategy.yaml where the fix is obvious: an unknown key or parent with a close
// known one ("did you mean 'status'?") is replaced by it.
import * as vscode from 'vscode';

const SUGGESTION = /did you mean '([^']+)'\?/;

export class StrategyQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const suggestion = diagnostic.source === 'strategy-align' ? SUGGESTION.exec(diagnostic.message)?.[1] : undefined;
      if (!suggestion || diagnostic.range.isEmpty) return [];
      const action = new vscode.CodeAction(`Change to '${suggestion}'`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, suggestion);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}

export function registerStrategyQuickFixes(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ pattern: '**/strategy.yaml' }, new StrategyQuickFixes(), {
    providedCodeActionKinds: StrategyQuickFixes.kinds,
  });
}
