// The printed-output cache (src/cli/printed.ts): a report or check whose command line, environment
// and inputs match a saved run prints that run's output with its own clock, and anything else
// renders again. Each case runs the built CLI (dist/cli.js) and compares with a full scan.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtHere, cli, cliHere, type CliRun } from './helpers/cli';
import { buildScenario, day, nearScenarioHour, type Scenario } from './helpers/scenario';

const REPORT = ['report', '--format', 'json', '--since', 'all'];
const withoutClock = (run: CliRun) => `${run.code}\n${run.stdout.replace(/"generatedAt": "[^"]*"/, '')}\n${run.stderr}`;

describe('strategy-align report and check printing a saved output (printed.ts)', () => {
  let scenario: Scenario;
  let dir: string;
  let folder: string;
  let history: string;

  before(() => {
    scenario = buildScenario();
    dir = scenario.repo.dir;
    folder = join(dir, '.git', 'strategy-align', 'printed');
    history = join(dir, '.git', 'strategy-align', 'history.bin');
  });
  after(() => scenario.repo.cleanup());

  /**
   * Runs `args` until its output is saved (a full scan, then a warm run that saves what it printed),
   * with the built CLI in this process: the replays under test are real processes.
   */
  async function savedRun(args: string[], env: Record<string, string> = {}): Promise<void> {
    rmSync(folder, { recursive: true, force: true });
    await builtHere(dir, args, env);
    await builtHere(dir, args, env);
    if (!nearScenarioHour()) assert.equal(readdirSync(folder).length, 1, `saved: ${args.join(' ')}`);
  }

  /** The next run of `args` prints the saved output: it reads no history nor saved scan (both deleted first). */
  function replayed(args: string[], env: Record<string, string> = {}): CliRun {
    rmSync(history, { force: true });
    rmSync(join(dir, '.git', 'strategy-align', 'reports.bin'), { force: true });
    const run = cli(dir, args, env);
    if (!nearScenarioHour()) assert.equal(existsSync(history), false, `${args.join(' ')}: printed from the saved output`);
    return run;
  }

  it('prints the saved output with the clock of this run', async () => {
    await savedRun(REPORT);
    const before = Date.now();
    const run = replayed(REPORT);
    const clock = Date.parse(/"generatedAt": "([^"]*)"/.exec(run.stdout)![1]);
    assert.ok(clock >= before && clock <= Date.now(), 'generatedAt is this run’s');
    assert.equal(withoutClock(run), withoutClock(await cliHere(dir, [...REPORT, '--no-cache'])));
  });

  it('answers only the same command line and environment', async () => {
    await savedRun(REPORT);
    const others: [string, string[], Record<string, string>][] = [
      ['another format', ['report', '--format', 'md', '--since', 'all'], {}],
      ['another range', ['report', '--format', 'json', '--since', day(30).slice(0, 10)], {}],
      ['the same options in another order', ['report', '--since', 'all', '--format', 'json'], {}],
      ['a check', ['check', '--since', 'all', '--max-untagged', '1'], {}],
    ];
    for (const [what, args] of others) {
      const run = cli(dir, args);
      assert.equal(withoutClock(run), withoutClock(await cliHere(dir, [...args, '--no-cache'])), what);
    }
    const text = ['report', '--since', 'all'];
    await savedRun(text, { COLUMNS: '120', NO_COLOR: '1' });
    for (const env of [
      { COLUMNS: '60', NO_COLOR: '1' },
      { COLUMNS: '120', FORCE_COLOR: '1' },
    ]) {
      const expected = await cliHere(dir, [...text, '--no-cache'], env);
      assert.equal(cli(dir, text, env).stdout, expected.stdout, `text under ${JSON.stringify(env)}`);
    }
  });

  it('replays a failed check with its exit code, and never skips a side effect', async () => {
    const check = ['check', '--since', 'all', '--max-untagged', '1'];
    await savedRun(check);
    const run = replayed(check);
    assert.equal(run.code, 1, 'the check still fails');
    assert.equal(withoutClock(run), withoutClock(await cliHere(dir, [...check, '--no-cache'])));
    const out = mkdtempSync(join(tmpdir(), 'sa-printed-'));
    try {
      const summary = join(out, 'summary.md');
      for (let i = 0; i < 3; i++) cli(dir, check, { GITHUB_STEP_SUMMARY: summary });
      assert.equal(readFileSync(summary, 'utf8').match(/Strategy check failed/g)?.length, 3, 'every run appends its summary');
      for (let i = 0; i < 3; i++) {
        rmSync(join(out, 'r.json'), { force: true });
        cli(dir, [...REPORT, '--out', join(out, 'r.json')]);
        assert.ok(existsSync(join(out, 'r.json')), `--out run ${i + 1} writes its file`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('renders again when the saved output is out of its time, corrupt or truncated, or the repository moved', async () => {
    const reference = async () => withoutClock(await cliHere(dir, [...REPORT, '--no-cache']));
    const edits: [string, (text: string) => string][] = [
      ['out of its time', (text) => text.replace(/"until":\d+/, '"until":1')],
      ['another exit code', (text) => text.replace('"code":0', '"code":1')],
      ['a changed character in the output', (text) => text.replace('"measure": "commits"', '"measure": "commitz"')],
      ['truncated', (text) => text.slice(0, text.length - 30)],
    ];
    for (const [what, edit] of edits) {
      await savedRun(REPORT);
      const file = join(folder, readdirSync(folder)[0]);
      const edited = edit(readFileSync(file, 'utf8'));
      writeFileSync(file, edited);
      assert.equal(withoutClock(cli(dir, REPORT)), await reference(), what);
      // A printed output is never written again; a report made again saves its output anew.
      if (!nearScenarioHour()) assert.notEqual(readFileSync(file, 'utf8'), edited, `${what}: not printed, the report is made again`);
    }
    await savedRun(REPORT);
    scenario.repo.commit('after the saved output\n\nGoal: onboarding');
    assert.equal(withoutClock(cli(dir, REPORT)), await reference(), 'a new commit');
  });
});
