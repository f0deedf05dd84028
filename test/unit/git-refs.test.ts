// Branches, the base branch, revisions, branch goal config and goal notes on real repositories.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, GitRepo } from '../../src/core/git';
import { TestRepo } from './helpers/testRepo';

function cloneOf(t: TestRepo): TestRepo & { cleanupClone(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sa-clone-'));
  t.git(['clone', '-q', t.dir, dir]);
  const clone = Object.create(t) as TestRepo & { cleanupClone(): void };
  Object.defineProperty(clone, 'dir', { value: dir });
  clone.cleanupClone = () => rmSync(dir, { recursive: true, force: true });
  return clone;
}

describe('branches and the base branch', () => {
  let t: TestRepo;
  beforeEach(() => {
    t = TestRepo.create();
    t.commit('init');
  });
  afterEach(() => t.cleanup());

  it('lists local and remote-tracking branches, marks the current one, skips origin/HEAD', async () => {
    t.branch('feature/a.b');
    t.branch('topic', 'main', false);
    const clone = cloneOf(t);
    clone.git(['checkout', '-q', '-b', 'mine']);
    const branches = await (await GitRepo.open(clone.dir)).branches();
    const names = branches.map((b) => `${b.name}${b.remote ? `@${b.remote}` : ''}${b.current ? '*' : ''}`).sort();
    assert.deepEqual(names, ['feature/a.b', 'mine*', 'origin/feature/a.b@origin', 'origin/main@origin', 'origin/topic@origin']);
    clone.cleanupClone();
  });

  it('knows the current branch, and none when detached', async () => {
    t.branch('topic');
    const repo = await GitRepo.open(t.dir);
    assert.equal(await repo.currentBranch(), 'topic');
    t.git(['checkout', '-q', '--detach']);
    assert.equal(await repo.currentBranch(), undefined);
  });

  it('takes settings.base when it exists, and nothing when it does not', async () => {
    t.branch('develop', 'main', false);
    const repo = await GitRepo.open(t.dir);
    assert.equal(await repo.detectBase('develop'), 'develop');
    assert.equal(await repo.detectBase('nope'), undefined);
  });

  it('follows the remote HEAD, preferring the local branch of that name', async () => {
    t.git(['branch', '-m', 'main', 'trunk']);
    t.branch('main', 'trunk', false); // a decoy: the remote HEAD says trunk
    const clone = cloneOf(t);
    const repo = await GitRepo.open(clone.dir);
    assert.equal(await repo.detectBase(), 'trunk');
    clone.git(['checkout', '-q', '-b', 'elsewhere']);
    clone.git(['branch', '-D', 'trunk']);
    assert.equal(await repo.detectBase(), 'origin/trunk');
    clone.cleanupClone();
  });

  it('falls back to main, then master, then nothing', async () => {
    const repo = await GitRepo.open(t.dir);
    assert.equal(await repo.detectBase(), 'main');
    t.git(['branch', '-m', 'main', 'master']);
    assert.equal(await repo.detectBase(), 'master');
    t.git(['branch', '-m', 'master', 'trunk']);
    assert.equal(await repo.detectBase(), undefined);
  });

  it('resolves revisions to full shas and refuses bad ones', async () => {
    const sha = t.commit('second');
    const repo = await GitRepo.open(t.dir);
    assert.equal(await repo.resolveCommit('HEAD'), sha);
    assert.equal(await repo.resolveCommit(sha.slice(0, 7)), sha);
    for (const bad of ['no-such-rev', '--all', '', 'HEAD~10']) {
      await assert.rejects(repo.resolveCommit(bad), (e: unknown) => e instanceof GitError && e.kind === 'bad-revision', bad);
    }
  });

  it('lists the non-merge commits of a range', async () => {
    t.branch('topic');
    const a = t.commit('a');
    const b = t.commit('b');
    assert.deepEqual(await (await GitRepo.open(t.dir)).revList(['main..topic']), [b, a]);
  });
});

describe('branch goals in git config', () => {
  it('gets, sets, lists in one call and unsets, with dots and slashes in names', async () => {
    const t = TestRepo.create();
    t.commit('init');
    t.git(['branch', 'feature/v1.2']);
    const repo = await GitRepo.open(t.dir);
    await repo.setBranchGoal('feature/v1.2', 'checkout');
    await repo.setBranchGoal('main', 'docs');
    assert.equal(t.git(['config', 'branch.feature/v1.2.goal']), 'checkout');
    assert.equal(await repo.getBranchGoal('feature/v1.2'), 'checkout');
    assert.equal(await repo.getBranchGoal('other'), undefined);
    assert.deepEqual([...(await repo.branchGoals())].sort(), [
      ['feature/v1.2', 'checkout'],
      ['main', 'docs'],
    ]);
    await repo.unsetBranchGoal('feature/v1.2');
    await repo.unsetBranchGoal('never-set');
    assert.deepEqual([...(await repo.branchGoals())], [['main', 'docs']]);
    t.cleanup();
  });
});

describe('goal notes on refs/notes/goals', () => {
  it('adds, replaces, reads one and all, and removes', async () => {
    const t = TestRepo.create();
    const a = t.commit('a');
    const b = t.commit('b');
    const repo = await GitRepo.open(t.dir);
    assert.deepEqual(await repo.readGoalNote(a, 'Goal'), []);
    await repo.setGoalNote(a, ['x', 'y'], 'Goal');
    assert.equal(t.git(['notes', '--ref=refs/notes/goals', 'show', a]), 'Goal: x\nGoal: y');
    await repo.setGoalNote(a, ['z'], 'Goal');
    await repo.setGoalNote('HEAD', ['w'], 'Goal');
    assert.deepEqual(await repo.readGoalNote(a, 'Goal'), ['z']);
    assert.deepEqual(
      [...(await repo.readAllGoalNotes('Goal'))].sort(),
      [
        [a, ['z']],
        [b, ['w']],
      ].sort(),
    );
    await repo.removeGoalNote(a);
    await repo.removeGoalNote(a);
    assert.deepEqual([...(await repo.readAllGoalNotes('Goal'))], [[b, ['w']]]);
    assert.equal(t.git(['rev-parse', 'HEAD']), b, 'history untouched');
    t.cleanup();
  });

  it('reads nothing when there are no notes', async () => {
    const t = TestRepo.create();
    t.commit('a');
    assert.equal((await (await GitRepo.open(t.dir)).readAllGoalNotes('Goal')).size, 0);
    t.cleanup();
  });
});

describe('branch tags follow git branch renames and deletions', () => {
  it('moves branch.<name>.goal with `git branch -m` and drops it with `git branch -D`', async () => {
    const t = TestRepo.create();
    t.commit('init');
    t.branch('old-name');
    const repo = await GitRepo.open(t.dir);
    await repo.setBranchGoal('old-name', 'checkout');
    t.git(['branch', '-m', 'old-name', 'new-name']);
    assert.deepEqual([...(await repo.branchGoals())], [['new-name', 'checkout']]);
    t.checkout('main');
    t.git(['branch', '-D', 'new-name']);
    assert.deepEqual([...(await repo.branchGoals())], []);
    t.cleanup();
  });
});

describe('files a branch changed', () => {
  it('lists the paths changed since the branch left the base, not the base moving on', async () => {
    const t = TestRepo.create();
    t.commit('init', { files: { 'a.txt': 'a' } });
    t.branch('topic');
    t.commit('work', { files: { 'services/checkout/cart.ts': 'x', 'docs/notes with space.md': 'y' } });
    t.checkout('main');
    t.commit('main moves on', { files: { 'other.txt': 'z' } });
    const files = await (await GitRepo.open(t.dir)).changedFiles('main', 'topic');
    assert.deepEqual(files.sort(), ['docs/notes with space.md', 'services/checkout/cart.ts']);
    t.cleanup();
  });
});
