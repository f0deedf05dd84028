// The rules the editor shares tags by (src/core/sync/share.ts), on real clones of a bare origin: how
// many tags a sync brought in and sent out, how many are not published yet, that a push or fetch
// moves the tracking state and a sync does not, and the ask/always/never decision.
import assert from 'node:assert/strict';
import { GitRepo } from '../../src/core/git';
import { autoSyncStep, syncCounts, syncMode, syncSummary, trackingState, unpublishedTags } from '../../src/core/sync/share';
import { syncTags } from '../../src/core/sync/sync';
import { type Clone, Team } from './helpers/team';

const NOTES = 'refs/notes/goals';
const LEDGER = 'refs/notes/goals-branches';
const note = (c: Clone, sha: string, text: string, ref = NOTES) => c.git(['notes', `--ref=${ref}`, 'add', '-f', '-m', text, sha]);

describe('sharing tags from the editor: counts, tracking state and the ask/always/never rule', function () {
  this.timeout(60_000);
  let team: Team;
  let ann: Clone;
  let bob: Clone;

  before(() => {
    team = new Team();
    ann = team.clone('ann');
    bob = team.clone('bob');
  });
  after(() => team.cleanup());

  it('counts tags not published as commits whose note changed, a commit noted in both refs once', async () => {
    const repo = await GitRepo.open(ann.dir);
    assert.equal(await unpublishedTags(repo, 'origin'), 0);
    const one = ann.commit('one');
    const two = ann.commit('two');
    note(ann, one, 'Goal: checkout');
    note(ann, one, 'Commit: checkout', LEDGER);
    note(ann, two, 'Branch: onboarding', LEDGER);
    assert.equal(await unpublishedTags(repo, 'origin'), 2, 'one (both refs) and two');
    const result = await syncTags(repo);
    assert.deepEqual(await syncCounts(repo, result), { in: 0, out: 2 });
    assert.equal(syncSummary(result, { in: 0, out: 2 }), 'Tags synced with origin: 0 tags in, 2 out');
    assert.equal(await unpublishedTags(repo, 'origin'), 0, 'published');
    note(ann, one, 'Goal: onboarding');
    assert.equal(await unpublishedTags(repo, 'origin'), 1, 'a changed note is a change to publish');
  });

  it("brings in a teammate's tags and names them in the counts; nothing new says so", async () => {
    const annRepo = await GitRepo.open(ann.dir);
    await syncTags(annRepo);
    bob.git(['fetch', '-q', 'origin']);
    const theirs = bob.commit('theirs');
    bob.git(['push', '-q', 'origin', 'HEAD:refs/heads/theirs']);
    note(bob, theirs, 'Goal: observability');
    const bobRepo = await GitRepo.open(bob.dir);
    const bobs = await syncTags(bobRepo);
    assert.deepEqual(await syncCounts(bobRepo, bobs), { in: 2, out: 1 }, "ann's two in, bob's one out");
    const again = await syncTags(annRepo);
    assert.deepEqual(await syncCounts(annRepo, again), { in: 1, out: 0 });
    const idle = await syncTags(annRepo);
    assert.equal(syncSummary(idle, await syncCounts(annRepo, idle)), 'Tags synced with origin: nothing new');
  });

  it('a push or fetch moves the tracking state; a sync, which moves only notes refs, does not', async () => {
    const repo = await GitRepo.open(ann.dir);
    const state = async () => trackingState(await repo.refs(), 'origin');
    const before = await state();
    note(ann, ann.sha('HEAD'), 'Goal: checkout');
    await syncTags(repo);
    assert.equal(await state(), before, 'the sync left every tracking branch alone');
    ann.git(['push', '-q', 'origin', 'HEAD:refs/heads/ann-work']);
    const pushed = await state();
    assert.notEqual(pushed, before, 'a push moved one');
    bob.commit('more');
    bob.git(['push', '-q', 'origin', 'HEAD:refs/heads/theirs']);
    ann.git(['fetch', '-q', 'origin']);
    assert.notEqual(await state(), pushed, 'a fetch moved one');
  });

  it('ask follows the answer given, else asks once a session; always and never decide alone', () => {
    assert.equal(autoSyncStep('always', 'never', false), 'sync');
    assert.equal(autoSyncStep('never', 'always', false), 'skip');
    assert.equal(autoSyncStep('ask', undefined, false), 'ask');
    assert.equal(autoSyncStep('ask', undefined, true), 'skip');
    assert.equal(autoSyncStep('ask', 'always', true), 'sync');
    assert.equal(autoSyncStep('ask', 'never', false), 'skip');
    assert.equal(syncMode('sometimes'), 'ask', 'an unknown value asks');
  });
});
