// strategy.yaml problems as you type (unsaved), with the last valid strategy still in use, and the
// "did you mean" quick fix.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, FIXTURE_TEXT, strategyUri, waitFor, writeStrategy } from './helpers';

/**
 * Applies the edit `build` makes, again until VS Code takes it. The extension host sends a text edit with
 * the document version it knows; when the file on disk was just rewritten (the previous test's cleanup),
 * VS Code may reload the document first and refuse the edit as outdated (applyEdit gives false). Once
 * seen in CI: the edit never landed, and the test waited a minute for a diagnostic of nothing.
 */
async function applyTaken(build: () => vscode.WorkspaceEdit): Promise<void> {
  await waitFor('VS Code to take the edit', async () => (await vscode.workspace.applyEdit(build())) || undefined);
}

describe('strategy.yaml diagnostics as you type', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    writeStrategy(FIXTURE_TEXT);
    await vscode.commands.executeCommand('strategyAlign.refresh');
  });

  it('flags a typo before saving, keeps the goals, and fixes it with the quick fix', async () => {
    const a = await api();
    const document = await vscode.workspace.openTextDocument(strategyUri());
    await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('status: paused'));
    await applyTaken(() => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(line, 4, line, 10), 'stauts');
      return edit;
    });
    assert.ok(document.isDirty, 'not saved');

    const warning = await waitFor('the unknown-key warning', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => /unknown key 'stauts'.*did you mean 'status'/.test(d.message)),
    );
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([warning.range.start.line, warning.range.start.character, warning.range.end.character], [line, 4, 10]);
    assert.equal(a.goals().length, 4, 'the saved strategy still drives the views');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      warning.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((x) => x.title === "Change to 'status'");
    assert.ok(fix?.edit, actions.map((x) => x.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix applies');
    assert.equal(document.lineAt(line).text, '    status: paused');
    await waitFor('the warning to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => /stauts/.test(d.message)));
  });

  it('shows errors of the unsaved buffer at their line and column', async () => {
    const document = await vscode.workspace.openTextDocument(strategyUri());
    await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('id: mobile-offline'));
    await applyTaken(() => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(line, 8, line, 22), 'Mobile_Offline');
      return edit;
    });
    assert.match(document.lineAt(line).text, /Mobile_Offline/, 'the unsaved buffer holds the bad id');
    const error = await waitFor('the bad-id error', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.match(error.message, /Mobile_Offline/);
    assert.deepEqual([error.range.start.line, error.range.start.character], [line, 8]);
  });
});
