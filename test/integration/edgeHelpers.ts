// Shared by the `edge` run's suites (edge.test, hostile.test): the five repositories of
// scripts/host/edge-fixture.mjs, their tree rows and the status bar as each repository's file is active.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { RepoModel } from '../../src/extension/model/repoModel';
import type { TreeNode } from '../../src/extension/views/treeNodes';
import { api, waitFor } from './helpers';

export const EDGE = JSON.parse(readFileSync(join(__dirname, '../../../test/integration/fixture/edge.json'), 'utf8')) as {
  oddBranches: string[];
  hostile: { goalTitle: string; goalWhy: string; branch: string; subject: string; author: string };
};

export type RepoName = 'empty' | 'detached' | 'no-base' | 'odd-names' | 'hostile';

export interface Row {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string | undefined;
  /** The tooltip's markdown source (or plain text). */
  tooltip: string;
  markdown?: vscode.MarkdownString;
}

/** The API once git has started and all five repositories have been scanned. */
export async function edgeApi(): Promise<StrategyAlignApi> {
  const a = await api();
  await a.app.startGit();
  await waitFor('five scanned repositories', () => a.app.models.filter((m) => m.git && m.last).length === 5, 60_000);
  return a;
}

export function model(a: StrategyAlignApi, name: RepoName): RepoModel {
  const found = a.app.models.find((m) => m.name === name);
  if (!found) throw new Error(`no repository ${name}: ${a.app.models.map((m) => m.name).join(', ')}`);
  return found;
}

export function row(a: StrategyAlignApi, node: TreeNode): Row {
  // The tooltip as a hover shows it: VS Code asks resolveTreeItem for one a row was sent without.
  const item = a.goalsProvider.resolveTreeItem(a.goalsProvider.getTreeItem(node), node);
  const markdown = item.tooltip instanceof vscode.MarkdownString ? item.tooltip : undefined;
  const label = typeof item.label === 'string' ? item.label : String(item.label?.label);
  return {
    node,
    item,
    label,
    description: item.description === undefined ? undefined : String(item.description),
    tooltip: markdown?.value ?? String(item.tooltip ?? ''),
    markdown,
  };
}

/** The rows under a node (the repository when none is given). */
export async function children(a: StrategyAlignApi, m: RepoModel, node?: TreeNode): Promise<Row[]> {
  const nodes = (await a.goalsProvider.getChildren(node ?? { kind: 'repo', model: m })) ?? [];
  return nodes.map((n) => row(a, n));
}

/** The status bar while `name`'s strategy.yaml is the active editor. */
export async function statusFor(a: StrategyAlignApi, m: RepoModel): Promise<{ visible: boolean; text: string; tooltip: string }> {
  await vscode.window.showTextDocument(vscode.Uri.joinPath(m.root, 'strategy.yaml'));
  a.app.updateStatus();
  return a.app.status.state;
}
