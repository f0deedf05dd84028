// The warm `report` and `check` (a saved scan, read by the built CLI without reading the history)
// must never change a number: after every kind of change to a real repository, the first run and
// the next one print exactly what a full scan without any cache prints, and the next one really is
// warm (it reads no history: the history file deleted before it is not written again).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { builtHere, cli, cliHere, type CliRun } from './helpers/cli';
import { buildScenario, day, nearScenarioHour, SCENARIO_STRATEGY, type Scenario } from './helpers/scenario';

const REPORT = ['report', '--format', 'json', '--since', 'all'];

/** What a run printed, without the clock (generatedAt). */
function printed(run: CliRun): string {
  return `${run.code}\n${run.stdout.replace(/"generatedAt": "[^"]*"/, '')}\n${run.stderr}`;
}

/** A POSIX TZ in which it is now 23:xx local time: the next hour is another day. */
function elevenAtNight(): string {
  return `SAT${new Date().getUTCHours() - 23}`; // STD offset: local = UTC - offset
}

describe('strategy-align report and check from a saved scan (the warm path)', () => {
  let scenario: Scenario;
  let dir: string;
  let history: string;
  let saved: string;

  before(() => {
    scenario = buildScenario();
    dir = scenario.repo.dir;
    history = join(dir, '.git', 'strategy-align', 'history.bin');
    saved = join(dir, '.git', 'strategy-align', 'reports.bin');
  });
  after(() => scenario.repo.cleanup());

  /**
   * Full scan (no cache) == first run == next run, and the next run reads no history. The full scan,
   * the reference, runs in this process (the same runCli) unless git must see `env`; the runs under
   * test are the built CLI's: the first two in this process (builtHere, the same built file and its
   * saved files), the third, answered by dist/cli.js alone, as a real process.
   */
  async function agree(what: string, args = REPORT, env: Record<string, string> = {}): Promise<void> {
    const reference = [...args, '--no-cache'];
    const real = Object.keys(env).length > 0; // git must see env: every run is a process
    const full = printed(real ? cli(dir, reference, env) : await cliHere(dir, reference));
    const built = async (): Promise<CliRun> => (real ? cli(dir, args, env) : builtHere(dir, args));
    assert.equal(printed(await built()), full, `first run after: ${what}`);
    rmSync(history, { force: true });
    assert.equal(printed(await built()), full, `next run after: ${what}`);
    assert.equal(existsSync(history), false, `${what}: the next run is warm (no history read or written)`);
    // The run after it prints what that one printed (printed.ts): it reads neither the history nor the saved scans.
    const scans = readFileSync(saved);
    rmSync(saved);
    assert.equal(printed(cli(dir, args, env)), full, `third run after: ${what}`);
    if (!nearScenarioHour())
      assert.equal(existsSync(history) || existsSync(saved), false, `${what}: the third run prints the saved output`);
    writeFileSync(saved, scans);
  }

  it("gives the full scan's report, check, formats and measures, and keeps them beside the history", async () => {
    await agree('first scan');
    assert.ok(existsSync(saved), 'saved in the cache folder under the git common dir');
    for (const measure of ['days', 'churn']) await agree(`measure ${measure}`, [...REPORT, '--measure', measure]);
    await agree('check with rules', ['check', '--since', 'all', '--max-untagged', '90', '--no-long-running']);
    await agree('text', ['report', '--since', 'all']);
    await agree('markdown, default range', ['report', '--format', 'md']);
  });

  it('follows commits, amend, rebase and gc', async () => {
    scenario.repo.checkout('main');
    scenario.repo.commit('main later\n\nGoal: onboarding', { date: day(1) });
    await agree('commit on the base');
    scenario.repo.branch('onboarding/warm');
    scenario.repo.commit('warm 1', { date: day(1, 11) });
    await agree('commit on a new branch');
    scenario.repo.git(['commit', '-q', '--amend', '-m', 'warm 1, amended\n\nGoal: observability']);
    await agree('amend');
    scenario.repo.checkout('main');
    scenario.repo.commit('main again', { date: day(1, 12) });
    scenario.repo.checkout('onboarding/warm');
    scenario.repo.git(['rebase', '-q', 'main']);
    await agree('rebase');
    scenario.repo.git(['reflog', 'expire', '--expire=now', '--all']);
    scenario.repo.git(['gc', '-q', '--prune=now']);
    await agree('gc (refs packed)');
    scenario.repo.checkout('main');
    await agree('another branch checked out');
  });

  it('follows branches renamed and deleted, branch goals, notes and the remote HEAD', async () => {
    scenario.repo.git(['branch', '-m', 'onboarding/warm', 'warm']);
    await agree('rename');
    scenario.repo.git(['config', 'branch.warm.goal', 'faster-checkout']);
    await agree('branch goal set');
    scenario.repo.git(['config', '--unset', 'branch.warm.goal']);
    await agree('branch goal unset');
    scenario.repo.git(['branch', '-D', 'warm']);
    await agree('delete');
    scenario.repo.git(['notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: observability', 'HEAD']);
    await agree('note added');
    scenario.repo.git(['notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: onboarding', 'HEAD']);
    await agree('note changed');
    scenario.repo.git(['notes', '--ref=refs/notes/goals', 'remove', 'HEAD']);
    await agree('note removed');
    const main = scenario.repo.git(['rev-parse', 'main']).trim();
    scenario.repo.git(['update-ref', 'refs/remotes/origin/main', main]);
    scenario.repo.git(['update-ref', 'refs/remotes/origin/trunk', `${main}~1`]);
    scenario.repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
    await agree('a remote with its HEAD');
    scenario.repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk']);
    await agree('the remote HEAD moved to another branch');
  });

  it('follows branch goals from every config file git reads: an include, the global config, the environment', async () => {
    scenario.repo.branch('keyed', 'main');
    scenario.repo.commit('keyed work', { date: day(1, 13) });
    scenario.repo.checkout('main');
    const included = join(dir, '..', `${dir.split('/').pop()}-included`);
    const global = join(dir, '..', `${dir.split('/').pop()}-global`);
    try {
      writeFileSync(included, '[branch "keyed"]\n\tgoal = onboarding\n');
      scenario.repo.git(['config', 'include.path', included]);
      await agree('a branch goal in an included file');
      writeFileSync(included, '[branch "keyed"]\n\tgoal = observability\n');
      await agree('the included file changed');
      writeFileSync(global, `${readFileSync(process.env.GIT_CONFIG_GLOBAL!, 'utf8')}[branch "keyed"]\n\tgoal = faster-checkout\n`);
      scenario.repo.git(['config', '--unset', 'include.path']);
      await agree('a branch goal in another global config', REPORT, { GIT_CONFIG_GLOBAL: global });
      await agree('that global config no longer used');
      await agree('GIT_DIR set: the fingerprint asked of git', REPORT, { GIT_DIR: join(dir, '.git') });
    } finally {
      rmSync(included, { force: true });
      rmSync(global, { force: true });
    }
  });

  it('follows strategy.yaml: trailer key, goals, base, churn exclusions, a past due date', async () => {
    const edit = (text: string) => writeFileSync(join(dir, 'strategy.yaml'), text);
    edit(`${SCENARIO_STRATEGY}  trailer: Squashed\n`);
    await agree('trailer key');
    edit(SCENARIO_STRATEGY.replace('  - id: onboarding\n    title: Self-serve onboarding\n    share: 30\n', ''));
    await agree('a goal removed');
    scenario.repo.branch('trunk', 'main', false);
    edit(`${SCENARIO_STRATEGY}  base: trunk\n`);
    await agree('base');
    edit(`${SCENARIO_STRATEGY}  churn: { exclude: ['*.md'] }\n`);
    await agree('churn exclusions', [...REPORT, '--measure', 'churn']);
    edit(SCENARIO_STRATEGY.replace('    share: 20\n', '    share: 20\n    due: 2020-01-01\n'));
    await agree('an active goal past its due date');
    // The saved scan holds for today's date: where midnight comes within the hour, the output holds a minute, not an hour.
    rmSync(saved); // no scan saved for tomorrow's date in another zone
    await agree('a past due date, at eleven at night', REPORT, { TZ: elevenAtNight() });
    edit('version: 1\ngoals: [oops\n');
    await agree('strategy.yaml broken');
    edit(SCENARIO_STRATEGY);
    await agree('strategy.yaml as it was');
  });

  it('keeps a saved report for every range that holds the same commits, and only for those', async () => {
    // The scenario's commits are 1 to 30 days old: before all, between two, on the newest day.
    for (const since of [day(40), day(30), day(11), day(0)])
      await agree(`--since ${since.slice(0, 10)}`, [...REPORT.slice(0, 3), '--since', since.slice(0, 10)]);
    for (const until of [day(12), day(3)]) await agree(`--until ${until.slice(0, 10)}`, [...REPORT, '--until', until.slice(0, 10)]);
    // Another start with the same commits (as `--since 90d` moves with the clock): warm, with its own range.
    await agree('--since 40 days ago', [...REPORT.slice(0, 3), '--since', day(40).slice(0, 10)]);
    const other = [...REPORT.slice(0, 3), '--since', day(35).slice(0, 10)];
    rmSync(history, { force: true });
    assert.equal(printed(cli(dir, other)), printed(await cliHere(dir, [...other, '--no-cache'])));
    assert.equal(existsSync(history), false, 'the report saved for 40 days serves 35 days: no commit in between');
  });

  it('scans again when the saved file is corrupt, truncated, of another version or another build', async () => {
    await agree('before');
    const good = readFileSync(saved);
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    const variants: [string, Buffer][] = [
      ['a flipped byte', flipped],
      ['truncated', good.subarray(0, good.length - 10)],
      [
        'another version',
        withChecksum(
          Buffer.from(
            good
              .subarray(0, good.length - 20)
              .toString('latin1')
              .replace('"version":1', '"version":2'),
            'latin1',
          ),
        ),
      ],
      [
        'another build',
        withChecksum(
          Buffer.from(
            good
              .subarray(0, good.length - 20)
              .toString('latin1')
              .replace(/"key":"[0-9a-f]+"/g, `"key":"${'0'.repeat(40)}"`),
            'latin1',
          ),
        ),
      ],
    ];
    for (const [what, bytes] of variants) {
      writeFileSync(saved, bytes);
      rmSync(join(dir, '.git', 'strategy-align', 'printed'), { recursive: true, force: true }); // that run's output, saved
      rmSync(history, { force: true });
      assert.equal(printed(cli(dir, REPORT)), printed(await cliHere(dir, [...REPORT, '--no-cache'])), what);
      assert.ok(existsSync(history), `${what}: not used, the history is scanned`);
    }
  });
});

/** `body` (magic and JSON) with its valid checksum (SHA-1) after it. */
function withChecksum(body: Buffer): Buffer {
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}
