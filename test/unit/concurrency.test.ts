// Several writers at once lose nothing: built CLI processes racing on the notes ref and the git
// config, and a branch renamed while it is being tagged. Outcomes may differ from run to run (who
// wins a lock); the invariants checked here hold for every interleaving.
import assert from 'node:assert/strict';
import { GitError, GitRepo } from '../../src/core/git';
import { classify } from '../../src/core/git/errors';
import { retryWhileLocked } from '../../src/core/git/retry';
import { cliAsync } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = 'version: 1\ngoals:\n  - id: alpha\n    title: Alpha\n  - id: beta\n    title: Beta\n';
const RETRYABLE = /another git process kept it locked .* try again/;

/** A git config read that is '' when nothing matches (git exits 1 then). */
function config(t: TestRepo, args: string[]): string {
  try {
    return t.git(['config', ...args]).trim();
  } catch {
    return '';
  }
}

function notes(t: TestRepo): Map<string, string> {
  const out = new Map<string, string>();
  const listing = t.git(['notes', '--ref=refs/notes/goals', 'list']);
  for (const line of listing.split('\n').filter(Boolean)) {
    const [, commit] = line.split(' ');
    out.set(commit, t.git(['notes', '--ref=refs/notes/goals', 'show', commit]));
  }
  return out;
}

describe('concurrent writers', function () {
  this.timeout(120_000); // many CLI processes on a shared, loaded machine: correctness, not speed, is checked
  let t: TestRepo;
  beforeEach(() => {
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    t.commit('init');
  });
  afterEach(() => t.cleanup());

  it('tag-commit from 6 processes at once, 2 rounds: every note that was reported written is there', async () => {
    const WRITERS = 6;
    const ROUNDS = 2;
    const expected = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round++) {
      const shas = Array.from({ length: WRITERS }, (_, i) => t.commit(`round ${round} commit ${i}`));
      const goals = shas.map((_, i) => ((i + round) % 2 === 0 ? 'alpha' : 'beta'));
      const runs = await Promise.all(shas.map((sha, i) => cliAsync(t.dir, ['tag-commit', sha, goals[i]])));
      runs.forEach((run, i) => {
        if (run.code === 0) expected.set(shas[i], `Goal: ${goals[i]}`);
        else {
          assert.equal(run.code, 2, run.stderr);
          assert.match(run.stderr, RETRYABLE, 'a failure is a clear, retryable one');
          assert.equal(run.stderr.trim().split('\n').length, 1);
        }
      });
    }
    const written = notes(t);
    for (const [sha, note] of expected) assert.equal(written.get(sha), note, `the note on ${sha.slice(0, 7)} survived`);
    assert.equal(written.size, expected.size, 'no note from a writer that reported failure');
    assert.ok(expected.size >= WRITERS, `most writers succeed (${expected.size} of ${WRITERS * ROUNDS})`);
    assert.equal(t.git(['for-each-ref', 'refs/notes/strategy-align-scratch']), '', 'no scratch ref left behind');
  });

  it('tag-commit and untagging race on the same notes: the untouched notes all stay', async () => {
    const keep = Array.from({ length: 4 }, (_, i) => t.commit(`keep ${i}`));
    const drop = Array.from({ length: 4 }, (_, i) => t.commit(`drop ${i}`));
    for (const sha of drop) t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: beta', sha]);
    const repo = await GitRepo.open(t.dir);
    const runs = await Promise.all([
      ...keep.map((sha) => cliAsync(t.dir, ['tag-commit', sha, 'alpha'])),
      ...drop.map((sha) =>
        repo.removeGoalNote(sha).then(
          () => ({ code: 0, stderr: '' }),
          (e: Error) => ({ code: 2, stderr: `${e.message}\n` }),
        ),
      ),
    ]);
    // On a loaded machine a writer may run out of its retry budget (a clock in the product): then
    // it must say so clearly and change nothing. Every change that was reported made is there.
    for (const run of runs.filter((r) => r.code !== 0)) {
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, RETRYABLE, 'a failure is a clear, retryable one');
    }
    const tagged = keep.filter((_, i) => runs[i].code === 0);
    const notRemoved = drop.filter((_, i) => runs[keep.length + i].code !== 0);
    assert.ok(tagged.length + drop.length - notRemoved.length > 0, runs.map((r) => r.stderr).join(''));
    const written = notes(t);
    assert.deepEqual([...written.keys()].sort(), [...tagged, ...notRemoved].sort());
    for (const sha of tagged) assert.equal(written.get(sha), 'Goal: alpha');
    for (const sha of notRemoved) assert.equal(written.get(sha), 'Goal: beta');
  });

  it('tag-branch from 6 processes at once: every branch keeps its tag (the config lock is retried)', async () => {
    const branches = Array.from({ length: 6 }, (_, i) => `topic-${i}`);
    for (const b of branches) t.git(['branch', b]);
    const runs = await Promise.all(branches.map((b, i) => cliAsync(t.dir, ['tag-branch', i % 2 ? 'beta' : 'alpha', '--branch', b])));
    runs.forEach((run) => assert.equal(run.code, 0, run.stderr));
    branches.forEach((b, i) => assert.equal(t.git(['config', '--get', `branch.${b}.goal`]), i % 2 ? 'beta' : 'alpha'));
  });

  it('a branch renamed while it is tagged: the tag follows it or the user is told, never a tag on a branch that is gone', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const from = `work-${round}`;
      const to = `renamed-${round}`;
      t.git(['branch', from]);
      const [run] = await Promise.all([
        cliAsync(t.dir, ['tag-branch', 'alpha', '--branch', from]),
        new Promise<void>((resolve) => setTimeout(() => resolve(void t.git(['branch', '-m', from, to])), round * 15)),
      ]);
      const stray = config(t, ['--get-regexp', `^branch\\.${from}\\.`]);
      assert.equal(stray, '', `no config left for the renamed-away '${from}'`);
      const moved = config(t, ['--get', `branch.${to}.goal`]);
      if (run.code === 0) {
        assert.equal(moved, 'alpha', 'a reported tag is on the branch under its new name');
        outcomes.add('followed');
      } else {
        assert.equal(run.code, 2);
        assert.match(run.stderr, /no local branch|renamed or deleted/);
        if (/nothing was tagged|no local branch/.test(run.stderr)) assert.equal(moved, '');
        else assert.equal(moved, 'alpha');
        outcomes.add(run.stderr.trim());
      }
    }
    assert.ok(outcomes.size > 0);
  });

  it('the core takes back a tag written after the branch was renamed away, and says so', async () => {
    t.git(['branch', 'old-name']);
    const repo = await GitRepo.open(t.dir);
    t.git(['branch', '-m', 'old-name', 'new-name']); // between the caller's check and the write
    await assert.rejects(
      repo.setBranchGoal('old-name', 'alpha'),
      (e: GitError) => e.kind === 'branch-gone' && /nothing was tagged/.test(e.message),
    );
    assert.equal(config(t, ['--get-regexp', '\\.goal$']), '');
  });
});

describe('retrying while git holds a lock', () => {
  const fast = { budgetMs: 200, firstDelayMs: 1, maxDelayMs: 20 };

  it("knows git's lock messages", () => {
    for (const stderr of [
      "fatal: update_ref failed for ref 'refs/notes/goals': cannot lock ref 'refs/notes/goals': is at 1111111 but expected 2222222",
      "error: Unable to create '/r/.git/refs/notes/goals.lock': File exists.",
      'error: could not lock config file .git/config: File exists',
    ])
      assert.equal(classify(stderr, ['x']).kind, 'locked', stderr);
    assert.equal(classify('fatal: bad object HEAD', ['x']).kind, 'failed');
  });

  it('retries a locked attempt until it succeeds', async () => {
    let calls = 0;
    const result = await retryWhileLocked(
      'test',
      async () => {
        if (++calls < 3) throw new GitError('locked', 'cannot lock ref');
        return 'done';
      },
      fast,
    );
    assert.deepEqual([result, calls], ['done', 3]);
  });

  it('gives up with a clear retryable message when the budget runs out, and never retries other failures', async () => {
    await assert.rejects(
      retryWhileLocked(
        'updating refs/notes/goals',
        async () => {
          throw new GitError('locked', 'cannot lock ref');
        },
        fast,
      ),
      (e: GitError) =>
        e.kind === 'locked' &&
        /^updating refs\/notes\/goals: another git process kept it locked .* nothing was changed, try again/.test(e.message),
    );
    let calls = 0;
    await assert.rejects(
      retryWhileLocked(
        'x',
        async () => {
          calls++;
          throw new GitError('failed', 'bad');
        },
        fast,
      ),
      /bad/,
    );
    assert.equal(calls, 1);
  });
});
