// Deleted branches recovered from HEAD's reflog (issue 12): a branch whose goal comes from its name,
// worked on with plain git (no editor, hook, sync or tag-branch), squash-merged or rebase-merged and
// deleted, keeps its goal on the clone that did the work; sync writes it into the ledger. Detached
// work, an untagged name and unrelated commits stay untagged; a broken reflog line is skipped.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { readReflogs } from '../../src/core/git/reflogFiles';
import { findRepoPaths } from '../../src/core/git/repoFiles';
import { gitActivity } from '../../src/core/git/runner';
import { HistoryCache } from '../../src/core/history/historyCache';
import { recordTaggedBranches } from '../../src/core/ledger/recordBranch';
import { deletedBranchTips, RECOVERED_FILE, recoverable, withRecovered } from '../../src/core/ledger/recovered';
import { EMPTY_LEDGER, LEDGER_REF, parseLedger } from '../../src/core/ledger/record';
import { reflogBranchTips } from '../../src/core/ledger/reflogBranches';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { cli } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: checkout, title: Checkout }
  - { id: onboarding, title: Onboarding }
`;
const strategy = parseStrategy(STRATEGY).strategy!;

describe('deleted branches recovered from the reflog', () => {
  let t: TestRepo;

  beforeEach(() => {
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    t.commit('init');
  });
  afterEach(() => t.cleanup());

  async function scan(): Promise<{ rows: Map<string, Attribution>; totals: Record<string, number> }> {
    const rows = new Map<string, Attribution>();
    const result = await scanRepository(await GitRepo.open(t.dir), strategy, { since: 'all', onCommit: (c, a) => rows.set(c.sha, a) });
    return { rows, totals: result.report.totals as unknown as Record<string, number> };
  }

  const tips = () => reflogBranchTips(readReflogs(findRepoPaths(t.dir)!));

  /**
   * Squash-merges `branch` into main (no file of its own in the squash commit, dated after any amend
   * or rebase, which git dates now), deletes it; the squash commit's sha.
   */
  function squashAndDelete(branch: string, message = `Squashed ${branch}`): string {
    t.checkout('main');
    t.git(['merge', '-q', '--squash', branch]);
    const sha = t.commit(message, { files: {}, date: new Date(Date.now() + 1000).toISOString() });
    t.git(['branch', '-q', '-D', branch]);
    return sha;
  }

  it('the lifecycle step: a name-tagged branch, 2 plain commits, squash-merged and deleted keeps its goal', async () => {
    t.branch('onboarding/x');
    t.commit('onb 1');
    t.commit('onb 2');
    const squash = squashAndDelete('onboarding/x');
    const { rows, totals } = await scan();
    assert.deepEqual(rows.get(squash), { source: 'squash', goals: ['onboarding'] });
    assert.equal(totals.squash, 1);
  });

  it('an amended tip and a rebased tip are the ones a squash matches', async () => {
    // Two commits each (a one-commit branch's squash is matched by the patch rule first).
    t.branch('onboarding/amend');
    t.commit('before the amend');
    t.commit('first try');
    t.git(['commit', '-q', '--amend', '-m', 'second try', '--allow-empty']);
    t.write('amended.txt', 'amended');
    t.git(['add', '-A']);
    t.git(['commit', '-q', '--amend', '--no-edit']);
    const amended = squashAndDelete('onboarding/amend');

    t.branch('checkout/rebased');
    t.commit('to rebase');
    t.commit('to rebase too');
    t.checkout('main');
    t.commit('main moves on');
    t.checkout('checkout/rebased');
    t.git(['rebase', '-q', 'main']);
    const rebased = squashAndDelete('checkout/rebased');

    const { rows } = await scan();
    assert.deepEqual(rows.get(amended), { source: 'squash', goals: ['onboarding'] });
    assert.deepEqual(rows.get(rebased), { source: 'squash', goals: ['checkout'] });
  });

  it('a rebase-merge of a deleted branch: the copies inherit by patch-id', async () => {
    t.branch('checkout/picked');
    const originals = [t.commit('pick 1'), t.commit('pick 2')];
    t.checkout('main');
    t.git(['cherry-pick', ...originals]);
    const copies = [t.git(['rev-parse', 'HEAD~1']), t.git(['rev-parse', 'HEAD'])];
    t.git(['branch', '-q', '-D', 'checkout/picked']);
    const { rows } = await scan();
    for (const sha of copies) assert.deepEqual(rows.get(sha), { source: 'patch', goals: ['checkout'] });
  });

  it('no false attribution: detached work, an untagged name, an unrelated commit', async () => {
    t.branch('onboarding/d');
    t.commit('on the branch');
    t.git(['checkout', '-q', '--detach', 'onboarding/d']); // its entry says "to onboarding/d"
    t.commit('detached work');
    const detachedTip = t.head();
    t.checkout('main');
    t.git(['branch', '-q', '-D', 'onboarding/d']);
    assert.ok(!tips().some((x) => x.tip === detachedTip), 'a detached visit gives no branch a tip');
    t.git(['merge', '-q', '--squash', detachedTip]);
    const detachedSquash = t.commit('detached squash', { files: {} });

    t.branch('feature/q'); // branchPattern gives no goal: 'feature' is none
    t.commit('q 1');
    t.commit('q 2');
    const untagged = squashAndDelete('feature/q');
    const unrelated = t.commit('unrelated');

    const { rows } = await scan();
    for (const sha of [detachedSquash, untagged, unrelated]) assert.equal(rows.get(sha)?.source, 'untagged', sha);
  });

  it('a name reused: each life keeps its own squash; a malformed reflog line is skipped', async () => {
    t.branch('onboarding/r');
    t.commit('life 1');
    t.commit('life 1, more');
    const first = squashAndDelete('onboarding/r');
    t.branch('onboarding/r');
    t.commit('life 2');
    t.checkout('main'); // left and come back: the same life
    t.checkout('onboarding/r');
    t.commit('life 2, more');
    const second = squashAndDelete('onboarding/r');
    appendFileSync(join(t.dir, '.git', 'logs', 'HEAD'), 'not a reflog line\n0123 4567 cut\tcheckout: moving from\n');
    assert.equal(tips().filter((x) => x.name === 'onboarding/r').length, 2, 'one tip per life');
    const { rows } = await scan();
    assert.deepEqual(rows.get(first), { source: 'squash', goals: ['onboarding'] });
    assert.deepEqual(rows.get(second), { source: 'squash', goals: ['onboarding'] });
  });

  it("a linked worktree's reflog counts too", async () => {
    const wt = `${t.dir}-wt`;
    t.git(['worktree', 'add', '-q', '-b', 'onboarding/w', wt]);
    try {
      for (const n of [1, 2]) {
        appendFileSync(join(wt, `w${n}.txt`), 'w');
        t.git(['-C', wt, 'add', '-A']);
        t.git(['-C', wt, 'commit', '-q', '-m', `worktree work ${n}`]);
      }
      t.git(['-C', wt, 'checkout', '-q', '--detach']);
      const squash = squashAndDelete('onboarding/w');
      const { rows } = await scan();
      assert.deepEqual(rows.get(squash), { source: 'squash', goals: ['onboarding'] });
    } finally {
      rmSync(wt, { recursive: true, force: true });
    }
  });

  it('many deleted branches cost a fixed number of git processes, once: their facts are kept beside the history', async () => {
    const squashes: string[] = [];
    for (let i = 0; i < 6; i++) {
      t.branch(`onboarding/many-${i}`);
      t.commit(`many ${i} a`);
      t.commit(`many ${i} b`);
      squashes.push(squashAndDelete(`onboarding/many-${i}`));
    }
    const repo = await GitRepo.open(t.dir);
    const file = join(t.dir, '.git', 'strategy-align', 'history.bin');
    const tips = deletedBranchTips(t.dir, await repo.refs(), 'main');
    const ledger = recoverable(tips, strategy, EMPTY_LEDGER);
    assert.equal(ledger.length, 6);
    let before = gitActivity.processes;
    const recovered = await withRecovered(repo, new HistoryCache(file), EMPTY_LEDGER, ledger, 'main');
    assert.equal(gitActivity.processes - before, 5, 'one log of the graph, two pipes of patch-ids');
    assert.equal(recovered.branches.length, 6);
    assert.ok(existsSync(join(t.dir, '.git', 'strategy-align', RECOVERED_FILE)));
    before = gitActivity.processes;
    assert.deepEqual(await withRecovered(repo, new HistoryCache(file), EMPTY_LEDGER, ledger, 'main'), recovered, 'read back');
    assert.equal(gitActivity.processes - before, 0, 'the next run starts no git for them');
    const { rows } = await scan();
    for (const sha of squashes) assert.deepEqual(rows.get(sha), { source: 'squash', goals: ['onboarding'] });
  });

  it('the warm report (built CLI) follows a deletion and squash, and a reflog expired with no ref moved', () => {
    const report = (args: string[] = []) => {
      const run = cli(t.dir, ['report', '--format', 'json', '--since', 'all', ...args]);
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout) as { totals: Record<string, number>; generatedAt?: string };
      delete json.generatedAt;
      return json;
    };
    const history = join(t.dir, '.git', 'strategy-align', 'history.bin');
    const agree = (what: string, squash: number) => {
      const full = report(['--no-cache']);
      assert.equal(full.totals.squash, squash, `${what}: the full scan`);
      assert.deepEqual(report(), full, `${what}: first run`);
      rmSync(history, { force: true });
      assert.deepEqual(report(), full, `${what}: next run`);
      assert.equal(existsSync(history), false, `${what}: the next run is warm`);
    };
    agree('before', 0);
    t.branch('onboarding/warm');
    t.commit('warm 1');
    t.commit('warm 2');
    squashAndDelete('onboarding/warm');
    agree('squashed and deleted', 1);
    t.git(['reflog', 'expire', '--expire=now', '--all']); // no ref moves: only the reflog says the branch was there
    agree('reflog expired', 0);
  });

  it('sync records the recovered branch in the ledger, so it outlives the reflog', async () => {
    t.branch('onboarding/s');
    t.commit('s 1');
    const tip = t.commit('s 2');
    const squash = squashAndDelete('onboarding/s');
    const repo = await GitRepo.open(t.dir);
    assert.deepEqual(await recordTaggedBranches(repo, strategy), ['onboarding/s']);
    const ledger = parseLedger(await repo.readNotesText(LEDGER_REF));
    assert.deepEqual(
      ledger.branches.map((b) => [b.name, b.goal, b.tip]),
      [['onboarding/s', 'onboarding', tip]],
    );
    assert.deepEqual(await recordTaggedBranches(repo, strategy), [], 'recorded once');
    t.git(['reflog', 'expire', '--expire=now', '--all']); // as on a clone that never had the branch
    assert.equal(tips().length, 0);
    const { rows } = await scan();
    assert.deepEqual(rows.get(squash), { source: 'squash', goals: ['onboarding'] });
  });
});
