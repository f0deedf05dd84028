// The CLI's history cache, through the built binary: kept under the git common dir (shared by
// linked worktrees), the same report with and without it, never written with --no-cache. One run of
// each case is a real process; the others run the same built file in this process (builtHere).
import assert from 'node:assert/strict';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { builtHere, cli } from './helpers/cli';
import { buildScenario, type Scenario } from './helpers/scenario';

const json = (run: { code: number; stdout: string; stderr: string }) => {
  assert.equal(run.code, 0, run.stderr);
  const { generatedAt: _, ...report } = JSON.parse(run.stdout) as AlignmentReport;
  return report;
};

describe('strategy-align report with its history cache', () => {
  let scenario: Scenario;
  let file: string;
  before(() => {
    scenario = buildScenario();
    file = join(scenario.repo.dir, '.git', 'strategy-align', 'history.bin');
  });
  after(() => scenario.repo.cleanup());

  it('writes the cache under .git/strategy-align and gives the same report from it, for every measure', async () => {
    for (const measure of ['commits', 'days', 'churn']) {
      rmSync(file, { force: true });
      const cold = json(cli(scenario.repo.dir, ['report', '--format', 'json', '--since', 'all', '--measure', measure]));
      assert.ok(existsSync(file), 'cache written');
      const warm = json(await builtHere(scenario.repo.dir, ['report', '--format', 'json', '--since', 'all', '--measure', measure]));
      const none = json(
        await builtHere(scenario.repo.dir, ['report', '--format', 'json', '--since', 'all', '--measure', measure, '--no-cache']),
      );
      assert.deepStrictEqual(warm, cold, measure);
      assert.deepStrictEqual(none, cold, measure);
      assert.equal(cold.measure, measure);
    }
  });

  it('neither reads nor writes the cache with --no-cache', async () => {
    rmSync(dirname(file), { recursive: true, force: true });
    assert.ok([0, 1].includes(cli(scenario.repo.dir, ['check', '--no-cache']).code));
    json(await builtHere(scenario.repo.dir, ['report', '--format', 'json', '--no-cache']));
    assert.equal(existsSync(dirname(file)), false, 'neither the history nor a saved report');
  });

  it('shares one cache between linked worktrees (the git common dir)', async () => {
    rmSync(dirname(file), { recursive: true, force: true }); // a cold report, which writes the history
    json(await builtHere(scenario.repo.dir, ['report', '--format', 'json']));
    const written = statSync(file).mtimeMs;
    const worktree = join(scenario.repo.dir, '..', `${scenario.repo.dir.split('/').pop()}-wt`);
    scenario.repo.git(['worktree', 'add', '-q', '--detach', worktree]);
    try {
      const fromWorktree = json(cli(worktree, ['report', '--format', 'json']));
      assert.ok(existsSync(file), 'the main repository holds it');
      assert.equal(existsSync(join(worktree, '.git', 'strategy-align')), false, 'nothing in the worktree');
      assert.equal(statSync(file).mtimeMs, written, 'unchanged repository: the cache is read, not rewritten');
      assert.ok(fromWorktree.totals.commits > 0);
    } finally {
      scenario.repo.git(['worktree', 'remove', '--force', worktree]);
    }
  });
});
