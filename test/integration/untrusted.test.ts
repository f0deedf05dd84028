// Restricted Mode, with workspace trust ON and the folder untrusted: the extension reads
// strategy.yaml and shows the goals, starts no git, and its git commands refuse to act.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, repoDir, rows, waitFor } from './helpers';

describe('In an untrusted workspace', () => {
  it('really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('reads strategy.yaml and shows the goals, with no history', async () => {
    const a = await api();
    await waitFor('the goals', () => a.goals().length === 4);
    const shown = (await rows(a)).map((r) => [r.label, r.description]);
    assert.deepEqual(shown, [
      ['#1 Cut checkout p95 below 400 ms', 'faster-checkout · active'],
      ['#2 Self-serve onboarding for small teams', 'self-serve-onboarding · active'],
      ['#3 Offline mode in the mobile app', 'mobile-offline · paused'],
      ['Stop list', '1'],
    ]);
  });

  it('starts no git: the built-in git connection is never made and no repository has history', async () => {
    const a = await api();
    await a.app.startGit(); // what a view or command would trigger
    await new Promise((r) => setTimeout(r, 2000)); // past the start-up delay
    assert.equal(a.app.git.availability, 'loading', 'vscode.git was never asked for its API');
    assert.ok(a.app.models.length > 0 && a.app.models.every((m) => !m.git && !m.last));
  });

  it('refuses the git commands even when called directly with arguments', async () => {
    const before = execFileSync('git', ['config', '--list', '--local'], { cwd: repoDir(), encoding: 'utf8' });
    await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: repoDir(), goal: 'faster-checkout' });
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoDir(), branch: 'main', goal: 'faster-checkout' });
    await vscode.commands.executeCommand('strategyAlign.installHook', { repository: repoDir() });
    await vscode.commands.executeCommand('strategyAlign.tagCommit', { repository: repoDir(), sha: 'HEAD', goal: 'faster-checkout' });
    assert.equal(execFileSync('git', ['config', '--list', '--local'], { cwd: repoDir(), encoding: 'utf8' }), before);
    assert.equal(execFileSync('git', ['for-each-ref', 'refs/notes'], { cwd: repoDir(), encoding: 'utf8' }), '', 'no note written');
    assert.equal(existsSync(join(repoDir(), '.git', 'hooks', 'prepare-commit-msg')), false, 'no hook installed');
  });

  it('restores a report panel without running git: it says why there is no report', async () => {
    const a = await api();
    const webview = vscode.window.createWebviewPanel('strategyAlign.report', 'restored', vscode.ViewColumn.Active, {});
    await a.reportSerializer.deserializeWebviewPanel(webview, { repository: repoDir() });
    const shown = await waitFor('the restored panel to render', () => a.reportPanel()?.shown);
    assert.match(shown.message, /runs no git here/);
    assert.deepEqual(shown.cards, []);
    assert.ok(a.app.models.every((m) => !m.git && !m.last), 'still no history read');
    webview.dispose();
  });
});
