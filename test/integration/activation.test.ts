// What activate() costs in the real extension host, and the history cache the editor's scans use.
// The measured activate() time is written to test-output/activation.json for `npm run bench`
// (issue 6: ≤ 30 ms, no git process); here it is not bounded at all, so a loaded machine cannot make
// the suite flaky: the benchmark table says whether the target is met.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { RepoModel } from '../../src/extension/model/repoModel';
import { savedNumbersFile } from '../../src/extension/model/savedNumbers';
import { api, repoDir, scanned, waitFor } from './helpers';

const OUTPUT = join(
  dirname(process.env.STRATEGY_ALIGN_TEST_OUTPUT ?? resolve(__dirname, '../../../test-output/integration.json')),
  'activation.json',
);

describe('activation and the history cache', () => {
  /** The workspace folder's model as activate() made it, before git started (the first test runs right after activation). */
  let first: { model: RepoModel | undefined; gitStarted: boolean } | undefined;

  it('activate() starts no git and returns quickly (the time is recorded for npm run bench)', async () => {
    const a = await api();
    first = { model: a.app.models[0], gitStarted: a.app.timeline.gitStarted !== undefined };
    const { activated, gitStarted, activateMs } = a.app.timeline;
    assert.ok(activated !== undefined && activateMs !== undefined, 'activate() recorded its timeline');
    const gitDuringActivate = gitStarted !== undefined && gitStarted < activated;
    assert.equal(gitDuringActivate, false, 'no git before activate() returned');
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(
      OUTPUT,
      `${JSON.stringify({ activateMs: Math.round(activateMs * 10) / 10, gitDuringActivate, measuredAt: new Date().toISOString(), host: `${vscode.env.appName} ${vscode.version}` }, null, 2)}\n`,
    );
  });

  it('reads the folder’s history before the git extension opens it, and the same model then takes the git extension’s repository', async () => {
    const a = await scanned();
    const model = a.app.models.find((m) => m.git && m.last)!;
    assert.equal(model.startedEarly, true, 'the scan did not wait for the git extension');
    assert.equal(a.app.models.length, 1, 'one model for the folder and its repository');
    if (first && !first.gitStarted) assert.equal(model, first.model, 'the folder’s model, attached, not replaced');
    // The git extension fills in the repository's HEAD after opening it (one run here read it empty right after).
    await waitFor('the current branch', () => model.currentBranch === 'main');
  });

  it('starts the scan’s git processes from its helper process, not by forking the extension host', async () => {
    const a = await scanned();
    const { launched, failure } = a.gitHelper();
    assert.equal(failure, undefined, 'the helper runs from this host (its Node, or Electron as Node)');
    assert.ok(launched >= 1, `the history log (and any other read) came from the helper (${launched} of ${a.gitProcesses()} processes)`);
    assert.ok(
      a.app.models.some((m) => m.last && m.last.scan.report.totals.commits > 0),
      'with numbers from them',
    );
  });

  it('scans through the history cache: kept in the storage folder, nothing read again when nothing changed', async () => {
    const a = await scanned();
    const model = a.app.models.find((m) => m.git && m.last)!;
    assert.ok(model.history.file, 'a cache file in the workspace storage folder');
    await a.refresh();
    const stats = model.last!.scan.stats;
    assert.equal(stats.commitsRead, 0, 'no commit read again');
    assert.equal(stats.attributionReused, true);
    assert.ok(existsSync(model.history.file), `${model.history.file} written`);
  });

  it('saves a scan’s numbers for a reopened window, whose Goals view shows them before its history is read (issue 14)', async () => {
    const a = await scanned();
    const model = a.app.models.find((m) => m.git && m.last)!;
    await model.numbersSaved();
    assert.ok(existsSync(savedNumbersFile(model.history.file!)), 'saved beside the history cache');
    // The window opened again: a new model of the folder, on the same storage, before any scan.
    const settings = model.last!.settings;
    const Model = model.constructor as new (...args: ConstructorParameters<typeof RepoModel>) => RepoModel;
    const reopen = () =>
      new Model(
        model.root,
        undefined,
        () => a.app.strategyOf(model),
        () => settings,
        model.history.file,
      );
    const reopened = reopen();
    try {
      assert.equal(await reopened.loadSaved(), true, 'the saved numbers hold');
      assert.equal(reopened.last, undefined, 'no scan ran');
      assert.deepEqual(reopened.saved?.goals, model.last!.scan.report.goals);
      assert.deepEqual(reopened.saved?.totals, model.last!.scan.report.totals);
      const described = (m: RepoModel) =>
        a.goalsProvider
          .getChildren({ kind: 'repo', model: m })
          .map((n) => a.goalsProvider.getTreeItem(n))
          .map((item) => `${String(item.label)} ${String(item.description ?? '')}`);
      const shown = described(reopened);
      const goals = described(model).filter((row) => row.startsWith('#'));
      assert.deepEqual(
        shown.filter((row) => row.startsWith('#')),
        goals,
        'the goal rows with the scan’s counts',
      );
      assert.ok(shown.includes('Reading history… '), `and the history still to come: ${shown.join(' | ')}`);
    } finally {
      reopened.dispose();
    }
    // A new branch: the refs the numbers were made from changed, so they are not shown.
    execFileSync('git', ['branch', 'saved-numbers-probe'], { cwd: repoDir() });
    const changed = reopen();
    try {
      assert.equal(await changed.loadSaved(), false, 'the refs changed');
      assert.equal(changed.saved, undefined);
    } finally {
      changed.dispose();
      execFileSync('git', ['branch', '-D', 'saved-numbers-probe'], { cwd: repoDir() });
    }
  });
});
