// Tagging work from the editor, in the real extension host with the real built-in git extension:
// commands driven with arguments, the tree, the status bar and the commit box.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { RepoModel } from '../../src/extension/model/repoModel';
import type { TreeNode } from '../../src/extension/views/treeNodes';
import { repoDir, scanned, waitFor } from './helpers';

describe('Tagging work from the editor', () => {
  let a: StrategyAlignApi;
  const dir = () => repoDir();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir(), encoding: 'utf8' }).trim();
  const model = (): RepoModel => a.app.models.find((m) => m.git)!;
  const commit = (message: string) => {
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const children = async (node?: TreeNode) => (await a.goalsProvider.getChildren(node)) ?? [];
  const label = (node: TreeNode) => String(a.goalsProvider.getTreeItem(node).label);
  const goalNode = async (title: RegExp) => (await children()).find((n) => n.kind === 'goal' && title.test(label(n)))!;
  const box = () => model().git!.inputBox;

  before(async () => {
    a = await scanned();
  });

  after(async () => {
    box().value = '';
    git('checkout', '-q', 'main');
    for (const branch of git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n')) {
      if (branch !== 'main') git('branch', '-q', '-D', branch);
    }
    await a.refresh();
  });

  it('tags the current branch from a command with arguments: git config, tree and status bar follow', async () => {
    await waitFor('the quiet status on the base branch', () => a.app.status.text === '$(target) No goal (base branch)');
    git('checkout', '-q', '-b', 'topic');
    commit('Work on topic');
    await waitFor('the git extension to see the new HEAD', () => model().currentBranch === 'topic');
    box().value = 'Typed before tagging';
    await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: dir(), goal: 'faster-checkout' });
    assert.equal(git('config', 'branch.topic.goal'), 'faster-checkout');
    const goal = await goalNode(/Cut checkout/);
    await waitFor('the branch under its goal', async () =>
      (await children(goal)).some((n) => n.kind === 'branch' && n.branch.name === 'topic'),
    );
    assert.match(String(a.goalsProvider.getTreeItem(goal).description), /^1 commit · 50% \(target 50%\)$/);
    await waitFor('the status bar', () => a.app.status.text === '$(target) Cut checkout p95 below 400 ms');
    assert.equal(box().value, 'Typed before tagging\n\nGoal: faster-checkout', 'the trailer is appended to what was typed');
  });

  it('reapplies the trailer after a commit clears the box, without duplicating it', async () => {
    box().value = '';
    git('commit', '-q', '--allow-empty', '-m', 'Second piece');
    await vscode.commands.executeCommand('strategyAlign.refresh');
    await waitFor('the trailer back in the empty box', () => box().value === '\n\nGoal: faster-checkout');
    await vscode.commands.executeCommand('strategyAlign.refresh');
    assert.equal(box().value, '\n\nGoal: faster-checkout');
  });

  it('follows a branch switch: our untouched trailer changes goal, a typed one is left alone', async () => {
    git('branch', 'other');
    git('config', 'branch.other.goal', 'self-serve-onboarding');
    git('checkout', '-q', 'other');
    await waitFor('the trailer of the other branch', async () => {
      await a.refresh();
      return box().value === '\n\nGoal: self-serve-onboarding';
    });
    box().value = 'My words first\n\nGoal: self-serve-onboarding';
    git('checkout', '-q', 'topic');
    await a.refresh();
    await waitFor('the git extension to see topic', () => model().currentBranch === 'topic');
    await a.refresh();
    assert.equal(box().value, 'My words first\n\nGoal: self-serve-onboarding', 'what the user touched is theirs');
    box().value = '';
    await a.refresh();
    await waitFor('the trailer of topic', () => box().value === '\n\nGoal: faster-checkout');
  });

  it('opens a commit row to show its changes', async () => {
    const goal = await goalNode(/Cut checkout/);
    const branch = (await children(goal)).find((n) => n.kind === 'branch')!;
    const row = (await children(branch))[0];
    const item = a.goalsProvider.getTreeItem(row);
    assert.equal(item.command?.command, 'strategyAlign.openCommit');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const doc = await waitFor('the commit document', () => vscode.window.activeTextEditor?.document);
    assert.equal(doc.uri.scheme, 'strategy-align-commit');
    assert.match(doc.getText(), /^commit [0-9a-f]{40}\n/);
    assert.match(doc.getText(), /Second piece|Work on topic/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('untags the branch: the tag, our untouched trailer and the status bar go', async () => {
    await vscode.commands.executeCommand('strategyAlign.untagBranch', { repository: dir(), branch: 'topic' });
    assert.throws(() => git('config', 'branch.topic.goal'));
    await waitFor('the untagged status', () => a.app.status.text === '$(warning) Untagged');
    assert.equal(box().value, '', 'only our own insertion is taken back');
    const untagged = (await children()).find((n) => n.kind === 'group' && n.group === 'untagged')!;
    await waitFor('topic under Untagged work', async () =>
      (await children(untagged)).some((n) => n.kind === 'branch' && n.branch.name === 'topic'),
    );
  });

  it('tags one commit after the fact with a note, never rewriting history', async () => {
    const sha = git('rev-parse', 'HEAD');
    await vscode.commands.executeCommand('strategyAlign.tagCommit', { repository: dir(), sha, goal: 'self-serve-onboarding' });
    assert.equal(git('notes', '--ref=refs/notes/goals', 'show', sha), 'Goal: self-serve-onboarding');
    assert.equal(git('rev-parse', 'HEAD'), sha);
    await vscode.commands.executeCommand('strategyAlign.untagCommit', { repository: dir(), sha });
    assert.throws(() => git('notes', '--ref=refs/notes/goals', 'show', sha), 'untagged');
    await vscode.commands.executeCommand('strategyAlign.tagCommit', { repository: dir(), sha, goal: 'self-serve-onboarding' });
    const goal = await goalNode(/Self-serve onboarding/);
    await waitFor('the commit under its goal', async () => {
      const kids = await children(goal);
      const commits = (await Promise.all(kids.map((k) => children(k)))).flat();
      return commits.some((n) => n.kind === 'commit' && n.entry.commit.sha === sha);
    });
  });

  it('creates a branch for a goal from the base, named by the pattern, and checks it out', async () => {
    await vscode.commands.executeCommand('strategyAlign.createBranchForGoal', {
      repository: dir(),
      goal: 'self-serve-onboarding',
      topic: 'Signup emails',
    });
    assert.equal(git('symbolic-ref', '--short', 'HEAD'), 'self-serve-onboarding/signup-emails');
    assert.equal(git('rev-parse', 'HEAD'), git('rev-parse', 'main'), 'branched from the base');
    await waitFor(
      'the status bar to show the goal from the branch name',
      () => a.app.status.text === '$(target) Self-serve onboarding for small teams',
    );
  });

  it('switches the time range and whose work the view counts, and remembers both', async () => {
    await vscode.commands.executeCommand('strategyAlign.setRange', '30d');
    await vscode.commands.executeCommand('strategyAlign.setScope', 'mine');
    assert.deepEqual(model().last?.settings, { since: '30d', author: git('config', 'user.email').toLowerCase(), measure: 'commits' });
    assert.equal(a.app.range, '30d');
    await vscode.commands.executeCommand('strategyAlign.setRange', '90d');
    await vscode.commands.executeCommand('strategyAlign.setScope', 'everyone');
    assert.deepEqual(model().last?.settings, { since: '90d', author: undefined, measure: 'commits' });
  });

  it('writes a commented, valid strategy.yaml template where there is none', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sa-template-'));
    await vscode.commands.executeCommand('strategyAlign.createStrategy', { repository: folder });
    const text = readFileSync(join(folder, 'strategy.yaml'), 'utf8');
    assert.match(text, /^# Strategy Align: the team's goals, RANKED/);
    assert.match(text, /status: stopped/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, join(folder, 'strategy.yaml'), 'opened for editing');
    writeFileSync(join(folder, 'strategy.yaml'), 'version: 1\ngoals: []\n# mine\n');
    await vscode.commands.executeCommand('strategyAlign.createStrategy', { repository: folder });
    assert.equal(
      readFileSync(join(folder, 'strategy.yaml'), 'utf8'),
      'version: 1\ngoals: []\n# mine\n',
      'an existing file is never overwritten',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses an unknown goal id without changing anything', async () => {
    const before = git('config', '--list', '--local');
    await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: dir(), goal: 'moonshot' });
    assert.equal(git('config', '--list', '--local'), before);
  });
});
