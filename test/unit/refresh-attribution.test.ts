// Issue 14's first step: a scan of the editor's in-memory history cache after a small change brings
// the previous attribution forward (new commits, harmless ref moves) instead of attributing the
// whole history again. After every step of a real repository's life, the refreshed scan must equal
// a cold scan exactly (report, branches, every commit's attribution, warnings), and the steps the
// refresh is meant for must take it (stats.attributionRefreshed).
import assert from 'node:assert/strict';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { HistoryCache } from '../../src/core/history/historyCache';
import { tagBranchAndRecord } from '../../src/core/ledger/tagBranch';
import { type ScanResult, scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import type { Strategy } from '../../src/core/strategy/types';
import { syncRepository } from '../../src/core/sync/syncRepository';
import { type Clone, Team, TEAM_STRATEGY } from './helpers/team';

const strategy: Strategy = parseStrategy(TEAM_STRATEGY).strategy!;
const NOW = new Date('2027-01-01T00:00:00Z');

/** Everything a scan hands out, as plain JSON (generatedAt left out: it is the clock). */
async function scan(dir: string, cache: HistoryCache): Promise<{ json: unknown; result: ScanResult }> {
  const rows = new Map<string, Attribution>();
  const result = await scanRepository(await GitRepo.open(dir), strategy, {
    since: 'all',
    now: NOW,
    cache,
    onCommit: (c, a) => rows.set(c.sha, a),
  });
  const { generatedAt: _, ...report } = result.report;
  const branches = result.branches.map((b) => ({ ...b, unique: [...b.unique].sort() }));
  const json = { report, branches, base: result.base, rows: [...rows].sort(([a], [b]) => a.localeCompare(b)) };
  return { json, result };
}

describe('a refresh after a small change equals a cold scan', function () {
  this.timeout(60_000);
  let team: Team;
  let dev: Clone;
  const cache = new HistoryCache(); // the editor's: in memory, kept between scans

  /** The warm scan equals a cold one; `refreshed`: whether the attribution must have been brought forward. */
  async function agree(what: string, refreshed: boolean): Promise<ScanResult> {
    const warm = await scan(dev.dir, cache);
    const cold = await scan(dev.dir, new HistoryCache());
    // As text: the same keys in the same order too (a report's JSON is what users diff and CI saves).
    assert.equal(JSON.stringify(warm.json, null, 1), JSON.stringify(cold.json, null, 1), `${what}: the refreshed scan equals a cold one`);
    assert.equal(warm.result.stats.attributionRefreshed, refreshed, `${what}: attribution brought forward`);
    return warm.result;
  }
  const sourceOf = (result: ScanResult, source: Attribution['source']) => result.report.totals[source as 'merge'];

  before(async () => {
    team = new Team();
    dev = team.clone('dev');
    dev.commit('main 1');
    dev.git(['checkout', '-q', '-b', 'feat-a']);
    dev.commit('feat a 1');
    dev.commit('feat a 2');
    dev.git(['config', 'branch.feat-a.goal', 'checkout']);
    await tagBranchAndRecord(await GitRepo.open(dev.dir), strategy, 'feat-a', 'checkout');
    dev.git(['checkout', '-q', '-b', 'onboarding/x', 'main']);
    dev.commit('onb 1');
    dev.commit('onb 2');
    await tagBranchAndRecord(await GitRepo.open(dev.dir), strategy, 'onboarding/x', 'onboarding');
    dev.git(['checkout', '-q', '-b', 'side', 'main']);
    const noted = dev.commit('side fix');
    dev.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: observability', noted]);
    dev.git(['checkout', '-q', 'main']);
    await scan(dev.dir, cache);
  });
  after(() => team.cleanup());

  it('a new commit on the base', async () => {
    dev.commit('main 2');
    await agree('new commit on main', true);
  });

  it('new commits on a tagged branch, and a trailer that names a goal', async () => {
    dev.git(['checkout', '-q', 'feat-a']);
    dev.commit('feat a 3');
    dev.commit('feat a 4\n\nGoal: observability');
    const result = await agree('new commits on feat-a', true);
    assert.equal(result.branches.find((b) => b.name === 'feat-a')?.unique.size, 4);
  });

  it("an untagged branch whose new commit names a goal: the branch's earlier commit takes it", async () => {
    dev.git(['checkout', '-q', '-b', 'misc', 'main']);
    const first = dev.commit('misc 1');
    await agree('untagged branch', true);
    dev.commit('misc 2\n\nGoal: onboarding');
    const result = await agree('a commit naming a goal on it', true);
    assert.equal(result.branches.find((b) => b.name === 'misc')?.goal?.goal, 'onboarding');
    assert.ok(result.branches.find((b) => b.name === 'misc')?.unique.has(first));
  });

  it('a branch created and checked out (refs move, no commit)', async () => {
    dev.git(['checkout', '-q', '-b', 'topic', 'main']);
    await agree('new branch at main', true);
    dev.git(['checkout', '-q', 'main']);
    await agree('checkout', true);
  });

  it('a merge commit bringing in a tagged range', async () => {
    dev.git(['merge', '-q', '--no-ff', 'feat-a', '-m', "Merge branch 'feat-a'"], dev.dates());
    await agree('merge of feat-a', false);
    dev.git(['branch', '-D', 'feat-a']); // its config too: another input
    const result = await agree('feat-a deleted', false);
    assert.ok(sourceOf(result, 'merge') >= 3, 'the merged commits keep their goal');
  });

  it('a squash of a recorded branch, then the branch deleted', async () => {
    dev.git(['merge', '-q', '--squash', 'onboarding/x']);
    dev.git(['commit', '-q', '-m', 'Onboarding x (#2)'], dev.dates());
    const squashed = await agree('squash commit on main', true);
    dev.git(['branch', '-D', 'onboarding/x']);
    const result = await agree('onboarding/x deleted', false);
    assert.equal(sourceOf(result, 'squash'), 1);
    assert.equal(sourceOf(squashed, 'squash'), 1, 'the refresh gave the squash its goal');
  });

  it('a cherry-pick of a note-tagged commit', async () => {
    dev.git(['cherry-pick', 'side'], dev.committerDate());
    const result = await agree('cherry-pick of the noted commit', false);
    assert.equal(sourceOf(result, 'patch'), 1);
  });

  it('the ledger changed by sync', async () => {
    dev.git(['checkout', '-q', '-b', 'observability/y', 'main']);
    dev.commit('obs 1');
    await agree('new branch with a commit', true);
    await syncRepository(await GitRepo.open(dev.dir), strategy, { push: true });
    await agree('after sync', false);
    dev.commit('obs 2');
    await agree('a commit after sync', true);
  });

  it('branch deletions', async () => {
    dev.git(['checkout', '-q', 'main']);
    dev.git(['branch', '-D', 'topic']);
    await agree('deleted a branch on main', true);
    dev.git(['branch', '-D', 'side']);
    await agree('deleted a branch off main', false);
    dev.git(['reset', '-q', '--hard', 'HEAD~1']);
    await agree('main reset back a commit', false);
  });
});
