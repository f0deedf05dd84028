// With the built-in git extension turned off (git.enabled: false): the goals still show, the
// view says git is unavailable, no history is read and the git commands refuse.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { api, repoDir, rows, waitFor } from './helpers';

describe('With git disabled', () => {
  it('knows git is disabled and shows the goals without history', async () => {
    const a = await api();
    await a.app.startGit();
    await waitFor('the git state', () => a.app.git.availability === 'disabled');
    assert.ok(a.app.models.every((m) => !m.git && !m.last));
    const labels = (await rows(a)).map((r) => r.label);
    assert.deepEqual(
      labels.filter((l) => l.startsWith('#')),
      ['#1 Cut checkout p95 below 400 ms', '#2 Self-serve onboarding for small teams', '#3 Offline mode in the mobile app'],
    );
    // The view's welcome text cannot show under rows, so a row says why there is no history.
    assert.ok(
      labels.some((l) => /^Git is not available/.test(l)),
      labels.join(' | '),
    );
  });

  it('refuses to tag, changing nothing', async () => {
    const before = execFileSync('git', ['config', '--list', '--local'], { cwd: repoDir(), encoding: 'utf8' });
    const a = await api();
    const shown = a.app.notifier.shown.length;
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoDir(), branch: 'main', goal: 'faster-checkout' });
    assert.deepEqual(a.app.notifier.shown.slice(shown), ['No git repository is open here (is git installed and enabled?).']);
    assert.equal(execFileSync('git', ['config', '--list', '--local'], { cwd: repoDir(), encoding: 'utf8' }), before);
  });
});
