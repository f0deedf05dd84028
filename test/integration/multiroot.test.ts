// A multi-root workspace of two repositories, each with its own strategy.yaml: the tree groups by
// repository and commands act on the repository they are given.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/extension/views/treeNodes';
import { api, waitFor } from './helpers';

describe('A multi-root workspace', () => {
  const folders = () => vscode.workspace.workspaceFolders ?? [];

  it('shows one group per repository, each with its own ranked goals', async () => {
    const a = await api();
    assert.equal(folders().length, 2);
    await a.app.startGit();
    await waitFor('both repositories scanned', () => a.app.models.filter((m) => m.git && m.last).length === 2);
    const roots = (await a.goalsProvider.getChildren()) ?? [];
    assert.deepEqual(
      roots.map((n: TreeNode) => String(a.goalsProvider.getTreeItem(n).label)),
      ['repo-a', 'repo-b'],
    );
    const goalsOf = async (root: TreeNode) =>
      ((await a.goalsProvider.getChildren(root)) ?? [])
        .filter((n) => n.kind === 'goal')
        .map((n) => String(a.goalsProvider.getTreeItem(n).label));
    assert.deepEqual(await goalsOf(roots[0]), [
      '#1 Cut checkout p95 below 400 ms',
      '#2 Self-serve onboarding for small teams',
      '#3 Offline mode in the mobile app',
    ]);
    assert.deepEqual(await goalsOf(roots[1]), ['#1 Ship the mobile app', '#2 Documentation people read']);
  });

  it('tags a branch in the repository it is given, and only there', async () => {
    const a = await api();
    const [repoA, repoB] = folders().map((f) => f.uri.fsPath);
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoB, branch: 'main', goal: 'docs' });
    assert.equal(execFileSync('git', ['config', 'branch.main.goal'], { cwd: repoB, encoding: 'utf8' }).trim(), 'docs');
    assert.throws(() => execFileSync('git', ['config', 'branch.main.goal'], { cwd: repoA, stdio: 'pipe' }));
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoB, branch: 'main', goal: 'faster-checkout' });
    assert.equal(
      execFileSync('git', ['config', 'branch.main.goal'], { cwd: repoB, encoding: 'utf8' }).trim(),
      'docs',
      "repo-a's goals are not repo-b's",
    );
    assert.ok(a.app.models.length === 2);
  });
});
