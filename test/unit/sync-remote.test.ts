// `strategy-align sync` against real remotes (issue 12): several clones syncing at once lose no
// note; a note not yet pushed survives a sync (never a forced fetch); two goals given to one commit
// are both kept and named; a missing, unreachable or refusing remote is one line, exit 2, and no
// local notes ref changed; notes.rewriteRef makes a rebase carry the notes.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepo } from '../../src/core/git';
import { unpublishedRefs } from '../../src/core/sync/sync';
import { cli, cliAsync, cliHere } from './helpers/cli';
import { type Clone, Team } from './helpers/team';

const NOTES = 'refs/notes/goals';
const notesOf = (c: Clone, ref = NOTES): Map<string, string> => {
  const out = new Map<string, string>();
  let listing: string;
  try {
    listing = c.git(['notes', `--ref=${ref}`, 'list']);
  } catch {
    return out;
  }
  for (const line of listing.split('\n').filter(Boolean)) {
    const sha = line.split(' ')[1];
    out.set(sha, c.git(['notes', `--ref=${ref}`, 'show', sha]));
  }
  return out;
};
const localRefs = (c: Clone): string => c.git(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/notes', 'refs/strategy-align']);

describe("sync: the team's tags through a remote, safely", function () {
  this.timeout(60_000);
  let team: Team;
  const N = 4;
  const clones: Clone[] = [];

  before(() => {
    team = new Team();
    for (let i = 0; i < N; i++) clones.push(team.clone(`dev${i}`));
    for (const c of clones) c.git(['checkout', '-q', 'main']);
  });
  after(() => team.cleanup());

  it('N clones that each tag and sync at the same time lose nothing: every note is on origin and in every clone', async () => {
    const tagged: string[] = [];
    for (const [i, c] of clones.entries()) {
      c.git(['pull', '-q', '--ff-only', 'origin', 'main']);
      const sha = c.commit(`work ${i}`);
      c.git(['push', '-q', 'origin', `HEAD:refs/heads/w${i}`]);
      c.git(['notes', `--ref=${NOTES}`, 'add', '-m', `Goal: ${['checkout', 'onboarding', 'observability'][i % 3]}`, sha]);
      tagged.push(sha);
    }
    const runs = await Promise.all(clones.map((c) => cliAsync(c.dir, ['sync'])));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    for (const c of clones) {
      const again = cli(c.dir, ['sync']);
      assert.equal(again.code, 0, again.stderr);
    }
    const origin = team.clone('check');
    origin.git(['fetch', '-q', 'origin', `${NOTES}:${NOTES}`]);
    for (const who of [origin, ...clones]) {
      assert.deepEqual([...notesOf(who).keys()].sort(), [...tagged].sort(), `${who.who} has every note`);
    }
  });

  it('a note not yet pushed survives a sync that brings in newer remote notes (no forced fetch)', async () => {
    const [a, b] = clones;
    const repoA = await GitRepo.open(a.dir);
    assert.deepEqual(await unpublishedRefs(repoA, 'origin'), [], 'all published after the last sync');
    const mine = a.commit('mine');
    a.git(['notes', `--ref=${NOTES}`, 'add', '-m', 'Goal: checkout', mine]);
    assert.deepEqual(await unpublishedRefs(repoA, 'origin'), [NOTES], 'a new note is not published yet');
    const theirs = b.commit('theirs');
    b.git(['notes', `--ref=${NOTES}`, 'add', '-m', 'Goal: onboarding', theirs]);
    b.git(['push', '-q', 'origin', 'HEAD:refs/heads/theirs']);
    assert.equal(cli(b.dir, ['sync']).code, 0);
    const run = cli(a.dir, ['sync']);
    assert.equal(run.code, 0, run.stderr);
    const notes = notesOf(a);
    assert.equal(notes.get(mine), 'Goal: checkout');
    assert.equal(notes.get(theirs), 'Goal: onboarding');
    assert.deepEqual(await unpublishedRefs(repoA, 'origin'), []);
    const merge = a.git(['rev-list', '--parents', '-n', '1', NOTES]).split(' ');
    assert.equal(merge.length, 3, 'the local notes became a merge commit with both parents');
  });

  it('two goals given to one commit on two clones: both kept (split), and the sync names the commit', async () => {
    const [a, b] = clones;
    a.git(['fetch', '-q', 'origin']);
    a.git(['checkout', '-q', '-B', 'shared', 'origin/main']);
    const shared = a.commit('shared work');
    a.git(['push', '-q', 'origin', 'shared']);
    a.git(['checkout', '-q', 'main']);
    b.git(['fetch', '-q', 'origin']);
    assert.equal((await cliHere(a.dir, ['tag-commit', shared, 'checkout'])).code, 0);
    assert.equal((await cliHere(b.dir, ['tag-commit', shared, 'observability'])).code, 0);
    assert.equal((await cliHere(a.dir, ['sync'])).code, 0);
    const run = await cliHere(b.dir, ['sync']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`warning: commit ${shared.slice(0, 10)} was given 'observability' here and 'checkout' on 'origin': both kept`),
    );
    assert.equal(notesOf(b).get(shared), 'Goal: checkout\nGoal: observability');
    assert.equal((await cliHere(a.dir, ['sync'])).code, 0);
    assert.equal(notesOf(a).get(shared), 'Goal: checkout\nGoal: observability', 'the same on both clones');
    const report = JSON.parse((await cliHere(a.dir, ['report', '--since', 'all', '--format', 'json', '--no-cache'])).stdout);
    const goal = (id: string) => report.goals.find((g: { id: string }) => g.id === id);
    assert.ok(goal('checkout').commits % 1 === 0.5 && goal('observability').commits % 1 === 0.5, 'split 1/2 each');
    const warning = `commit ${shared.slice(0, 10)} was given different goals on two clones (checkout, observability): both kept, split`;
    assert.ok(!report.warnings.some((w: string) => w.startsWith(warning)), 'not yet known where the merge did not happen');
    const merged = JSON.parse((await cliHere(b.dir, ['report', '--since', 'all', '--format', 'json'])).stdout);
    assert.ok(
      merged.warnings.some((w: string) => w.startsWith(warning)),
      'the report of the clone that merged says so',
    );
    assert.equal((await cliHere(b.dir, ['sync'])).code, 0);
    assert.equal((await cliHere(a.dir, ['sync'])).code, 0);
    const other = JSON.parse((await cliHere(a.dir, ['report', '--since', 'all', '--format', 'json'])).stdout);
    assert.ok(
      other.warnings.some((w: string) => w.startsWith(warning)),
      'and so does every clone after it synced',
    );
    assert.equal((await cliHere(a.dir, ['tag-commit', shared, 'checkout'])).code, 0);
    const settled = JSON.parse((await cliHere(a.dir, ['report', '--since', 'all', '--format', 'json'])).stdout);
    assert.ok(!settled.warnings.some((w: string) => w.startsWith(warning)), 'settled: no warning');
  });

  it('sets notes.rewriteRef, so a rebase carries a goal note to the rewritten commit', () => {
    const [a] = clones;
    assert.deepEqual(a.git(['config', '--get-all', 'notes.rewriteRef']).split('\n'), [NOTES]);
    a.git(['checkout', '-q', '-b', 'rebased', 'main']);
    const sha = a.commit('to be rebased');
    a.git(['notes', `--ref=${NOTES}`, 'add', '-m', 'Goal: onboarding', sha]);
    a.git(['checkout', '-q', 'main']);
    a.commit('main moves');
    a.git(['checkout', '-q', 'rebased']);
    a.git(['rebase', '-q', 'main'], a.committerDate());
    const copy = a.sha('HEAD');
    assert.notEqual(copy, sha);
    assert.equal(notesOf(a).get(copy), 'Goal: onboarding');
    assert.equal(cli(a.dir, ['sync']).code, 0, 'sync twice adds the rewriteRef once');
    assert.deepEqual(a.git(['config', '--get-all', 'notes.rewriteRef']).split('\n'), [NOTES]);
    a.git(['checkout', '-q', 'main']);
  });

  describe('failures: one line, exit 2, no local notes ref changed', () => {
    const failing = (setup: (c: Clone) => void, expected: RegExp) => () => {
      const c = team.clone(`f${Math.random().toString(36).slice(2, 8)}`);
      c.git(['checkout', '-q', 'main']);
      const sha = c.commit('tagged here');
      c.git(['notes', `--ref=${NOTES}`, 'add', '-m', 'Goal: checkout', sha]);
      setup(c);
      const before = localRefs(c);
      const run = cli(c.dir, ['sync']);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr.trim(), expected);
      assert.doesNotMatch(run.stderr, /\bat .*\.js:\d+/);
      assert.equal(localRefs(c), before, 'no notes ref and no tracking ref moved');
      assert.throws(() => c.git(['config', '--get-all', 'notes.rewriteRef']), 'nothing set');
    };

    it(
      'no remote at all',
      failing((c) => c.git(['remote', 'remove', 'origin']), /^strategy-align: sync: this clone has no remote .*nothing was changed$/),
    );
    it(
      'a remote URL to a nonexistent path',
      failing(
        (c) => c.git(['remote', 'set-url', 'origin', join(team.root, 'nowhere.git')]),
        /^strategy-align: sync: cannot fetch tags from 'origin': .*nothing was changed$/,
      ),
    );
    it('a remote name that does not exist', () => {
      const run = cli(clones[0].dir, ['sync', '--remote', 'upstream']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^strategy-align: sync: no remote 'upstream' \(remotes: origin\); nothing was changed\n$/);
    });
    it(
      'a remote whose pre-receive hook refuses every push',
      failing((c) => {
        const refusing = join(team.root, `refusing-${c.who}.git`);
        c.git(['clone', '-q', '--bare', team.origin, refusing]);
        writeFileSync(join(refusing, 'hooks', 'pre-receive'), '#!/bin/sh\necho "no pushes today" >&2\nexit 1\n');
        chmodSync(join(refusing, 'hooks', 'pre-receive'), 0o755);
        c.git(['remote', 'set-url', 'origin', refusing]);
      }, /^strategy-align: sync: cannot push tags to 'origin': the remote refused the push \(pre-receive hook declined\); nothing was changed$/),
    );
    it('report --fetch from an unreachable remote fails the same way, before any report', () => {
      const c = clones[1];
      c.git(['remote', 'add', 'gone', join(team.root, 'gone.git')]);
      const run = cli(c.dir, ['report', '--fetch', '--remote', 'gone']);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^strategy-align: sync: cannot fetch tags from 'gone': .*nothing was changed\n$/);
    });
  });
});
