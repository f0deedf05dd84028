// Shared by the integration suites: the activated extension's API, the fixture's
// strategy.yaml and waiting for the host to catch up.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'strategy-align.strategy-align';
/** The fixture as committed; every test that edits strategy.yaml puts it back. */
export const FIXTURE_TEXT = readFileSync(join(__dirname, '../../../test/integration/fixture/strategy.yaml'), 'utf8');

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  // a last guard on a loaded machine
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function extension(): vscode.Extension<StrategyAlignApi> {
  const ext = vscode.extensions.getExtension<StrategyAlignApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return ext;
}

/** The API, once the extension has activated on its own (workspaceContains). */
export async function api(): Promise<StrategyAlignApi> {
  const ext = extension();
  await waitFor('the extension to activate', () => ext.isActive);
  return ext.exports;
}

/** The API once git has started and the fixture repository has been scanned. */
export async function scanned(): Promise<StrategyAlignApi> {
  const a = await api();
  await a.app.startGit();
  await waitFor('the repository to be scanned', () => a.app.models.some((m) => m.git && m.last));
  return a;
}

/** The fixture repository's folder. */
export function repoDir(): string {
  return strategyUri().fsPath.replace(/[\\/]strategy\.yaml$/, '');
}

export function strategyUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture folder open');
  return vscode.Uri.joinPath(folder.uri, 'strategy.yaml');
}

/** Writes strategy.yaml from outside the editor, as another tool or a `git checkout` would. */
export function writeStrategy(text: string): void {
  writeFileSync(strategyUri().fsPath, text);
}

/** The Goals view's rows as the view shows them: label, description, icon, tooltip. */
export async function rows(a: StrategyAlignApi): Promise<Array<{ label: string; description: string; icon: string; tooltip: string }>> {
  const goals = await a.goalsProvider.getChildren();
  return (goals ?? []).map((goal) => {
    // The tooltip as a hover shows it: VS Code asks resolveTreeItem for one a row was sent without.
    const item = a.goalsProvider.resolveTreeItem(a.goalsProvider.getTreeItem(goal), goal);
    // MarkdownString.appendText escapes spaces as &nbsp;: compare the text a person reads.
    const tooltip = (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '')).replace(
      /&nbsp;/g,
      ' ',
    );
    return { label: String(item.label), description: String(item.description), icon: (item.iconPath as vscode.ThemeIcon).id, tooltip };
  });
}
