// With no git binary on PATH (the host runs with a PATH that has every program but git): the goals
// still show, a row says why there is no history, commands say why they do nothing, and no error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { api, repoDir, rows, waitFor } from './helpers';

describe('Without a git binary', () => {
  it('really has no git on PATH', () => {
    assert.equal((spawnSync('git', ['--version']).error as NodeJS.ErrnoException | undefined)?.code, 'ENOENT');
  });

  it('shows the goals and a row saying git is not available', async () => {
    const a = await api();
    await a.app.startGit();
    await waitFor('the git state', () => ['disabled', 'missing'].includes(a.app.git.availability), 30_000);
    const labels = (await rows(a)).map((r) => r.label);
    assert.deepEqual(
      labels.filter((l) => l.startsWith('#')),
      ['#1 Cut checkout p95 below 400 ms', '#2 Self-serve onboarding for small teams', '#3 Offline mode in the mobile app'],
    );
    assert.ok(
      labels.some((l) => /^Git is not available/.test(l)),
      labels.join(' | '),
    );
    assert.ok(a.app.models.every((m) => !m.git && !m.error));
  });

  it('tells the user why a git command does nothing, starting no git', async () => {
    const a = await api();
    const before = a.app.notifier.shown.length;
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoDir(), branch: 'main', goal: 'faster-checkout' });
    assert.deepEqual(a.app.notifier.shown.slice(before), ['No git repository is open here (is git installed and enabled?).']);
    assert.equal(a.gitProcesses(), 0);
  });
});
