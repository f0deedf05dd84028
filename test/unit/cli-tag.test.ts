// `validate`, `tag-branch`, `tag-commit` and `hook` through the built binary, on real repositories.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliHere } from './helpers/cli';
import { SCENARIO_STRATEGY } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

function repoWithStrategy(strategy = SCENARIO_STRATEGY): TestRepo {
  const repo = TestRepo.create();
  repo.write('strategy.yaml', strategy);
  repo.commit('init');
  return repo;
}

describe('strategy-align validate', () => {
  it('passes a valid file with exit 0 and a summary', async () => {
    const repo = repoWithStrategy();
    const run = cli(repo.dir, ['validate']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /strategy\.yaml: valid, 4 goals \(3 active\)/);
    repo.cleanup();
  });

  it('prints file:line:col for each problem and exits 2 on errors', async () => {
    const repo = repoWithStrategy('version: 1\ngoals:\n  - id: ok\n    title: Fine\n    statuss: active\n  - id: ok\n    title: Twice\n');
    const run = await cliHere(repo.dir, ['validate']);
    assert.equal(run.code, 2);
    const lines = run.stdout.trim().split('\n');
    assert.ok(
      lines.some((l) => /^strategy\.yaml:5:5: warning: .*statuss.*did you mean 'status'/.test(l)),
      run.stdout,
    );
    assert.ok(
      lines.some((l) => /^strategy\.yaml:6:\d+: error: .*ok/.test(l)),
      run.stdout,
    );
    repo.cleanup();
  });

  it('exits 0 with warnings only, and 2 when there is no file', async () => {
    const repo = repoWithStrategy('version: 1\ngoals:\n  - id: a\n    title: A\n    colour: red\n');
    const run = await cliHere(repo.dir, ['validate']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^strategy\.yaml:5:5: warning: /);
    const empty = TestRepo.create();
    assert.equal((await cliHere(empty.dir, ['validate'])).code, 2);
    repo.cleanup();
    empty.cleanup();
  });
});

describe('strategy-align tag-branch', () => {
  it('tags the current branch in git config, another with --branch, and unsets', async () => {
    const repo = repoWithStrategy();
    repo.branch('topic');
    let run = await cliHere(repo.dir, ['tag-branch', 'onboarding']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(repo.git(['config', 'branch.topic.goal']), 'onboarding');
    run = await cliHere(repo.dir, ['tag-branch', 'observability', '--branch', 'main']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(repo.git(['config', 'branch.main.goal']), 'observability');
    run = await cliHere(repo.dir, ['tag-branch', '--unset']);
    assert.equal(run.code, 0, run.stderr);
    assert.throws(() => repo.git(['config', 'branch.topic.goal']));
    repo.cleanup();
  });

  it('refuses unknown goals and branches with exit 2, changing nothing', async () => {
    const repo = repoWithStrategy();
    let run = await cliHere(repo.dir, ['tag-branch', 'moonshot']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown goal 'moonshot': strategy\.yaml has faster-checkout, onboarding, observability, legacy-admin/);
    run = await cliHere(repo.dir, ['tag-branch', 'onboarding', '--branch', 'nope']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no local branch 'nope'/);
    assert.doesNotMatch(repo.git(['config', '--list', '--local']), /\.goal=/);
    repo.cleanup();
  });

  it('needs a goal argument', async () => {
    const repo = repoWithStrategy();
    assert.equal((await cliHere(repo.dir, ['tag-branch'])).code, 2);
    repo.cleanup();
  });
});

describe('strategy-align tag-commit', () => {
  it('writes a Goal note on refs/notes/goals, and replaces it when run again', async () => {
    const repo = repoWithStrategy();
    const sha = repo.commit('work');
    assert.equal((await cliHere(repo.dir, ['tag-commit', 'HEAD', 'onboarding'])).code, 0);
    assert.equal(repo.git(['notes', '--ref=refs/notes/goals', 'show', sha]), 'Goal: onboarding');
    assert.equal((await cliHere(repo.dir, ['tag-commit', sha.slice(0, 8), 'observability'])).code, 0);
    assert.equal(repo.git(['notes', '--ref=refs/notes/goals', 'show', sha]), 'Goal: observability');
    assert.equal(repo.git(['rev-parse', 'HEAD']), sha, 'history is not rewritten');
    repo.cleanup();
  });

  it('refuses a bad revision and an unknown goal with exit 2', async () => {
    const repo = repoWithStrategy();
    let run = await cliHere(repo.dir, ['tag-commit', 'no-such-rev', 'onboarding']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no-such-rev/);
    run = await cliHere(repo.dir, ['tag-commit', 'HEAD', 'moonshot']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown goal 'moonshot'/);
    repo.cleanup();
  });
});

describe('strategy-align hook', () => {
  it('installs and uninstalls the prepare-commit-msg hook', async () => {
    const repo = repoWithStrategy();
    const hook = join(repo.dir, '.git', 'hooks', 'prepare-commit-msg');
    let run = cli(repo.dir, ['hook', 'install']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(hook));
    assert.match(readFileSync(hook, 'utf8'), /strategy-align/);
    repo.branch('topic');
    repo.git(['config', 'branch.topic.goal', 'onboarding']);
    repo.commit('from the terminal');
    assert.match(repo.git(['log', '-1', '--format=%B']), /\n\nGoal: onboarding$/);
    run = cli(repo.dir, ['hook', 'uninstall']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(hook), false);
    assert.equal((await cliHere(repo.dir, ['hook', 'sideways'])).code, 2);
    repo.cleanup();
  });
});
