// Every CLI command on every git edge case where it applies (issue 7 item 2), through the built
// binary on real repositories: a clear one-line exit 2 where the case is an error, the right numbers
// where it is legitimate, and never a stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { cli, cliHere, type CliRun } from './helpers/cli';
import { type EdgeCase, type EdgeName, EdgeRepos, ODD_BRANCHES } from './helpers/edgeRepos';

interface Row {
  edge: EdgeName;
  args: string[];
  code: 0 | 1 | 2;
  /** stdout (exit 0/1) or stderr (exit 2) must match. */
  says?: RegExp;
  /** What git (or the report) holds afterwards. */
  then?: (c: EdgeCase, run: CliRun) => void;
}

/** git's trimmed stdout in the case's folder; '' when git exits non-zero (e.g. an unset key). */
const git = (c: EdgeCase, args: string[]) => spawnSync('git', args, { cwd: c.dir, encoding: 'utf8' }).stdout.trim();
const json = (run: CliRun) => JSON.parse(run.stdout) as AlignmentReport;
const commitsOf = (r: AlignmentReport, id: string) => r.goals.find((g) => g.id === id)?.commits;
const note = (c: EdgeCase, sha: string) => git(c, ['notes', '--ref=refs/notes/goals', 'show', sha]);
const hookAt = (c: EdgeCase) => join(resolve(c.dir, git(c, ['rev-parse', '--git-path', 'hooks'])), 'prepare-commit-msg');
const REPORT = ['report', '--format', 'json'];
const LENIENT_CHECK = ['check', '--no-long-running', '--no-stopped', '--no-inversions'];

const NOT_A_REPO = /^strategy-align: not a git repository: /;
const NO_GIT = /^strategy-align: git is not installed or not on PATH$/;

const ROWS: Row[] = [
  ...(['not-a-repo', 'no-git'] as const).flatMap((edge): Row[] => {
    const says = edge === 'not-a-repo' ? NOT_A_REPO : NO_GIT;
    return [
      ...[REPORT, ['check'], ['tag-branch', 'alpha'], ['tag-commit', 'HEAD', 'alpha'], ['hook', 'install'], ['hook', 'uninstall']].map(
        (args): Row => ({ edge, args, code: 2, says }),
      ),
      { edge, args: ['validate'], code: 0, says: /strategy\.yaml: valid, 2 goals/ }, // validate needs no git
    ];
  }),

  {
    edge: 'empty',
    args: REPORT,
    code: 0,
    then: (_, run) =>
      assert.deepEqual(json(run).totals, {
        commits: 0,
        explicit: 0,
        branch: 0,
        untagged: 0,
        note: 0,
        trailer: 0,
        issue: 0,
        merge: 0,
        recorded: 0,
        patch: 0,
        squash: 0,
        sources: { note: 0, trailer: 0, issue: 0, branch: 0, merge: 0, recorded: 0, patch: 0, squash: 0, untagged: 0 },
        attributed: 0,
        attributedShare: 0,
      }),
  },
  { edge: 'empty', args: LENIENT_CHECK, code: 0, says: /passed \(0 commits/ },
  { edge: 'empty', args: ['validate'], code: 0 },
  {
    edge: 'empty',
    args: ['tag-branch', 'alpha'],
    code: 0,
    says: /Tagged branch 'main'/,
    then: (c) => assert.equal(git(c, ['config', 'branch.main.goal']), 'alpha'),
  },
  { edge: 'empty', args: ['tag-commit', 'HEAD', 'alpha'], code: 2, says: /^strategy-align: bad revision 'HEAD': no such commit$/ },
  { edge: 'empty', args: ['hook', 'install'], code: 0, then: (c) => assert.ok(existsSync(hookAt(c))) },
  { edge: 'empty', args: ['hook', 'uninstall'], code: 0, then: (c) => assert.ok(!existsSync(hookAt(c))) },

  {
    edge: 'detached',
    args: REPORT,
    code: 0,
    then: (_, run) =>
      assert.deepEqual(json(run).totals, {
        commits: 3,
        explicit: 1,
        branch: 0,
        untagged: 2,
        note: 0,
        trailer: 1,
        issue: 0,
        merge: 0,
        recorded: 0,
        patch: 0,
        squash: 0,
        sources: { note: 0, trailer: 1, issue: 0, branch: 0, merge: 0, recorded: 0, patch: 0, squash: 0, untagged: 2 },
        attributed: 1,
        attributedShare: 0.333333333333,
      }),
  },
  { edge: 'detached', args: ['tag-branch', 'alpha'], code: 2, says: /^strategy-align: HEAD is not on a branch: pass --branch NAME$/ },
  {
    edge: 'detached',
    args: ['tag-branch', 'beta', '--branch', 'topic'],
    code: 0,
    then: (c) => assert.equal(git(c, ['config', 'branch.topic.goal']), 'beta'),
  },
  { edge: 'detached', args: ['tag-commit', 'HEAD', 'beta'], code: 0, then: (c) => assert.equal(note(c, c.shas.alpha), 'Goal: beta') },
  {
    edge: 'detached',
    args: REPORT,
    code: 0,
    then: (_, run) => assert.deepEqual([commitsOf(json(run), 'alpha'), commitsOf(json(run), 'beta')], [0, 2]),
  },
  { edge: 'detached', args: LENIENT_CHECK, code: 0 },
  { edge: 'detached', args: ['hook', 'install'], code: 0, then: (c) => assert.ok(existsSync(hookAt(c))) },

  {
    edge: 'shallow',
    args: REPORT,
    code: 0,
    then: (_, run) =>
      assert.deepEqual(json(run).totals, {
        commits: 2,
        explicit: 2,
        branch: 0,
        untagged: 0,
        note: 0,
        trailer: 2,
        issue: 0,
        merge: 0,
        recorded: 0,
        patch: 0,
        squash: 0,
        sources: { note: 0, trailer: 2, issue: 0, branch: 0, merge: 0, recorded: 0, patch: 0, squash: 0, untagged: 0 },
        attributed: 2,
        attributedShare: 1,
      }),
  },
  { edge: 'shallow', args: ['tag-commit', 'HEAD~1', 'beta'], code: 0, then: (c) => assert.equal(note(c, c.shas.alpha), 'Goal: beta') },
  { edge: 'shallow', args: ['tag-commit', 'HEAD~2', 'beta'], code: 2, says: /^strategy-align: bad revision 'HEAD~2'/ },
  { edge: 'shallow', args: ['tag-branch', 'alpha'], code: 0, then: (c) => assert.equal(git(c, ['config', 'branch.main.goal']), 'alpha') },
  { edge: 'shallow', args: LENIENT_CHECK, code: 0 },
  { edge: 'shallow', args: ['validate'], code: 0 },

  {
    edge: 'worktree',
    args: REPORT,
    code: 0,
    then: (_, run) =>
      assert.deepEqual(
        json(run).untagged.branches.map((b) => b.name),
        ['topic'],
      ),
  },
  {
    edge: 'worktree',
    args: ['tag-branch', 'beta'],
    code: 0,
    says: /Tagged branch 'topic'/,
    then: (c) => assert.equal(git(c, ['config', 'branch.topic.goal']), 'beta'),
  },
  {
    edge: 'worktree',
    args: REPORT,
    code: 0,
    then: (_, run) => assert.deepEqual([json(run).totals.branch, commitsOf(json(run), 'beta')], [1, 1]),
  },
  { edge: 'worktree', args: ['tag-commit', 'HEAD', 'alpha'], code: 0, then: (c) => assert.equal(note(c, c.shas.topic), 'Goal: alpha') },
  { edge: 'worktree', args: ['hook', 'install'], code: 0, then: (c) => assert.match(readFileSync(hookAt(c), 'utf8'), /strategy-align/) },
  { edge: 'worktree', args: ['hook', 'uninstall'], code: 0, then: (c) => assert.ok(!existsSync(hookAt(c))) },

  { edge: 'submodule', args: REPORT, code: 0, then: (_, run) => assert.deepEqual([json(run).totals.commits, json(run).base], [3, 'main']) },
  { edge: 'submodule', args: ['tag-branch', 'beta'], code: 0, then: (c) => assert.equal(git(c, ['config', 'branch.main.goal']), 'beta') },
  { edge: 'submodule', args: ['tag-commit', 'HEAD', 'beta'], code: 0, then: (c) => assert.equal(note(c, c.shas.alpha), 'Goal: beta') },
  { edge: 'submodule', args: ['hook', 'install'], code: 0, says: /\.git\/modules\/sub\/hooks\/prepare-commit-msg/ },
  { edge: 'submodule', args: ['hook', 'uninstall'], code: 0 },
  { edge: 'submodule', args: ['validate'], code: 0 },

  {
    edge: 'no-base',
    args: REPORT,
    code: 0,
    then: (_, run) => {
      const r = json(run);
      assert.deepEqual([r.totals.commits, r.totals.explicit, r.base], [3, 1, null]);
      assert.ok(
        r.warnings.some((w) => /no base branch found/.test(w)),
        r.warnings.join('; '),
      );
    },
  },
  { edge: 'no-base', args: ['report'], code: 0, says: /Warnings\n {2}no base branch found/ },
  { edge: 'no-base', args: LENIENT_CHECK, code: 0 },
  { edge: 'no-base', args: ['tag-branch', 'beta'], code: 0, says: /Tagged branch 'trunk'/ },

  {
    edge: 'odd-names',
    args: REPORT,
    code: 0,
    then: (_, run) =>
      assert.deepEqual(
        json(run)
          .untagged.branches.map((b) => b.name)
          .sort(),
        [...ODD_BRANCHES, 'topic'].sort(),
      ),
  },
  ...ODD_BRANCHES.map((name): Row => ({
    edge: 'odd-names',
    args: ['tag-branch', 'beta', '--branch', name],
    code: 0,
    then: (c, run) => {
      assert.equal(run.stdout, `Tagged branch '${name}' with goal 'beta' (Beta)\n`);
      assert.equal(git(c, ['config', '--get', `branch.${name}.goal`]), 'beta');
    },
  })),
  {
    edge: 'odd-names',
    args: REPORT,
    code: 0,
    then: (c, run) => {
      assert.equal(commitsOf(json(run), 'beta'), ODD_BRANCHES.length, 'each odd branch counts its commit for its tag');
      assert.ok(!existsSync(join(c.dir, 'pwned')) && !existsSync(join(c.dir, 'pwned2')), 'no shell ever saw a branch name');
    },
  },
  {
    edge: 'odd-names',
    args: ['tag-branch', '--unset', '--branch', ODD_BRANCHES[0]],
    code: 0,
    then: (c) => assert.equal(git(c, ['config', '--get', `branch.${ODD_BRANCHES[0]}.goal`]), ''),
  },
  {
    edge: 'odd-names',
    args: ['tag-branch', 'beta', '--branch', 'odd/not-there-ü'],
    code: 2,
    says: /^strategy-align: no local branch 'odd\/not-there-ü'$/,
  },
  {
    edge: 'odd-names',
    args: ['hook', 'install'],
    code: 0,
    then: (c) => {
      git(c, ['checkout', '-q', ODD_BRANCHES[1]]);
      git(c, ['commit', '-q', '--allow-empty', '-m', 'from the terminal']);
      assert.equal(git(c, ['log', '-1', '--format=%B']), 'from the terminal\n\nGoal: beta');
      assert.ok(!existsSync(join(c.dir, 'pwned')) && !existsSync(join(c.dir, 'pwned2')), 'the hook quoted the name');
    },
  },

  {
    edge: 'messages',
    args: REPORT,
    code: 0,
    then: (_, run) => {
      const r = json(run);
      assert.deepEqual(r.totals, {
        commits: 5,
        explicit: 3,
        branch: 0,
        untagged: 2,
        note: 0,
        trailer: 3,
        issue: 0,
        merge: 0,
        recorded: 0,
        patch: 0,
        squash: 0,
        sources: { note: 0, trailer: 3, issue: 0, branch: 0, merge: 0, recorded: 0, patch: 0, squash: 0, untagged: 2 },
        attributed: 3,
        attributedShare: 0.6,
      });
      assert.deepEqual(
        [commitsOf(r, 'alpha'), commitsOf(r, 'beta')],
        [2, 1],
        'CRLF and long messages read, a Goal line in the wrong paragraph still counts, prose does not',
      );
      assert.deepEqual(r.unknownGoals, []);
    },
  },
  { edge: 'messages', args: ['report'], code: 0, says: /5 commits/ },
  { edge: 'messages', args: ['tag-commit', 'HEAD', 'beta'], code: 0, then: (c) => assert.equal(note(c, c.shas.prose), 'Goal: beta') },
];

describe('CLI on git edge cases', () => {
  let repos: EdgeRepos;
  before(function () {
    this.timeout(60_000);
    repos = new EdgeRepos();
  });
  after(() => repos.cleanup());

  for (const row of ROWS) {
    it(`${row.edge}: ${row.args.join(' ')} → exit ${row.code}`, async () => {
      const c = repos.get(row.edge);
      // In this process (cliHere) unless git must see another environment (no git on PATH).
      const run = c.env ? cli(c.dir, row.args, c.env) : await cliHere(c.dir, row.args);
      assert.equal(run.code, row.code, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
      if (row.code === 2) {
        assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, `one line on stderr: ${run.stderr}`);
        assert.doesNotMatch(run.stderr, /\n\s+at |unexpected error/);
      }
      if (row.says) assert.match(row.code === 2 ? run.stderr.trim() : run.stdout, row.says);
      row.then?.(c, run);
    });
  }
});
