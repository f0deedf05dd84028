// Git edge cases a user meets in the editor (issue 7 item 2), on real repositories opened together:
// an empty repository, a detached HEAD, no base branch, and branch names full of shell syntax.
// The right numbers and a plain explanation, never an error row.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import { children, EDGE, edgeApi, model, statusFor } from './edgeHelpers';
import { waitFor } from './helpers';

const pairs = (rows: Array<{ label: string; description: string | undefined }>) => rows.map((r) => [r.label, r.description]);

describe('Git edge cases in the editor', () => {
  let a: StrategyAlignApi;
  before(async function () {
    this.timeout(90_000);
    a = await edgeApi();
  });

  it('groups the five repositories, none with an error', () => {
    assert.deepEqual(
      a.app.models.map((m) => m.name),
      ['detached', 'empty', 'hostile', 'no-base', 'odd-names'],
    );
    assert.deepEqual(
      a.app.models.map((m) => m.error),
      [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it('an empty repository: both goals at zero and "No commits yet"', async () => {
    const rows = await children(a, model(a, 'empty'));
    assert.deepEqual(pairs(rows), [
      ['#1 Alpha goal', '0 commits · 0%'],
      ['#2 Beta goal', '0 commits · 0%'],
      ['Untagged work', '0'],
      ['No commits yet', undefined],
    ]);
  });

  it('a detached HEAD: the numbers of every branch, no branch in the status bar, and tagging "the current branch" says why not', async () => {
    const m = model(a, 'detached');
    assert.equal(m.currentBranch, undefined);
    assert.deepEqual(pairs((await children(a, m)).slice(0, 3)), [
      ['#1 Alpha goal', '1 commit · 33%'],
      ['#2 Beta goal', '1 commit · 33%'],
      ['Untagged work', '0'],
    ]);
    assert.equal((await statusFor(a, m)).visible, false, 'no branch, no goal to show');
    const before = a.app.notifier.shown.length;
    await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: m.root.fsPath, goal: 'alpha' });
    assert.deepEqual(a.app.notifier.shown.slice(before), ['HEAD is not on a branch: check out a branch to tag it.']);
    assert.equal(
      spawnSync('git', ['config', '--get-regexp', 'goal$'], { cwd: m.root.fsPath, encoding: 'utf8' }).stdout,
      '',
      'no branch was tagged',
    );
  }).timeout(30_000);

  it('no base branch: the explicit numbers, and a row that says what is missing and how to fix it', async () => {
    const m = model(a, 'no-base');
    const rows = pairs(await children(a, m));
    assert.deepEqual(rows.slice(0, 3), [
      ['#1 Alpha goal', '1 commit · 50%'],
      ['#2 Beta goal', '0 commits · 0%'],
      ['Untagged work', '0'],
    ]);
    assert.match(String(rows[3][0]), /^No base branch .*settings\.base/);
    const status = await statusFor(a, m);
    assert.deepEqual([status.visible, status.text], [true, '$(warning) Untagged']);
  });

  it('odd branch names: shown exactly in the tree and the status bar, and tagged through git without a shell', async () => {
    const m = model(a, 'odd-names');
    const [current, second] = EDGE.oddBranches;
    const beta = (await children(a, m)).find((r) => r.label === '#2 Beta goal')!;
    const branches = await children(a, m, beta.node);
    assert.deepEqual(
      branches.map((r) => [r.label, r.description]),
      [[current, 'current · 1 commit · today']],
    );
    assert.ok(branches[0].tooltip.includes(new vscode.MarkdownString().appendText(current).value), branches[0].tooltip);
    const status = await statusFor(a, m);
    assert.deepEqual([status.visible, status.text], [true, '$(target) Beta goal']);
    assert.ok(status.tooltip.startsWith(new vscode.MarkdownString().appendText(`${current}: `).value), status.tooltip);

    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: m.root.fsPath, branch: second, goal: 'alpha' });
    assert.equal(
      execFileSync('git', ['config', '--get', `branch.${second}.goal`], { cwd: m.root.fsPath, encoding: 'utf8' }).trim(),
      'alpha',
    );
    const alpha = (await children(a, m)).find((r) => r.label === '#1 Alpha goal')!;
    await waitFor('the tagged branch under its goal', async () => (await children(a, m, alpha.node)).some((r) => r.label === second));
    assert.equal(
      existsSync(join(m.root.fsPath, 'pwned')) || existsSync(join(m.root.fsPath, 'pwned2')),
      false,
      'no shell ever ran a branch name',
    );
  });
});
