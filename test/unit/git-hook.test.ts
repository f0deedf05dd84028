// The opt-in prepare-commit-msg hook, with real `git commit`s: chained, never replacing.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRepo } from '../../src/core/git';
import { lastMessage, taggedTopicRepo } from './helpers/hookRepo';
import type { TestRepo } from './helpers/testRepo';

describe('prepare-commit-msg hook', () => {
  let t: TestRepo;
  let repo: GitRepo;
  let hooks: string;
  beforeEach(async () => {
    ({ t, repo } = await taggedTopicRepo());
    hooks = join(t.dir, '.git', 'hooks');
  });
  afterEach(() => t.cleanup());

  it('with no hook before: installs one that adds the trailer to commits on a tagged branch', async () => {
    const result = await repo.installHook('Goal');
    assert.equal(result.action, 'installed');
    assert.equal(result.chainedPath, undefined);
    assert.equal(statSync(result.hookPath).mode & 0o777, 0o755);
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nGoal: checkout');
    assert.equal((await repo.hookStatus()).installed, true);
  });

  it('uses the configured trailer key', async () => {
    await repo.installHook('Objective');
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nObjective: checkout');
  });

  it('never duplicates or overrides a trailer the user typed', async () => {
    await repo.installHook('Goal');
    t.commit('work\n\nGoal: other');
    assert.equal(lastMessage(t), 'work\n\nGoal: other');
  });

  it('adds nothing on an untagged branch, or when a commit reuses a message (amend --no-edit)', async () => {
    await repo.installHook('Goal');
    t.checkout('main');
    t.commit('plain');
    assert.equal(lastMessage(t), 'plain');
    t.git(['config', 'branch.main.goal', 'checkout']);
    t.git(['commit', '-q', '--amend', '--no-edit']);
    assert.equal(lastMessage(t), 'plain');
  });

  it('chains to an existing hook: both run, the old one first, and its failure aborts the commit', async () => {
    const original = '#!/bin/sh\nprintf "\\nReviewed-by: Team\\n" >> "$1"\n';
    writeFileSync(join(hooks, 'prepare-commit-msg'), original, { mode: 0o750 });
    chmodSync(join(hooks, 'prepare-commit-msg'), 0o750);
    const result = await repo.installHook('Goal');
    assert.equal(result.chainedPath, join(hooks, 'prepare-commit-msg.strategy-align-chained'));
    assert.equal(readFileSync(result.chainedPath!, 'utf8'), original);
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nReviewed-by: Team\nGoal: checkout');
    writeFileSync(result.chainedPath!, '#!/bin/sh\nexit 3\n');
    assert.throws(() => t.commit('blocked'));
    assert.equal(t.git(['log', '-1', '--format=%s']), 'work');
  });

  it('uninstall restores the earlier hook byte for byte, with its mode', async () => {
    const original = Buffer.from('#!/bin/sh\n# café\t\r\nexit 0\n\u0000tail', 'utf8');
    const path = join(hooks, 'prepare-commit-msg');
    writeFileSync(path, original);
    chmodSync(path, 0o700);
    await repo.installHook('Goal');
    const result = await repo.uninstallHook();
    assert.equal(result.action, 'uninstalled');
    assert.deepEqual(readFileSync(path), original);
    assert.equal(statSync(path).mode & 0o777, 0o700);
    assert.equal(existsSync(`${path}.strategy-align-chained`), false);
  });

  it('is idempotent, and uninstall without ours changes nothing', async () => {
    assert.equal((await repo.uninstallHook()).action, 'not-installed');
    await repo.installHook('Goal');
    assert.equal((await repo.installHook('Goal')).action, 'already-installed');
    assert.equal(existsSync(join(hooks, 'prepare-commit-msg.strategy-align-chained')), false, 'never chains to itself');
    await repo.uninstallHook();
    const foreign = '#!/bin/sh\nexit 0\n';
    writeFileSync(join(hooks, 'prepare-commit-msg'), foreign);
    assert.equal((await repo.uninstallHook()).action, 'not-installed');
    assert.equal(readFileSync(join(hooks, 'prepare-commit-msg'), 'utf8'), foreign);
  });

  it('honours a relative core.hooksPath', async () => {
    t.git(['config', 'core.hooksPath', '.githooks']);
    const result = await repo.installHook('Goal');
    assert.equal(result.hookPath, join(repo.root, '.githooks', 'prepare-commit-msg'));
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nGoal: checkout');
    assert.equal(existsSync(join(hooks, 'prepare-commit-msg')), false);
  });

  it('honours an absolute core.hooksPath, chaining to the hook already there', async () => {
    const shared = join(t.dir, '..', `${t.dir.split('/').pop()}-hooks`);
    mkdirSync(shared, { recursive: true });
    const team = '#!/bin/sh\nprintf "\\nReviewed-by: Shared\\n" >> "$1"\n';
    writeFileSync(join(shared, 'prepare-commit-msg'), team, { mode: 0o755 });
    t.git(['config', 'core.hooksPath', shared]);
    const result = await repo.installHook('Goal');
    assert.equal(result.chainedPath, join(shared, 'prepare-commit-msg.strategy-align-chained'));
    t.commit('work');
    assert.equal(lastMessage(t), 'work\n\nReviewed-by: Shared\nGoal: checkout');
    await repo.uninstallHook();
    assert.equal(readFileSync(join(shared, 'prepare-commit-msg'), 'utf8'), team);
  });
});
