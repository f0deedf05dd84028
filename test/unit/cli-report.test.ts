// `strategy-align report` and `check` on the acceptance repository, through the built binary.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { builtHere, cli, cliHere } from './helpers/cli';
import { ago } from '../../src/core/render/format';
import { buildScenario, day, EXPECTED, type Scenario } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

describe('strategy-align report', () => {
  let scenario: Scenario;
  before(() => {
    assert.ok(existsSync(join(__dirname, '..', '..', '..', 'dist', 'cli.js')), 'run npm run build first');
    scenario = buildScenario();
  });
  after(() => scenario.repo.cleanup());

  it('--format json gives the numbers DESIGN §3 implies', async () => {
    const run = cli(scenario.repo.dir, ['report', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AlignmentReport;
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.totals, EXPECTED.totals);
    for (const [id, commits] of Object.entries(EXPECTED.commits)) {
      assert.ok(Math.abs(report.goals.find((g) => g.id === id)!.commits - commits) < 1e-9, id);
    }
    assert.deepEqual(
      report.unknownGoals.map((u) => u.id),
      ['moonshot'],
    );
    assert.deepEqual(
      report.alignment.inversions.map((i) => [i.higher, i.lower]),
      EXPECTED.inversions,
    );
    assert.deepEqual(Object.keys(report.alignment).sort(), [
      'inversions',
      'rankCorrelation',
      'staleGoals',
      'stoppedShare',
      'topN',
      'topShare',
      'unknownShare',
      'untaggedShare',
    ]);
    // 90 days before today's 00:00 UTC: CI jobs minutes apart get the same range (merge needs it).
    const midnight = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const since = report.range.since && Date.parse(report.range.since);
    assert.ok(since === midnight - 90 * 86_400_000 || since === midnight - 91 * 86_400_000, 'default range is 90 days from midnight UTC');
  });

  it('--repo reads another folder and --out writes a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sa-out-')), 'report.json');
    const run = await cliHere(tmpdir(), ['report', '--repo', scenario.repo.dir, '--format', 'json', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as AlignmentReport).totals.commits, 18);
  });

  it('text shows ranked goals with bars, untagged branches, and no colour under NO_COLOR', async () => {
    const run = await cliHere(scenario.repo.dir, ['report'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    assert.equal(run.code, 0, run.stderr);
    const titles = ['Cut checkout p95 below 400 ms', 'Self-serve onboarding', 'Observability', 'New features in the legacy admin UI'];
    const positions = titles.map((t) => run.stdout.indexOf(t));
    assert.ok(
      positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1])),
      'goals in rank order',
    );
    assert.match(run.stdout, /█+░+/);
    assert.match(run.stdout, /⚠ big-untagged: 3 commits.*long-running/);
    assert.match(run.stdout, /#3 'Observability' got 19% of the effort, more than #1/);
    assert.doesNotMatch(run.stdout, /\u001b\[/);
    assert.match((await cliHere(scenario.repo.dir, ['report'], { NO_COLOR: undefined, FORCE_COLOR: '1' })).stdout, /\u001b\[/);
  });

  it('md renders a table for PR comments and CI summaries', async () => {
    const run = await cliHere(scenario.repo.dir, ['report', '--format', 'md']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^## Strategy alignment · 2026-Q4/);
    assert.match(run.stdout, /\| 1 \| Cut checkout p95 below 400 ms \(`faster-checkout`\) \| active \| 3 \| 17% \| 50% \|/);
    assert.match(run.stdout, /\| big-untagged \| 3 \|/);
  });

  it('html is a standalone page with the same numbers and no scripts', async () => {
    const run = await cliHere(scenario.repo.dir, ['report', '--format', 'html']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^<!DOCTYPE html>/);
    assert.doesNotMatch(run.stdout, /<script|<link|src="http|href="http/i, 'self-contained, nothing remote');
    assert.match(run.stdout, /<div class="value">50%<\/div><div class="label">top 3 active goals/);
    assert.match(
      run.stdout,
      /<td class="num">1<\/td><th scope="row">Cut checkout p95 below 400 ms <code>faster-checkout<\/code><\/th><td>active<\/td><td class="num">3<\/td><td class="num">17%<\/td><td class="num">50%<\/td>/,
    );
    assert.match(run.stdout, /#3 &#39;Observability&#39; got 19% of the effort, more than #1/);
    assert.match(run.stdout, /<svg class="chart share-chart" role="img"[^>]*aria-label="Share of effort against target/);
  });

  it('--measure days changes shares, not commit counts', async () => {
    const report = JSON.parse(
      (await cliHere(scenario.repo.dir, ['report', '--format', 'json', '--measure', 'days'])).stdout,
    ) as AlignmentReport;
    assert.equal(report.measure, 'days');
    assert.ok(Math.abs(report.goals[1].share - 2.5 / 13) < 1e-9);
    assert.equal(report.goals[1].commits, 2.5);
  });

  it('refuses bad formats, options and ranges with exit 2 and one line', async () => {
    for (const args of [
      ['report', '--format', 'pdf'],
      ['report', '--since', 'yesterday'],
      ['report', '--bogus'],
      ['report', '--measure', 'lines'],
    ]) {
      const run = await cliHere(scenario.repo.dir, args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^strategy-align: /);
    }
  });
});

describe('strategy-align check', () => {
  let scenario: Scenario;
  before(() => (scenario = buildScenario()));
  after(() => scenario.repo.cleanup());

  it('fails with one line per failed rule (long-running untagged work, stopped goals, inversions by default)', async () => {
    const run = await cliHere(scenario.repo.dir, ['check']);
    assert.equal(run.code, 1);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 3, run.stdout);
    assert.match(lines[0], /^✗ long-running untagged branches: /);
    // The scenario dates sit at fixed hours of past days, so their age in whole days depends on
    // the time of day the test runs: the expected label is computed the same way.
    assert.ok(lines[0].includes(`'big-untagged' (3 commits, oldest ${ago(day(1, 2), new Date())})`), lines[0]);
    assert.ok(lines[0].includes(`'old-spike' (1 commit, oldest ${ago(day(5), new Date())})`), lines[0]);
    assert.doesNotMatch(lines[0], /feature\/x/);
    assert.match(lines[1], /stopped goals still get work: 'legacy-admin' 6%/);
    assert.match(
      lines[2],
      /^✗ effort runs against the ranking: #3 'Observability' got 19% of the effort, more than #1 .*; #3 'Observability' got 19%.* more than #2 /,
    );
  });

  it('allows stopped work up to --max-stopped', async () => {
    assert.doesNotMatch((await cliHere(scenario.repo.dir, ['check', '--max-stopped', '10'])).stdout, /stopped goals/);
    assert.match(
      (await cliHere(scenario.repo.dir, ['check', '--max-stopped', '5'])).stdout,
      /stopped goals still get work: 'legacy-admin' 6%, above --max-stopped 5%/,
    );
  });

  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sa-summary-')), 'summary.md');
    writeFileSync(file, '# earlier step\n');
    const run = await cliHere(scenario.repo.dir, ['check', '--no-long-running', '--no-inversions'], { GITHUB_STEP_SUMMARY: file });
    assert.equal(run.code, 1);
    const summary = readFileSync(file, 'utf8');
    assert.match(summary, /^# earlier step\n### ❌ Strategy check failed\n\n- stopped goals still get work: 'legacy-admin' 6%\n/);
    assert.match(summary, /## Strategy alignment · 2026-Q4/);
  });

  it('passes when those rules are turned off', async () => {
    const run = await cliHere(scenario.repo.dir, ['check', '--no-long-running', '--no-stopped', '--no-inversions']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /passed/);
  });

  it('checks the untagged share and the top-N share against thresholds', async () => {
    const run = await cliHere(scenario.repo.dir, [
      'check',
      '--no-long-running',
      '--no-stopped',
      '--no-inversions',
      '--max-untagged',
      '30',
      '--min-top',
      '60',
    ]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      '✗ untagged work is 39% of effort, above --max-untagged 30%',
      '✗ the top 3 active goals got 50% of effort, below --min-top 60%',
    ]);
    assert.equal(
      (
        await cliHere(scenario.repo.dir, [
          'check',
          '--no-long-running',
          '--no-stopped',
          '--no-inversions',
          '--max-untagged',
          '40',
          '--min-top',
          '50',
        ])
      ).code,
      0,
    );
  });

  it('rejects a percentage that is not one', async () => {
    const run = await cliHere(scenario.repo.dir, ['check', '--max-untagged', 'lots']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--max-untagged must be a percentage/);
  });
});

describe('configuration errors exit 2 with one line on stderr', () => {
  it('outside a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-norepo-'));
    const run = await cliHere(dir, ['report']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `strategy-align: not a git repository: ${dir}\n`);
    rmSync(dir, { recursive: true });
  });

  it('without strategy.yaml', async () => {
    const repo = TestRepo.create();
    repo.commit('init');
    const run = await cliHere(repo.dir, ['report']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^strategy-align: no strategy\.yaml in .*\n$/);
    repo.cleanup();
  });

  it('with an invalid strategy.yaml, naming file, line and column', async () => {
    const repo = TestRepo.create();
    repo.write('strategy.yaml', 'version: 1\ngoals:\n  - id: Bad_Id\n    title: x\n');
    repo.commit('init');
    const run = await cliHere(repo.dir, ['check']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^strategy-align: strategy\.yaml is invalid: strategy\.yaml:3:\d+: error: .*\n$/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    repo.cleanup();
  });

  it('unknown commands and no command', async () => {
    assert.equal(cli(tmpdir(), ['frobnicate']).code, 2);
    const bare = cli(tmpdir(), []);
    assert.equal(bare.code, 2);
    assert.match(bare.stdout, /Usage: strategy-align <command>/);
  });

  it('--help on every command exits 0', async () => {
    for (const command of ['report', 'check', 'validate', 'tag-branch', 'tag-commit', 'hook']) {
      const run = await builtHere(tmpdir(), [command, '--help']); // the built file in this process; `--help` below spawns it
      assert.equal(run.code, 0, command);
      assert.match(run.stdout, new RegExp(`Usage: strategy-align ${command}`));
    }
    assert.equal(cli(tmpdir(), ['--help']).code, 0);
  });
});
