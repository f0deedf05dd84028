// The churn measure on real repositories: lines added + deleted, excluded files left out (by name in
// any folder, or by path), binary files 0, renames counted by their edit only. Read with the
// history log on a cold cache, or on its own for a warm one: the same numbers.
import assert from 'node:assert/strict';
import { churnCounts } from '../../src/core/alignment/churnFilter';
import { GitRepo } from '../../src/core/git';
import { HistoryCache } from '../../src/core/history/historyCache';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const strategyWith = (settings: string) => {
  const loaded = parseStrategy(`version: 1\ngoals:\n  - { id: api, title: API }\n  - { id: web, title: Web }\n${settings}`);
  assert.ok(loaded.strategy, JSON.stringify(loaded.diagnostics));
  return loaded.strategy;
};
const lines = (n: number, tag = 'l') => Array.from({ length: n }, (_, i) => `${tag}${i}`).join('\n') + '\n';

describe('the churn measure', () => {
  let t: TestRepo;
  let repo: GitRepo;

  before(async () => {
    t = TestRepo.create();
    // api: 20 + 2 counted; deps/yarn.lock (by name, in a folder), gen/x.js (by path) and a binary are not.
    t.commit('api one\n\nGoal: api', {
      date: day(9),
      files: { 'src/a.ts': lines(20), 'deps/yarn.lock': lines(40), 'gen/x.js': lines(7), 'logo.png': '\u0000\u0001bin' },
    });
    t.commit('api two\n\nGoal: api', { date: day(8), files: { 'src/b.ts': lines(2) } });
    // web: a rename with one line changed counts 2 (1 added, 1 deleted), not the whole file.
    t.git(['mv', 'src/a.ts', 'src/renamed.ts']);
    t.commit('web rename\n\nGoal: web', { date: day(7), files: { 'src/renamed.ts': lines(20).replace('l7\n', 'changed\n') } });
    // untagged: 4 lines replaced = 4 deleted + 4 added.
    t.commit('untagged edit', { date: day(6), files: { 'src/b.ts': lines(2, 'x') } });
    repo = await GitRepo.open(t.dir);
  });
  after(() => t.cleanup());

  const effort = (report: { goals: { id: string; effort: number }[]; untagged: { share: number } }) =>
    Object.fromEntries(report.goals.map((g) => [g.id, g.effort]));

  it('counts lines added + deleted per goal, without excluded or binary files, renames by their edit', async () => {
    const strategy = strategyWith("settings:\n  churn: { exclude: ['*.lock', 'gen/**'] }\n");
    const { report, stats } = await scanRepository(repo, strategy, { since: 'all', measure: 'churn' });
    assert.deepEqual(effort(report), { api: 22, web: 2 });
    assert.ok(Math.abs(report.untagged.share - 4 / 28) < 1e-9, 'untagged: 4 of 28 lines');
    assert.ok(Math.abs(report.goals[0].share - 22 / 28) < 1e-9, 'api: 22 of 28 lines');
    assert.equal(report.totals.commits, 4, 'commits are still counted');
    assert.equal(stats.churnRead, 4);
  });

  it('uses the default exclusion list when settings.churn is absent, and counts everything with an empty one', async () => {
    const defaults = await scanRepository(repo, strategyWith(''), { since: 'all', measure: 'churn' });
    assert.deepEqual(effort(defaults.report), { api: 29, web: 2 }, 'gen/ is not in the default list; yarn.lock is');
    const none = await scanRepository(repo, strategyWith('settings:\n  churn: { exclude: [] }\n'), { since: 'all', measure: 'churn' });
    assert.deepEqual(effort(none.report), { api: 69, web: 2 });
  });

  it('reads numstat only when churn is asked for, and the same numbers when it is added to a warm cache', async () => {
    const strategy = strategyWith("settings:\n  churn: { exclude: ['*.lock', 'gen/**'] }\n");
    const cache = new HistoryCache();
    const commits = await scanRepository(repo, strategy, { since: 'all', cache });
    assert.equal(commits.stats.churnRead, 0);
    assert.equal(commits.stats.commitsRead, 4);
    const churn = await scanRepository(repo, strategy, { since: 'all', measure: 'churn', cache });
    assert.equal(churn.stats.commitsRead, 0, 'no history read again');
    assert.equal(churn.stats.churnRead, 4, 'numstat of the four commits on its own');
    assert.deepEqual(effort(churn.report), { api: 22, web: 2 });
    const again = await scanRepository(repo, strategy, { since: 'all', measure: 'churn', cache });
    assert.equal(again.stats.churnRead, 0, 'kept');
  });

  it('matches a pattern without a slash against the file name in any folder, one with a slash against the path', () => {
    const counts = churnCounts(['*.lock', 'package-lock.json', 'dist/**', '/build/*.js']);
    assert.equal(counts('a/b/yarn.lock'), false);
    assert.equal(counts('web/package-lock.json'), false);
    assert.equal(counts('dist/app.js'), false);
    assert.equal(counts('web/dist/app.js'), true, 'dist/** is anchored at the root');
    assert.equal(counts('build/x.js'), false);
    assert.equal(counts('src/lock.ts'), true);
  });

  it('rejects an invalid churn glob in strategy.yaml with its line', () => {
    const loaded = parseStrategy("version: 1\ngoals: []\nsettings:\n  churn: { exclude: ['ok/**', '[z-a]'] }\n");
    assert.equal(loaded.strategy, undefined);
    assert.match(loaded.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'), /^4: settings: invalid glob in churn\.exclude/m);
  });
});
