// base..branch membership from one log of non-base history: merges walked through, old work kept.
import assert from 'node:assert/strict';
import { GitRepo } from '../../src/core/git';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const strategy = parseStrategy('version: 1\ngoals:\n  - { id: api, title: API }\n  - { id: web, title: Web }\n').strategy!;

describe('branch membership', () => {
  it('walks through merges inside a branch: its merged-in commits are in base..branch too', async () => {
    const t = TestRepo.create();
    t.commit('init', { date: day(10) });
    t.branch('helper');
    const h = t.commit('helper work', { date: day(9) });
    t.branch('api/feature', 'main');
    const f = t.commit('feature work', { date: day(8) });
    t.merge('helper', day(7));
    const seen = new Map<string, string[]>();
    const result = await scanRepository(await GitRepo.open(t.dir), strategy, { onCommit: (c, a) => seen.set(c.sha, a.goals) });
    assert.deepEqual(seen.get(f), ['api']);
    assert.deepEqual(seen.get(h), ['api'], 'helper is untagged itself, but its commit is in main..api/feature');
    assert.equal(result.report.totals.commits, 3, 'the merge is not counted');
    assert.deepEqual(result.branches.find((b) => b.name === 'helper')!.unique.size, 1);
    t.cleanup();
  });

  it('splits a commit between the goals of several tagged branches that hold it', async () => {
    const t = TestRepo.create();
    t.commit('init', { date: day(10) });
    t.branch('shared');
    const s = t.commit('shared work', { date: day(9) });
    t.branch('api/x', 'shared', false);
    t.branch('web/y', 'shared', false);
    const result = await scanRepository(await GitRepo.open(t.dir), strategy, {});
    assert.deepEqual(
      result.report.goals.map((g) => [g.id, g.commits]),
      [
        ['api', 0.5],
        ['web', 0.5],
      ],
    );
    assert.ok(s);
    t.cleanup();
  });

  it('sees untagged work older than the report range as long-running', async () => {
    const t = TestRepo.create();
    t.commit('init', { date: day(200) });
    t.branch('ancient');
    t.commit('old spike', { date: day(150) });
    t.checkout('main');
    t.commit('recent', { date: day(1) });
    const result = await scanRepository(await GitRepo.open(t.dir), strategy, {});
    assert.equal(result.report.totals.commits, 1, 'only the recent commit is in the 90-day range');
    assert.deepEqual(
      result.report.untagged.branches.map((b) => [b.name, b.commits, b.longRunning]),
      [['ancient', 1, true]],
    );
    t.cleanup();
  });

  it('works without a base branch, warning that branch goals need one', async () => {
    const t = TestRepo.create();
    t.git(['checkout', '-q', '-b', 'trunk']);
    t.commit('work\n\nGoal: api', { date: day(2) });
    const result = await scanRepository(await GitRepo.open(t.dir), strategy, {});
    assert.equal(result.base, undefined);
    assert.equal(result.report.goals[0].commits, 1);
    assert.match(result.report.warnings.join('\n'), /no base branch found/);
    t.cleanup();
  });
});
