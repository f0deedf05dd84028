// The quiet prompts: the goal question on checkout (once per branch), the long-running untagged
// warning and the stop-list note, one notification at a time.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import { FIXTURE_TEXT, repoDir, scanned, waitFor, writeStrategy } from './helpers';

describe('Prompts and warnings', () => {
  let a: StrategyAlignApi;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir(), encoding: 'utf8' }).trim();
  const shown = () => a.app.notifier.shown;
  const clear = async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await waitFor('the notification to close', () => !a.app.notifier.busy);
  };

  before(async () => {
    a = await scanned();
    await clear();
  });

  after(async () => {
    await clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    git('checkout', '-q', 'main');
    git('branch', '-q', '-D', 'old-work');
    writeStrategy(FIXTURE_TEXT);
    await a.refresh();
  });

  it('asks once which goal a new untagged branch serves, then warns that it is long-running', async () => {
    git('checkout', '-q', '-b', 'old-work');
    for (const n of [1, 2, 3]) git('commit', '-q', '--allow-empty', '-m', `Old work ${n}`);
    const question = "Which goal does branch 'old-work' serve?";
    const model = a.app.models.find((m) => m.git)!;
    await waitFor('the goal question', () => shown().includes(question)).catch((e: Error) => {
      throw new Error(
        `${e.message}: ${JSON.stringify({ shown: shown(), busy: a.app.notifier.busy, head: model.currentBranch, branches: model.last?.scan.branches.map((b) => b.name), models: a.app.models.length })}`,
      );
    });
    assert.ok(!shown().some((m) => /self-serve-onboarding\/signup-emails/.test(m)), 'no question for a branch whose name carries its goal');
    await clear();
    await a.refresh();
    await waitFor('the long-running warning', () => shown().some((m) => /'old-work' is long-running untagged work \(3 commits/.test(m)));
    assert.equal(shown().filter((m) => m === question).length, 1, 'the question is not asked twice for a branch');
    await clear();
    await a.refresh();
    assert.equal(shown().filter((m) => /'old-work' is long-running/.test(m)).length, 1, 'the warning is not repeated');
  });

  it('warns once about active editing on an untagged branch past strategyAlign.untagged.activeMinutes', async () => {
    const config = vscode.workspace.getConfiguration('strategyAlign');
    await config.update('untagged.activeMinutes', 0, vscode.ConfigurationTarget.Workspace);
    try {
      git('checkout', '-q', '-b', 'busy-work', 'main');
      await waitFor('the goal question for busy-work', async () => {
        await a.refresh();
        return shown().includes("Which goal does branch 'busy-work' serve?");
      });
      await clear();
      const file = join(repoDir(), 'notes.txt');
      writeFileSync(file, 'x\n');
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
      for (const n of [1, 2]) await editor.edit((e) => e.insert(new vscode.Position(0, 0), `edit ${n}\n`));
      await waitFor('the active-editing warning', () => shown().some((m) => /minutes on 'busy-work', which serves no goal yet/.test(m)));
      await clear();
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'edit 3\n'));
      assert.equal(shown().filter((m) => /on 'busy-work'/.test(m)).length, 1, 'once');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await config.update('untagged.activeMinutes', undefined, vscode.ConfigurationTarget.Workspace);
      git('checkout', '-q', 'main');
      git('branch', '-q', '-D', 'busy-work');
    }
  });

  it('notes once per branch when an edit touches an area on the stop list', async () => {
    // Once per branch: both edits must be seen on one branch (the last test checked main out by CLI).
    await waitFor('HEAD on main in the git extension', () => a.app.models.find((m) => m.git)?.currentBranch === 'main');
    writeStrategy(
      FIXTURE_TEXT.replace(
        '    why: We are replacing it; every hour there is an hour lost',
        '    why: We are replacing it\n    match: { paths: ["admin-legacy/**"] }',
      ),
    );
    await a.refresh();
    mkdirSync(join(repoDir(), 'admin-legacy'), { recursive: true });
    const file = join(repoDir(), 'admin-legacy', 'page.ts');
    writeFileSync(file, 'export const page = 1;\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// change\n'));
    const note = 'This area is on the stop list: New features in the legacy admin UI; We are replacing it';
    await waitFor('the stop-list note', () => shown().includes(note));
    await clear();
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// again\n'));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(shown().filter((m) => m === note).length, 1, 'once per branch');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
