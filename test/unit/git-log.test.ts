// The history read on real repositories (one streaming `git log` into the commit table, the notes
// beside it): fields, trailers, the message fallback, notes, merges, errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, goalLinesIn, GitRepo, parseGoalValues } from '../../src/core/git';
import type { LogCommit } from '../../src/core/git/types';
import { HistoryCache } from '../../src/core/history/historyCache';
import { branchHistory, readCommits } from './helpers/history';
import { TestRepo } from './helpers/testRepo';

/** Every non-merge commit the history read holds, by subject. */
async function collect(repo: GitRepo, trailerKey = 'Goal'): Promise<Map<string, LogCommit>> {
  return new Map([...(await readCommits(repo, trailerKey)).values()].map((c) => [c.subject, c]));
}

describe('the history read', () => {
  let t: TestRepo;
  beforeEach(() => (t = TestRepo.create()));
  afterEach(() => t.cleanup());

  it('yields sha, parents, author and dates of each commit', async () => {
    const first = t.commit('first', { date: '2026-10-01T10:00:00Z', author: { name: 'Ada Lovelace', email: 'ada@example.com' } });
    const second = t.commit('second', { date: '2026-10-02T11:30:00Z' });
    const commits = await collect(await GitRepo.open(t.dir));
    const c = commits.get('second')!;
    assert.equal(c.sha, second);
    assert.deepEqual(c.parents, [first]);
    assert.deepEqual(commits.get('first')!.parents, []);
    assert.equal(commits.get('first')!.authorName, 'Ada Lovelace');
    assert.equal(commits.get('first')!.authorEmail, 'ada@example.com');
    assert.equal(Date.parse(c.authorDate), Date.parse('2026-10-02T11:30:00Z'));
    assert.equal(Date.parse(c.committerDate), Date.parse('2026-10-02T11:30:00Z'));
  });

  it('reads trailers: comma lists, several lines, any key case, and a custom key', async () => {
    t.commit('multi\n\nGoal: a, b\ngoal: C\nSigned-off-by: X <x@example.com>');
    t.commit('custom\n\nObjective: speed');
    const commits = await collect(await GitRepo.open(t.dir));
    assert.deepEqual(commits.get('multi')!.trailerGoals, ['a', 'b', 'c']);
    assert.deepEqual(commits.get('custom')!.trailerGoals, []);
    const custom = await collect(await GitRepo.open(t.dir), 'Objective');
    assert.deepEqual(custom.get('custom')!.trailerGoals, ['speed']);
  });

  it('reads buried Goal: lines only when the trailer block has none', async () => {
    t.commit('squash (#1)\n\n* part\nGoal: buried\n* more\n\nSigned-off-by: X <x@example.com>');
    t.commit('both\n\nGoal: buried\n* more\n\nGoal: real');
    t.commit('prose\n\nGoal: make checkout fast');
    const commits = await collect(await GitRepo.open(t.dir));
    assert.deepEqual(commits.get('squash (#1)')!.trailerGoals, []);
    assert.deepEqual(commits.get('squash (#1)')!.messageGoals, ['buried']);
    assert.deepEqual(commits.get('both')!.trailerGoals, ['real']);
    assert.deepEqual(commits.get('both')!.messageGoals, [], 'no fallback when the trailer block has the key');
    assert.deepEqual(commits.get('prose')!.messageGoals, [], 'prose is not an id');
  });

  it('reads goal notes beside it (refs/notes/goals only)', async () => {
    const sha = t.commit('noted\n\nGoal: a');
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: b\nGoal: c', sha]);
    t.git(['notes', 'add', '-m', 'Goal: not-ours', sha]); // refs/notes/commits is not read
    const c = (await collect(await GitRepo.open(t.dir))).get('noted')!;
    assert.deepEqual(c.noteGoals, ['b', 'c']);
    assert.deepEqual(c.trailerGoals, ['a']);
  });

  it('keeps records intact whatever the message holds', async () => {
    t.commit('Ünïcödé ✓ \u001e\u001f | tab\there\n\nbody with\u001e separators\n\nGoal: x');
    t.commit('next');
    const commits = await collect(await GitRepo.open(t.dir));
    assert.equal(commits.size, 2);
    assert.deepEqual(commits.get('Ünïcödé ✓ \u001e\u001f | tab\there')!.trailerGoals, ['x']);
  });

  it('keeps merge commits apart (the graph needs them; effort does not count them)', async () => {
    t.commit('old', { date: '2026-01-10T00:00:00Z' });
    t.branch('side');
    t.commit('side work', { date: '2026-02-10T00:00:00Z' });
    t.checkout('main');
    t.commit('main work', { date: '2026-03-10T00:00:00Z' });
    const merge = t.merge('side', '2026-04-10T00:00:00Z');
    const repo = await GitRepo.open(t.dir);
    assert.deepEqual([...(await collect(repo)).keys()].sort(), ['main work', 'old', 'side work']);
    const state = await branchHistory(repo);
    const row = state.table.find(merge);
    assert.ok(state.table.isMerge(row));
    assert.equal(state.table.parentShas(row).length, 2);
  });

  it('reads thousands of commits, and only the new ones after', async function () {
    this.timeout(60_000);
    const n = 5000;
    const lines: string[] = [];
    for (let i = 1; i <= n; i++) {
      const msg = `commit ${i}\n\nGoal: g${i % 3}\n`;
      lines.push(
        'commit refs/heads/main',
        `mark :${i}`,
        `author A <a@example.com> ${1_700_000_000 + i * 60} +0000`,
        `committer A <a@example.com> ${1_700_000_000 + i * 60} +0000`,
        `data ${Buffer.byteLength(msg)}`,
        msg,
      );
      if (i > 1) lines.push(`from :${i - 1}`);
      lines.push(`M 644 inline f.txt`, `data ${String(i).length}`, String(i), '');
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: t.dir, input: lines.join('\n') });
    const repo = await GitRepo.open(t.dir);
    const commits = await collect(repo);
    assert.equal(commits.size, n);
    assert.deepEqual([...new Set([...commits.values()].flatMap((c) => c.trailerGoals))].sort(), ['g0', 'g1', 'g2']);
    const cache = new HistoryCache();
    const tips = async () => (await repo.refs()).branches.map((b) => b.sha);
    assert.equal((await cache.update(repo, 'Goal', await tips(), null)).commitsRead, n);
    t.git(['checkout', '-q', 'main']);
    t.commit('one more');
    assert.equal((await cache.update(repo, 'Goal', await tips(), null)).commitsRead, 1);
  });

  it('surfaces a failing git log as a GitError, with one line', async () => {
    const sha = t.commit('x');
    writeFileSync(join(t.dir, '.git', 'refs', 'heads', 'broken'), `${sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a')}\n`);
    const repo = await GitRepo.open(t.dir);
    await assert.rejects(collect(repo), (e: unknown) => e instanceof GitError && !e.message.includes('\n'));
  });
});

describe('GitRepo.open', () => {
  it('finds the top level from a subfolder', async () => {
    const t = TestRepo.create();
    t.commit('x');
    mkdirSync(join(t.dir, 'sub', 'deeper'), { recursive: true });
    const repo = await GitRepo.open(join(t.dir, 'sub', 'deeper'));
    assert.equal(repo.root, execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: t.dir, encoding: 'utf8' }).trim());
    t.cleanup();
  });

  it('rejects a folder outside any repository and a missing folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-plain-'));
    await assert.rejects(GitRepo.open(dir), (e: unknown) => e instanceof GitError && e.kind === 'not-a-repo');
    await assert.rejects(GitRepo.open(join(dir, 'missing')), (e: unknown) => e instanceof GitError && e.kind === 'not-a-repo');
  });
});

describe('goal values', () => {
  it('parses comma lists', () => {
    assert.deepEqual(parseGoalValues(' a, B ,, b '), ['a', 'b']);
  });

  it('reads only whole `key: ids` lines', () => {
    assert.deepEqual(goalLinesIn('Goal: a\nnot a Goal: b\nGOAL: c, d\nGoal: two words', 'Goal'), ['a', 'c', 'd']);
  });
});
