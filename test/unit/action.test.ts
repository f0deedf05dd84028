// The GitHub Action (action.yml) as a workflow runs it: its steps run by a model of the runner
// (helpers/actionRunner.ts) in a checkout cloned with depth 1 from an origin with history, a pushed
// branch and a pushed note, installing the package `npm pack` makes of this build.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { parse } from 'yaml';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { type ActionFile, type ActionRun, loadAction, runAction } from './helpers/actionRunner';
import { cli } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const ROOT = join(__dirname, '..', '..', '..');
const ONE_LINE_ERROR = /^::error title=Strategy Align::[^\n]+$/;

const STRATEGY = `version: 1
goals:
  - id: checkout
    title: Faster checkout
  - id: onboarding
    title: Self-serve onboarding
`;

/** The job's environment: this process's, without what npm run or a real runner would add. */
function jobEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|GITHUB_|RUNNER_|INPUT_)/i.test(k)) env[k] = v;
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.includes(`node_modules${sep}.bin`))
    .join(delimiter);
  env.npm_config_prefer_offline = 'true'; // the npm cache first: this test wants no network
  env.npm_config_update_notifier = 'false';
  return env;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trimEnd();
}

describe('the GitHub Action (action.yml) on a depth-1 checkout', function () {
  this.timeout(120_000); // a last guard: npm install of the tarball is the slow part
  let action: ActionFile;
  let root: string;
  let tarball: string;
  let dev: TestRepo;
  let origin: string;
  let originNoNotes: string;
  let noted: string;
  let full: AlignmentReport;

  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'run npm run build first');
    action = loadAction(join(ROOT, 'action.yml'));
    root = mkdtempSync(join(tmpdir(), 'sa-action-'));
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], {
      cwd: ROOT,
      env: jobEnv(),
      encoding: 'utf8',
    });
    tarball = join(root, (JSON.parse(packed) as { filename: string }[])[0].filename);

    // A developer's clone: history on main, a tagged topic branch, a note; all pushed to origin.
    dev = TestRepo.create();
    dev.write('strategy.yaml', STRATEGY);
    dev.commit('Add the strategy');
    dev.commit('Cache the cart\n\nGoal: checkout');
    dev.commit('Fix a typo');
    noted = dev.commit('Welcome e-mail');
    dev.commit('Inline the payment form\n\nGoal: checkout');
    dev.branch('topic');
    dev.commit('Signup wizard\n\nGoal: onboarding');
    dev.checkout('main');
    dev.commit('Checkout in one step\n\nGoal: checkout');
    dev.commit('Bump the year in the footer');
    dev.git(['notes', '--ref=goals', 'add', '-m', 'Goal: onboarding', noted]);
    origin = join(root, 'origin.git');
    git(root, ['init', '-q', '--bare', origin]);
    dev.git(['remote', 'add', 'origin', origin]);
    dev.git(['push', '-q', 'origin', 'main', 'topic', 'refs/notes/goals']);
    originNoNotes = join(root, 'origin-no-notes.git');
    git(root, ['clone', '-q', '--bare', origin, originNoNotes]);

    const run = cli(dev.dir, ['report', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    full = JSON.parse(run.stdout) as AlignmentReport;
    // The full-history picture the checkout must reach: 8 commits, the noted one counted.
    assert.equal(full.totals.commits, 8);
    assert.equal(full.goals.find((g) => g.id === 'onboarding')!.commits, 2);
  });
  after(() => {
    dev?.cleanup();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  let n = 0;
  /**
   * What actions/checkout leaves by default: one commit, no other branch, no notes. `clone` is a
   * `git clone --depth 1`; `checkout@v4` repeats that action's own commands for a push to main
   * (init, remote add, a depth-1 fetch of the pushed sha, checkout -B: no origin/HEAD either).
   */
  function checkout(from: string, how: 'clone' | 'checkout@v4' = 'clone'): { workspace: string; runnerTemp: string } {
    const job = join(root, `job-${++n}`);
    const workspace = join(job, 'workspace');
    const runnerTemp = join(job, 'temp');
    mkdirSync(runnerTemp, { recursive: true });
    if (how === 'clone') {
      git(root, ['clone', '-q', '--depth', '1', `file://${from}`, workspace]);
    } else {
      mkdirSync(workspace);
      git(workspace, ['init', '-q']);
      git(workspace, ['remote', 'add', 'origin', `file://${from}`]);
      const sha = git(from, ['rev-parse', 'refs/heads/main']);
      git(workspace, [
        '-c',
        'protocol.version=2',
        'fetch',
        '-q',
        '--no-tags',
        '--prune',
        '--depth=1',
        'origin',
        `+${sha}:refs/remotes/origin/main`,
      ]);
      git(workspace, ['checkout', '-q', '--force', '-B', 'main', 'refs/remotes/origin/main']);
    }
    assert.equal(git(workspace, ['rev-list', '--count', '--all']), '1');
    return { workspace, runnerTemp };
  }

  function run(where: { workspace: string; runnerTemp: string }, inputs: Record<string, string>): Promise<ActionRun> {
    return runAction(action, { actionPath: ROOT, ...where, inputs, env: jobEnv() });
  }

  it('brings in the history, branches and notes, passes, and writes the report to the job summary', async () => {
    const where = checkout(origin);
    assert.notEqual(
      spawnSync('bash', ['-c', 'command -v strategy-align'], { env: jobEnv() }).status,
      0,
      'strategy-align must not be on the job PATH already',
    );
    const result = await run(where, { package: tarball, 'max-untagged': '50', 'min-top': '40' });
    assert.equal(result.code, 0, result.log);
    assert.equal(result.stepsRun, 3);
    assert.equal(result.outputs.verdict, 'passed');
    assert.equal(result.outputs.version, cli(ROOT, ['--version']).stdout.trim());
    assert.match(result.log, /✓ strategy check passed \(8 commits, untagged 38%\)/);

    const { workspace } = where;
    assert.equal(git(workspace, ['rev-parse', '--is-shallow-repository']), 'false');
    assert.match(git(workspace, ['notes', '--ref=goals', 'list']), new RegExp(` ${noted}$`));
    assert.ok(git(workspace, ['rev-parse', '--verify', 'refs/remotes/origin/topic']));

    assert.ok(result.summary.startsWith('### ✅ Strategy check passed\n'), result.summary);
    assert.ok(result.summary.includes(`**${full.totals.commits} commits**`), result.summary);
    for (const g of full.goals)
      assert.ok(
        result.summary.includes(`| ${g.rank} | ${g.title} (\`${g.id}\`) | ${g.status} | ${g.commits} |`),
        `${g.id}:\n${result.summary}`,
      );
    assert.ok(result.summary.includes(`| *untagged* |  | ${full.untagged.commits} |`), result.summary);

    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as AlignmentReport;
    assert.deepEqual(report.totals, full.totals);
    assert.deepEqual(
      report.goals.map((g) => [g.id, g.commits]),
      full.goals.map((g) => [g.id, g.commits]),
    );
  });

  it("fails the job (exit 1) when a rule fails, after checkout@v4's own fetch from an origin without notes, and says why in the summary", async () => {
    const where = checkout(originNoNotes, 'checkout@v4');
    const result = await run(where, { package: tarball, 'max-untagged': '10', inversions: 'false' });
    assert.equal(
      git(where.workspace, ['symbolic-ref', 'refs/remotes/origin/HEAD']),
      'refs/remotes/origin/main',
      'the base branch comes from the remote',
    );
    assert.ok(git(where.workspace, ['rev-parse', '--verify', 'refs/remotes/origin/topic']));
    assert.equal(result.code, 1, result.log);
    assert.equal(result.stepsRun, 3);
    assert.equal(result.outputs.verdict, 'failed');
    assert.match(result.log, /✗ untagged work is 50% of effort, above --max-untagged 10%/);
    assert.ok(
      result.summary.startsWith('### ❌ Strategy check failed\n\n- untagged work is 50% of effort, above --max-untagged 10%\n'),
      result.summary,
    );
    assert.ok(result.summary.includes('**8 commits**'), result.summary);
    assert.ok(result.summary.includes('| 2 | Self-serve onboarding (`onboarding`) | active | 1 |'), result.summary);
    assert.equal((JSON.parse(readFileSync(result.outputs.report, 'utf8')) as AlignmentReport).totals.commits, 8);
  });

  it('compares with the previous period when asked: in the summary, and in the JSON report that merge combines', async () => {
    const where = checkout(origin);
    const result = await run(where, { package: tarball, since: '30d', compare: 'previous' });
    assert.equal(result.code, 0, result.log);
    assert.equal(result.outputs.verdict, 'passed');
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as AlignmentReport;
    assert.ok(report.comparison, 'the JSON report has the comparison');
    assert.ok(report.comparison.parts, 'with the parts strategy-align merge needs');
    assert.equal(
      Date.parse(report.range.since!) - Date.parse(report.comparison.range.until!),
      1,
      'the previous period ends where the range starts',
    );
    const length = Date.parse(report.generatedAt) - Date.parse(report.range.since!); // an open range runs to the report's clock
    assert.equal(Date.parse(report.range.since!) - Date.parse(report.comparison.range.since!), length, 'and is as long');
    assert.ok(result.summary.includes('Compared with'), result.summary);
    for (const g of report.comparison.goals) assert.ok(result.summary.includes(g.title), `${g.id} in the comparison:\n${result.summary}`);
  });

  it('fails in one line that says what to add to the workflow when the checkout has no remote', async () => {
    const where = checkout(origin);
    git(where.workspace, ['remote', 'remove', 'origin']);
    const result = await run(where, { package: tarball });
    assert.equal(result.code, 2, result.log);
    assert.equal(result.stepsRun, 1, 'nothing installed or checked');
    const lines = result.log.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, result.log);
    assert.match(lines[0], ONE_LINE_ERROR);
    assert.match(lines[0], /no remote 'origin'.*fetch-depth: 0.*git fetch origin refs\/notes\/goals:refs\/notes\/goals/);
    assert.equal(result.summary, '');
    assert.equal(result.outputs.verdict, '');
  });

  it('refuses an input that is not true or false before fetching or installing anything', async () => {
    const where = checkout(origin);
    const result = await run(where, { package: tarball, 'long-running': 'yes' });
    assert.equal(result.code, 2, result.log);
    assert.equal(result.stepsRun, 1);
    assert.match(result.log.trim(), ONE_LINE_ERROR);
    assert.match(result.log, /input long-running must be true or false, got 'yes'/);
    assert.equal(git(where.workspace, ['rev-parse', '--is-shallow-repository']), 'true');
    const compare = await run(where, { package: tarball, compare: 'last' });
    assert.equal(compare.code, 2, compare.log);
    assert.equal(compare.stepsRun, 1);
    assert.match(compare.log.trim(), ONE_LINE_ERROR);
    assert.match(compare.log, /input compare must be previous or empty, got 'last'/);
  });

  it("the README's copy-paste workflow parses and passes only inputs action.yml declares", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /Copy to\s+`\.github\/workflows\/strategy\.yml`:\s*```yaml\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'the workflow block after "Copy to `.github/workflows/strategy.yml`:"');
    const workflow = parse(block[1]) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    assert.match(steps[0].uses ?? '', /^actions\/checkout@/);
    const ours = steps.filter((s) => s.uses?.startsWith('strategy-align/strategy-align@'));
    assert.equal(ours.length, 1);
    const used = Object.keys(ours[0].with ?? {});
    assert.ok(used.length > 0);
    for (const name of used) assert.ok(name in action.inputs, `README passes '${name}', not an input of action.yml`);
  });

  it('the runner model refuses expressions it does not evaluate (so this test cannot drift from action.yml)', async () => {
    const file = join(root, 'bad-action.yml');
    const steps = '  steps:\n    - id: a\n      shell: bash\n';
    writeFileSync(file, `inputs: { x: { default: '' } }\nruns:\n  using: composite\n${steps}      run: echo "\${{ inputs.x }}"\n`);
    assert.throws(() => loadAction(file), /an expression inside run:/);
    writeFileSync(file, `inputs: {}\nruns:\n  using: composite\n${steps}      env: { A: "\${{ github.sha }}" }\n      run: echo\n`);
    const where = { workspace: root, runnerTemp: join(root, 'bad-temp') };
    await assert.rejects(runAction(loadAction(file), { actionPath: ROOT, ...where, env: jobEnv() }), /github\.sha .*does not evaluate/);
    writeFileSync(file, `inputs: {}\nruns:\n  using: composite\n${steps}      if: \${{ always() }}\n      run: echo\n`);
    assert.throws(() => loadAction(file), /keys this runner does not model: if/);
  });
});
