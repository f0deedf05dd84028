// The cache must never change a number: after every kind of change to a real repository, a scan
// through a long-lived in-memory cache and a scan through the cache file (re-read from disk) give
// exactly the report, branches and commit rows of a cold scan (a fresh cache). Changes to history,
// branches and notes here; to strategy.yaml and the cache file in history-cache-file.test.ts.
import assert from 'node:assert/strict';
import { recordTaggedBranches } from '../../src/core/ledger/recordBranch';
import { cacheAgreement } from './helpers/cacheAgreement';
import { day } from './helpers/scenario';

describe('the history cache gives exactly the numbers of a cold scan (history, branches, notes)', () => {
  const c = cacheAgreement();
  it('reads only the new commit after a commit on a branch, and on the base', async () => {
    c.t().checkout('topic');
    c.t().commit('topic 2', { date: day(4), files: { 'x.ts': '1\n2\n3\n4\n' } });
    c.reads.length = 0;
    c.paths.length = 0;
    await c.agree('commit on a branch');
    assert.deepEqual(
      c.reads,
      c.variants.map(() => 1),
      'each long-lived cache reads the one new commit',
    );
    assert.deepEqual(c.paths, ['extended', 'computed', 'extended', 'extended'], 'only the days measure is computed again');
    c.t().checkout('main');
    c.t().commit('main 2\n\nGoal: api', { date: day(3) });
    await c.agree('commit on the base');
  });

  it('follows rewritten history: amend, rebase, and old tips gone from the object store', async () => {
    c.t().checkout('api/feature');
    c.t().git(['commit', '-q', '--amend', '-m', 'feature 2, amended\n\nGoal: web']);
    await c.agree('amend');
    c.t().git(['rebase', '-q', 'main']);
    await c.agree('rebase');
    c.t().git(['reflog', 'expire', '--expire=now', '--all']);
    c.t().git(['gc', '-q', '--prune=now']);
    c.t().checkout('main');
    await c.agree('after gc');
  });

  it('follows branches deleted and renamed, and branch goals set and unset', async () => {
    c.t().git(['branch', '-m', 'topic', 'web/topic']);
    await c.agree('rename');
    c.t().git(['branch', '-D', 'configured']);
    await c.agree('delete');
    c.t().git(['config', 'branch.web/topic.goal', 'api']);
    await c.agree('branch goal set');
    c.t().git(['config', '--unset', 'branch.web/topic.goal']);
    await c.agree('branch goal unset');
  });

  it('follows notes added, changed and removed', async () => {
    c.t().git(['notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: web', 'HEAD']);
    await c.agree('note added');
    c.t().git(['notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: api, web', 'HEAD']);
    await c.agree('note changed');
    c.t().git(['notes', '--ref=refs/notes/goals', 'remove', 'HEAD']);
    await c.agree('note removed');
    c.t().git(['update-ref', '-d', 'refs/notes/goals']);
    await c.agree('notes ref deleted');
  });

  it('follows the branch ledger and merged work: recorded, cherry-picked, merged, deleted, ledger gone', async () => {
    const t = c.t();
    t.checkout('main');
    t.branch('ledgered');
    const picked = t.commit('ledgered 1', { date: day(2) });
    const merged = t.commit('ledgered 2', { date: day(2, 12) });
    t.git(['config', 'branch.ledgered.goal', 'web']);
    await recordTaggedBranches(c.repo(), c.strategy());
    await c.agree('branch recorded');
    t.checkout('main');
    t.git(['cherry-pick', picked], { GIT_COMMITTER_DATE: day(1) });
    const copy = t.git(['rev-parse', 'HEAD']);
    t.git(['merge', '-q', '--no-ff', '-m', "Merge branch 'ledgered'", 'ledgered'], {
      GIT_AUTHOR_DATE: day(1, 12),
      GIT_COMMITTER_DATE: day(1, 12),
    });
    await c.agree('cherry-picked and merged');
    t.git(['branch', '-D', 'ledgered']);
    await c.agree('deleted');
    const sources = async () => {
      const { json } = await c.scanWith(undefined, { since: 'all' });
      const rows = new Map((json as { rows: [string, { a: { source: string } }][] }).rows);
      return [rows.get(copy)?.a.source, rows.get(merged)?.a.source];
    };
    assert.deepEqual(await sources(), ['patch', 'merge'], 'the rules are in play, not only agreeing on untagged');
    t.git(['update-ref', '-d', 'refs/notes/goals-branches']);
    await c.agree('ledger deleted');
    assert.deepEqual(await sources(), ['untagged', 'untagged']);
  });
});
