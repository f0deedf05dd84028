// The streaming git log on real repositories: fields, trailers, the message fallback, notes, range.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, goalLinesIn, GitRepo, parseGoalValues } from '../../src/core/git';
import type { LogCommit } from '../../src/core/git/types';
import { TestRepo } from './helpers/testRepo';

async function collect(repo: GitRepo, revs = ['--branches'], trailerKey = 'Goal', range: { since?: Date; until?: Date } = {}): Promise<Map<string, LogCommit>> {
  const out = new Map<string, LogCommit>();
  for await (const c of repo.log({ revs, trailerKey, ...range })) out.set(c.subject, c);
  return out;
}

describe('git log stream', () => {
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
    const custom = await collect(await GitRepo.open(t.dir), ['--branches'], 'Objective');
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

  it('reads goal notes in the same pass', async () => {
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

  it('leaves out merge commits and honours since/until', async () => {
    t.commit('old', { date: '2026-01-10T00:00:00Z' });
    t.branch('side');
    t.commit('side work', { date: '2026-02-10T00:00:00Z' });
    t.checkout('main');
    t.commit('main work', { date: '2026-03-10T00:00:00Z' });
    t.merge('side', '2026-04-10T00:00:00Z');
    const repo = await GitRepo.open(t.dir);
    assert.deepEqual([...(await collect(repo)).keys()].sort(), ['main work', 'old', 'side work']);
    const ranged = await collect(repo, ['--branches'], 'Goal', { since: new Date('2026-02-01T00:00:00Z'), until: new Date('2026-03-01T00:00:00Z') });
    assert.deepEqual([...ranged.keys()], ['side work']);
  });

  it('streams thousands of commits and stops git when the reader stops early', async function () {
    this.timeout(60_000);
    const n = 5000;
    const lines: string[] = [];
    for (let i = 1; i <= n; i++) {
      const msg = `commit ${i}\n\nGoal: g${i % 3}\n`;
      lines.push('commit refs/heads/main', `mark :${i}`, `author A <a@example.com> ${1_700_000_000 + i * 60} +0000`, `committer A <a@example.com> ${1_700_000_000 + i * 60} +0000`, `data ${Buffer.byteLength(msg)}`, msg);
      if (i > 1) lines.push(`from :${i - 1}`);
      lines.push(`M 644 inline f.txt`, `data ${String(i).length}`, String(i), '');
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: t.dir, input: lines.join('\n') });
    const repo = await GitRepo.open(t.dir);
    let count = 0;
    const goals = new Set<string>();
    for await (const c of repo.log({ revs: ['--branches'], trailerKey: 'Goal' })) {
      count++;
      c.trailerGoals.forEach((g) => goals.add(g));
    }
    assert.equal(count, n);
    assert.deepEqual([...goals].sort(), ['g0', 'g1', 'g2']);
    let early = 0;
    for await (const _ of repo.log({ revs: ['--branches'], trailerKey: 'Goal' })) if (++early === 10) break;
    assert.equal(early, 10);
  });

  it('surfaces a failing git log as a GitError', async () => {
    t.commit('x');
    const repo = await GitRepo.open(t.dir);
    await assert.rejects(async () => {
      for await (const _ of repo.log({ revs: ['no-such-branch..main'], trailerKey: 'Goal' })) void _;
    }, (e: unknown) => e instanceof GitError && e.kind === 'bad-revision');
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
