// The ref listing read from the files equals git's (for-each-ref) in every shape the files take:
// loose and packed refs, remote HEADs, a detached HEAD, the notes refs, a linked worktree; it steps
// aside (undefined: git is asked) where it cannot be exact. Branch goals are read again exactly
// when the config changes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepo } from '../../src/core/git';
import { listRefs } from '../../src/core/git/refs';
import { configGoals } from '../../src/core/git/configGoals';
import { refListingFromFiles, refsKey, refValueFromFiles } from '../../src/core/git/refListingFiles';
import { GitRunner } from '../../src/core/git/runner';
import { TestRepo } from './helpers/testRepo';

describe('the ref listing read from the files', () => {
  let t: TestRepo;
  let clone: string;
  const extra: string[] = [];
  before(() => {
    t = TestRepo.create();
    t.commit('init');
    t.git(['branch', 'feature/a.b']);
    t.git(['branch', 'topic']);
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: x', 'HEAD']);
    clone = mkdtempSync(join(tmpdir(), 'sa-refs-'));
    t.git(['clone', '-q', t.dir, clone]);
    t.git(['-C', clone, 'checkout', '-q', '-b', 'mine']);
    t.git(['-C', clone, 'commit', '-q', '--allow-empty', '-m', 'mine']);
  });
  after(() => {
    t.cleanup();
    for (const dir of [clone, ...extra]) rmSync(dir, { recursive: true, force: true });
  });

  const same = async (dir: string, what: string) => {
    const fromFiles = refListingFromFiles(dir);
    assert.ok(fromFiles, `${what}: read from the files`);
    assert.deepEqual(fromFiles, await listRefs(new GitRunner(dir)), what);
  };

  it('equals git for loose refs, packed refs, remote HEADs, a detached HEAD and the notes refs', async () => {
    await same(t.dir, 'loose');
    await same(clone, 'clone, loose');
    t.git(['-C', clone, 'pack-refs', '--all']);
    await same(clone, 'clone, packed');
    t.git(['-C', clone, 'branch', 'after-pack']); // loose beside packed
    t.git(['-C', clone, 'update-ref', 'refs/notes/goals-branches', 'HEAD']);
    await same(clone, 'loose beside packed, a ledger');
    t.git(['-C', clone, 'update-ref', '-d', 'refs/remotes/origin/topic']); // a packed ref deleted
    t.git(['-C', clone, 'checkout', '-q', '--detach']);
    await same(clone, 'a deleted packed ref, a detached HEAD');
  });

  it('equals git in a linked worktree (its own HEAD, the shared refs)', async () => {
    const tree = join(mkdtempSync(join(tmpdir(), 'sa-wt-')), 'wt');
    extra.push(tree);
    t.git(['worktree', 'add', '-q', '-b', 'wt-branch', tree]);
    await same(tree, 'worktree');
  });

  it('one ref and the repository found in the files equal git rev-parse (loose, packed, missing, worktree, inside a folder)', async () => {
    const tree = join(mkdtempSync(join(tmpdir(), 'sa-wt-')), 'wt');
    extra.push(tree);
    t.git(['worktree', 'add', '-q', '-b', 'wt-single', tree]);
    t.git(['-C', clone, 'update-ref', 'refs/notes/goals-branches', 'HEAD']);
    t.git(['-C', clone, 'pack-refs', '--all']);
    t.git(['-C', clone, 'update-ref', 'refs/strategy-align/remotes/origin/goals', 'HEAD~1']); // loose beside packed
    t.git(['-C', clone, 'update-ref', 'refs/notes/goals', 'HEAD']); // loose over its packed value
    const refs = ['refs/notes/goals', 'refs/notes/goals-branches', 'refs/strategy-align/remotes/origin/goals', 'refs/heads/mine'];
    for (const dir of [t.dir, clone, tree, join(t.dir, 'sub', 'folder')]) {
      t.write('sub/folder/x.txt', 'x');
      for (const ref of [...refs, 'refs/heads/nothing', 'refs/notes/none']) {
        let git = '';
        try {
          git = t.git(['-C', dir, 'rev-parse', '--verify', '--quiet', ref]);
        } catch {
          // exit 1: no such ref
        }
        assert.equal(refValueFromFiles(dir, ref), git, `${dir}: ${ref}`);
      }
      const repo = await GitRepo.open(dir);
      assert.equal(repo.root, t.git(['-C', dir, 'rev-parse', '--show-toplevel']), `${dir}: the top level`);
      assert.equal(
        await repo.commonDir(),
        t.git(['-C', dir, 'rev-parse', '--path-format=absolute', '--git-common-dir']),
        `${dir}: the common dir`,
      );
    }
    assert.equal(refValueFromFiles(t.dir, 'HEAD'), undefined, 'not a full ref name: git is asked');
    assert.equal(refValueFromFiles(tree, 'refs/bisect/bad'), undefined, 'a per-worktree ref: git is asked');
    assert.equal(refValueFromFiles(t.dir, 'refs/notes/goals', { GIT_DIR: join(t.dir, '.git') }), undefined, 'GIT_DIR: git is asked');
    await assert.rejects(GitRepo.open(join(t.dir, '.git', 'refs')), /work tree|not a git repository/, 'inside .git: as git says');
  });

  it('steps aside for a ref being written and a symbolic branch', () => {
    const lock = join(t.dir, '.git', 'refs', 'heads', 'topic.lock');
    writeFileSync(lock, '');
    assert.equal(refListingFromFiles(t.dir), undefined, 'a .lock file');
    rmSync(lock);
    t.git(['symbolic-ref', 'refs/heads/alias', 'refs/heads/topic']);
    assert.equal(refListingFromFiles(t.dir), undefined, 'a symbolic branch');
    t.git(['symbolic-ref', '--delete', 'refs/heads/alias']);
    assert.ok(refListingFromFiles(t.dir));
  });

  it('the notes refs\' key (the editor\'s "not shared" hint) moves with a notes ref, a tracking notes ref or the config, not with a commit', () => {
    const dirs = ['refs/notes', 'refs/strategy-align'];
    const key = () => refsKey(clone, dirs);
    const first = key();
    assert.ok(first);
    t.git(['-C', clone, 'commit', '-q', '--allow-empty', '-m', 'more']);
    t.git(['-C', clone, 'branch', 'another']);
    assert.equal(key(), first, 'a commit and a branch');
    t.git(['-C', clone, 'notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: y', 'HEAD']);
    const noted = key();
    assert.notEqual(noted, first, 'a note');
    t.git(['-C', clone, 'update-ref', 'refs/strategy-align/remotes/origin/goals', 'refs/notes/goals']);
    const tracked = key();
    assert.notEqual(tracked, noted, 'a tracking notes ref');
    t.git(['-C', clone, 'pack-refs', '--all']);
    assert.equal(key(), tracked, 'packed: the same refs');
    t.git(['-C', clone, 'remote', 'add', 'upstream', t.dir]);
    assert.notEqual(key(), tracked, 'a remote added');
  });

  it('branch goals are read from git again exactly when the config changed', async () => {
    const repo = await GitRepo.open(t.dir);
    const key = configGoals(t.dir)?.key;
    assert.ok(key);
    assert.deepEqual([...(await repo.branchGoals())], []);
    t.git(['config', 'branch.topic.goal', 'api']);
    assert.notEqual(configGoals(t.dir)?.key, key);
    assert.deepEqual([...(await repo.branchGoals())], [['topic', 'api']]);
    t.git(['config', 'branch.topic.goal', 'web']);
    assert.deepEqual([...(await repo.branchGoals())], [['topic', 'web']]);
    assert.deepEqual([...(await repo.branchGoals())], [['topic', 'web']], 'unchanged: the same');
  });
});
