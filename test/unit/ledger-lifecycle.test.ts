// Issue 12's "done when", on real git: two developers tag their branches and sync; a hosting service
// merges their pull requests the three GitHub ways (merge commit, squash, rebase) and deletes the
// branches; a tech lead's fresh clone brings the tags in (report --fetch, the built CLI) and the
// developers' clones drop their branches. Every tagged commit keeps its goal, with the source that
// explains it; the untagged work stays untagged.
import assert from 'node:assert/strict';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { tagBranchAndRecord } from '../../src/core/ledger/tagBranch';
import { type ScanResult, scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import type { Strategy } from '../../src/core/strategy/types';
import { syncRepository } from '../../src/core/sync/syncRepository';
import { cli } from './helpers/cli';
import { type Clone, Team } from './helpers/team';

const strategyOf = (text: string): Strategy => parseStrategy(text).strategy!;

interface Seen {
  result: ScanResult;
  /** sha → attribution of every non-merge commit. */
  rows: Map<string, Attribution>;
}

async function scan(clone: Clone): Promise<Seen> {
  const repo = await GitRepo.open(clone.dir);
  const strategy = strategyOf(clone.git(['show', 'HEAD:strategy.yaml']));
  const rows = new Map<string, Attribution>();
  const result = await scanRepository(repo, strategy, { since: 'all', onCommit: (c, a) => rows.set(c.sha, a) });
  return { result, rows };
}

async function sync(clone: Clone): Promise<void> {
  const repo = await GitRepo.open(clone.dir);
  await syncRepository(repo, strategyOf(clone.git(['show', 'HEAD:strategy.yaml'])), { push: true });
}

describe('tags survive merges, squashes, rebases, deleted branches, and reach every clone', () => {
  let team: Team;
  let host: Clone;
  let ann: Clone;
  let bob: Clone;
  /** What the history should say once merged: sha on main → [source, goals]. */
  const expected = new Map<string, [Attribution['source'], string[]]>();
  let lead: Clone;

  before(async function () {
    this.timeout(120_000);
    team = new Team();
    host = team.clone('host'); // creates main
    ann = team.clone('ann');
    bob = team.clone('bob');
    for (const c of [ann, bob]) c.git(['checkout', '-q', 'main']);

    // Ann: feat-a tagged with tag-branch (merged later by a merge commit); 3 commits.
    ann.git(['checkout', '-q', '-b', 'feat-a']);
    const featA = [ann.commit('feat a 1'), ann.commit('feat a 2')];
    await tagBranchAndRecord(await GitRepo.open(ann.dir), strategyOf(ann.git(['show', 'HEAD:strategy.yaml'])), 'feat-a', 'checkout');
    ann.git(['config', 'branch.feat-a.goal', 'checkout']);
    featA.push(ann.commit('feat a 3')); // after the tag: recorded again by sync
    // Ann: onboarding/x, goal from its name (squash-merged later); 2 commits.
    ann.git(['checkout', '-q', '-b', 'onboarding/x', 'main']);
    ann.commit('onb 1');
    ann.commit('onb 2');
    ann.git(['push', '-q', 'origin', 'feat-a', 'onboarding/x']);
    await sync(ann);

    // Bob: obs-1 tagged observability (rebase-merged later); untagged-x with no goal (merge commit);
    // note-fix untagged but one commit tagged by a note (rebase-merged later).
    bob.git(['checkout', '-q', '-b', 'obs-1']);
    const obs = [bob.commit('obs 1'), bob.commit('obs 2')];
    bob.git(['config', 'branch.obs-1.goal', 'observability']);
    bob.git(['checkout', '-q', '-b', 'untagged-x', 'main']);
    const untagged = [bob.commit('misc 1'), bob.commit('misc 2')];
    bob.git(['checkout', '-q', '-b', 'note-fix', 'main']);
    const noted = bob.commit('checkout fix');
    bob.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: checkout', noted]);
    bob.git(['push', '-q', 'origin', 'obs-1', 'untagged-x', 'note-fix']);
    await sync(bob);

    // The hosting service merges the pull requests, then deletes the branches.
    host.git(['fetch', '-q', 'origin']);
    const direct = host.commit('hotfix straight on main');
    host.git(['merge', '-q', '--no-ff', 'origin/feat-a', '-m', 'Merge pull request #1 from acme/feat-a', '-m', 'Feat A'], host.dates());
    host.git(['merge', '-q', '--squash', 'origin/onboarding/x']);
    host.git(['commit', '-q', '-m', 'Onboarding x (#2)', '-m', '* onb 1\n\n* onb 2'], host.dates());
    const squash = host.sha('HEAD');
    host.git(['cherry-pick', 'origin/obs-1~1', 'origin/obs-1'], host.committerDate());
    const picked = [host.sha('HEAD~1'), host.sha('HEAD')];
    host.git(
      ['merge', '-q', '--no-ff', 'origin/untagged-x', '-m', 'Merge pull request #4 from acme/untagged-x', '-m', 'Misc'],
      host.dates(),
    );
    host.git(['cherry-pick', 'origin/note-fix'], host.committerDate());
    const pickedNote = host.sha('HEAD');
    host.git(['push', '-q', 'origin', 'main', ':feat-a', ':onboarding/x', ':obs-1', ':untagged-x', ':note-fix']);

    for (const sha of featA) expected.set(sha, ['merge', ['checkout']]);
    expected.set(squash, ['squash', ['onboarding']]);
    for (const sha of picked) expected.set(sha, ['patch', ['observability']]);
    expected.set(pickedNote, ['patch', ['checkout']]);
    for (const sha of [...untagged, direct, host.sha('main~6')]) expected.set(sha, ['untagged', []]);
    assert.notDeepEqual(picked, obs, 'a rebase-merge makes new commits');
    lead = team.clone('lead');
  });
  after(() => team.cleanup());

  const check = (seen: Seen, who: string) => {
    for (const [sha, [source, goals]] of expected) {
      const got = seen.rows.get(sha);
      assert.ok(got, `${who}: ${sha.slice(0, 8)} is in the report`);
      assert.deepEqual([got.source, got.goals], [source, goals], `${who}: ${sha.slice(0, 8)}`);
    }
    const totals = seen.result.report.totals;
    assert.deepEqual(
      { merge: totals.merge, squash: totals.squash, patch: totals.patch, untagged: totals.untagged, commits: totals.commits },
      { merge: 3, squash: 1, patch: 3, untagged: 4, commits: 11 },
      `${who}: totals`,
    );
  };

  it("a tech lead's fresh clone sees nothing before it fetches the tags", async () => {
    const before = await scan(lead);
    assert.equal(before.result.report.totals.untagged, before.result.report.totals.commits, 'all untagged before');
  });

  it("the tech lead's clone after report --fetch (built CLI): every tagged commit keeps its goal", async () => {
    const run = cli(lead.dir, ['report', '--fetch', '--since', 'all', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.goals.map((g: { id: string; commits: number }) => [g.id, g.commits]),
      [
        ['checkout', 4],
        ['onboarding', 1],
        ['observability', 2],
      ],
    );
    assert.deepEqual([report.totals.merge, report.totals.squash, report.totals.patch, report.totals.untagged], [3, 1, 3, 4]);
    check(await scan(lead), 'lead');
    assert.throws(() => lead.git(['config', '--get-all', 'notes.rewriteRef']), '--fetch publishes nothing and sets nothing');
  });

  it("the developers' clones keep the numbers after pulling and deleting their branches", async () => {
    for (const dev of [ann, bob]) {
      dev.git(['checkout', '-q', 'main']);
      dev.git(['pull', '-q', '--ff-only', 'origin', 'main']);
      for (const b of dev.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads']).split('\n'))
        if (b !== 'main') dev.git(['branch', '-q', '-D', b]);
      dev.git(['fetch', '-q', '--prune', 'origin']);
      await sync(dev); // brings in the other developer's ledger
      check(await scan(dev), dev.who);
      assert.equal(dev.git(['config', '--get-all', 'notes.rewriteRef']), 'refs/notes/goals');
    }
  });

  it('a name-tagged branch worked on with plain git, squash-merged and deleted before any sync: the reflog recovers it, sync shares it', async () => {
    const carl = team.clone('carl');
    carl.git(['checkout', '-q', '-b', 'onboarding/late', 'origin/main']);
    const work = [carl.commit('late 1'), carl.commit('late 2')];
    carl.git(['push', '-q', 'origin', 'onboarding/late']);
    host.git(['fetch', '-q', 'origin']);
    host.git(['merge', '-q', '--squash', 'origin/onboarding/late']);
    host.git(['commit', '-q', '-m', 'Onboarding late (#6)'], host.dates());
    const squash = host.sha('HEAD');
    host.git(['push', '-q', 'origin', 'main', ':onboarding/late']);
    carl.git(['checkout', '-q', '-B', 'main', 'origin/main']);
    carl.git(['pull', '-q', '--ff-only', 'origin', 'main']);
    carl.git(['branch', '-q', '-D', 'onboarding/late']);
    carl.git(['fetch', '-q', '--prune', 'origin']);
    const mine = await scan(carl);
    assert.deepEqual(mine.rows.get(squash), { source: 'squash', goals: ['onboarding'] }, "on the developer's clone, before any sync");
    await sync(carl);
    const lead2 = team.clone('lead2');
    const run = cli(lead2.dir, ['report', '--fetch', '--since', 'all', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const seen = await scan(lead2);
    assert.deepEqual(seen.rows.get(squash), { source: 'squash', goals: ['onboarding'] }, "on a fresh clone after the developer's sync");
    for (const sha of work) assert.equal(seen.rows.has(sha), false, 'the branch commits themselves are gone');
  });

  it('a merge commit of a tagged branch gives its goal even without a ledger (live config)', async () => {
    const solo = team.clone('solo');
    solo.git(['checkout', '-q', '-b', 'feat-b']);
    const commits = [solo.commit('b 1'), solo.commit('b 2')];
    solo.git(['config', 'branch.feat-b.goal', 'observability']);
    solo.git(['checkout', '-q', 'main']);
    solo.git(['merge', '-q', '--no-ff', 'feat-b', '-m', "Merge branch 'feat-b'"], solo.dates());
    const seen = await scan(solo);
    for (const sha of commits) assert.deepEqual(seen.rows.get(sha), { source: 'merge', goals: ['observability'] });
    solo.git(['branch', '-q', '-D', 'feat-b']); // the config goes with it, and nothing recorded it
    const gone = await scan(solo);
    for (const sha of commits) assert.equal(gone.rows.get(sha)?.source, 'untagged', 'no false memory: it was never recorded');
  });

  it('a commit whose patch-id matches nothing recorded stays untagged, and so does an unrelated one', async () => {
    const other = team.clone('other');
    other.git(['checkout', '-q', 'main']);
    const unrelated = other.commit('unrelated');
    const seen = await scan(other);
    assert.equal(seen.rows.get(unrelated)?.source, 'untagged');
  });
});
