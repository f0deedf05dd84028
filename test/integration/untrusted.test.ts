// Restricted Mode, with workspace trust ON and the folder untrusted: the extension reads
// strategy.yaml and shows the goals, starts no git, and every command it registers, executed with
// arguments, either does its git-free job or tells the user why it cannot, starting no git process.
//
// How "no git process" is observed, three ways: (1) every git process the extension host starts
// (child_process is one module per process: the bundle, simple-git and this test share it) is
// recorded while the commands run, and the watch is shown to work by starting one; (2) the core's
// own runner counts the git processes it started since activation (api.gitProcesses()); (3) the
// built-in git extension was never activated, so it cannot have run git for us either.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, extension, repoDir, rows, waitFor } from './helpers';

const RESTRICTED = 'Strategy Align runs no git in Restricted Mode. Trust this folder to tag work.';

/**
 * Records the git processes started through node:child_process until `stop()`. The workbench's own
 * helpers (port detection runs `ps` and `ls /proc`) start processes too, so only git counts: a
 * program named git, or a shell command line that runs it.
 */
function watchGit(): { readonly started: string[]; stop(): void } {
  // The module object itself (an import would give a read-only namespace copy).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable module object, on purpose
  const cp = require('node:child_process') as Record<string, (...args: unknown[]) => unknown>;
  const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];
  const originals = new Map(names.map((n) => [n, cp[n]]));
  const started: string[] = [];
  for (const name of names) {
    const original = originals.get(name)!;
    cp[name] = function (this: unknown, ...args: unknown[]) {
      const line = [args[0], ...(Array.isArray(args[1]) ? args[1] : [])].map(String).join(' ');
      if (/(^|[/\s;&|])git(\s|$)/.test(line)) started.push(`${name} ${line}`);
      return original.apply(this, args);
    };
  }
  return { started, stop: () => originals.forEach((fn, n) => (cp[n] = fn)) };
}

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
    assert.equal(a.gitProcesses(), 0);
  });

  it('runs every command it registers, with arguments: no git process, and a clear message where git was needed', async () => {
    const a = await api();
    const repository = repoDir();
    const goal = 'faster-checkout';
    const out = mkdtempSync(join(tmpdir(), 'sa-untrusted-'));
    const needGit: Record<string, unknown[]> = {
      'strategyAlign.tagCurrentBranch': [{ repository, goal }],
      'strategyAlign.tagBranch': [{ repository, branch: 'main', goal }],
      'strategyAlign.untagBranch': [{ repository, branch: 'main' }],
      'strategyAlign.createBranchForGoal': [{ repository, goal, topic: 'restricted' }],
      'strategyAlign.tagCommit': [{ repository, sha: 'HEAD', goal }],
      'strategyAlign.untagCommit': [{ repository, sha: 'HEAD' }],
      'strategyAlign.installHook': [{ repository }],
      'strategyAlign.uninstallHook': [{ repository }],
      'strategyAlign.showReport': [{ repository }],
      'strategyAlign.showAllReport': [],
      'strategyAlign.copyReportMarkdown': [{ repository }],
      'strategyAlign.saveReport': [{ repository, file: join(out, 'report.html') }],
      'strategyAlign.syncTags': [{ repository }],
      'strategyAlign.reviewUntagged': [{ repository }],
    };
    const gitFree: Record<string, unknown[][]> = {
      'strategyAlign.refresh': [[]],
      'strategyAlign.setRange': [['30d'], ['90d']],
      'strategyAlign.setScope': [['mine'], ['everyone']],
      'strategyAlign.setMeasure': [['days'], ['commits']],
      'strategyAlign.createStrategy': [[{ repository }]], // the file exists: it is opened, not written
      'strategyAlign.openCommit': [[{ repository, sha: 'HEAD' }]],
    };
    const contributed = (extension().packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    assert.deepEqual([...Object.keys(needGit), ...Object.keys(gitFree)].sort(), contributed, 'every contributed command is exercised');
    const registered = (await vscode.commands.getCommands(true)).filter((c) => /^strategyAlign\.[A-Za-z]+$/.test(c)).sort(); // not the view's own strategyAlign.goals.*
    assert.deepEqual(registered, contributed, 'and nothing else is registered');

    const strategyBefore = readFileSync(join(repository, 'strategy.yaml'), 'utf8');
    const configBefore = execFileSync('git', ['config', '--list', '--local'], { cwd: repository, encoding: 'utf8' });
    const processes = watchGit();
    try {
      for (const [command, args] of Object.entries(needGit)) {
        const before = a.app.notifier.shown.length;
        await vscode.commands.executeCommand(command, ...args);
        assert.deepEqual(a.app.notifier.shown.slice(before), [RESTRICTED], `${command} told the user why it did nothing`);
      }
      for (const [command, calls] of Object.entries(gitFree)) {
        for (const args of calls) await vscode.commands.executeCommand(command, ...args);
      }
      const doc = await waitFor('the commit document', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'strategy-align-commit'),
      );
      assert.equal(doc.getText(), 'Strategy Align runs no git here.');
      await new Promise((r) => setTimeout(r, 1000)); // anything a command scheduled has had its chance
      assert.deepEqual(processes.started, [], 'no git process started in the extension host');
    } finally {
      processes.stop();
    }
    // The observer itself works: a process started now is seen (and then the patch is gone).
    const probe = watchGit();
    execFileSync('git', ['--version']);
    execFileSync('ls', ['-l']);
    probe.stop();
    assert.deepEqual(probe.started, ['execFileSync git --version']);

    assert.equal(a.gitProcesses(), 0, "the core's runner started no git");
    assert.equal(vscode.extensions.getExtension('vscode.git')?.isActive ?? false, false, 'the built-in git extension never ran');
    assert.equal(a.app.git.availability, 'loading');
    assert.equal(execFileSync('git', ['config', '--list', '--local'], { cwd: repository, encoding: 'utf8' }), configBefore);
    assert.equal(
      execFileSync('git', ['for-each-ref', 'refs/notes', 'refs/heads/faster-checkout'], { cwd: repository, encoding: 'utf8' }),
      '',
      'no note, no branch',
    );
    assert.equal(existsSync(join(repository, '.git', 'hooks', 'prepare-commit-msg')), false, 'no hook installed');
    assert.equal(existsSync(join(out, 'report.html')), false, 'no report written');
    assert.equal(
      readFileSync(join(repository, 'strategy.yaml'), 'utf8'),
      strategyBefore,
      'Create strategy.yaml opened the file, never overwrote it',
    );
  });

  it('restores a report panel without running git: it says why there is no report', async () => {
    const a = await api();
    const webview = vscode.window.createWebviewPanel('strategyAlign.report', 'restored', vscode.ViewColumn.Active, {});
    await a.reportSerializer.deserializeWebviewPanel(webview, { repository: repoDir() });
    const shown = await waitFor('the restored panel to render', () => a.reportPanel()?.shown);
    assert.match(shown.message, /runs no git here/);
    assert.deepEqual(shown.cards, []);
    assert.ok(
      a.app.models.every((m) => !m.git && !m.last),
      'still no history read',
    );
    webview.dispose();
  });
});
