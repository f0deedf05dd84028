// What activate() costs in the real extension host, and the history cache the editor's scans use.
// The measured activate() time is written to test-output/activation.json for `npm run bench`
// (issue 6: ≤ 30 ms, no git process); here it is not bounded at all, so a loaded machine cannot make
// the suite flaky: the benchmark table says whether the target is met.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { RepoModel } from '../../src/extension/model/repoModel';
import { api, scanned } from './helpers';

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
    assert.equal(model.currentBranch, 'main');
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
});
