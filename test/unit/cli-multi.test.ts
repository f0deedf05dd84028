// Several repositories in one report (`report --repo A --repo B`, `--repos`, `--strategy`) and
// `merge` of JSON reports, on real repositories: the combination is what one run over all their
// commits gives, merge of per-repository JSONs is the same report, and bad input is one line.
import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliHere, json, timeless } from './helpers/cli';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - id: speed
    title: Faster pages
    share: 60
  - id: docs
    title: Better docs
    share: 40
`;
/** B's own strategy: 'docs' titled differently, 'speed' missing. */
const B_STRATEGY = `version: 1
goals:
  - id: docs
    title: Documentation
`;
const ALICE = { name: 'Alice', email: 'Alice@Example.com' };
const BOB = { name: 'Bob', email: 'bob@example.com' };
const CAROL = { name: 'Carol', email: 'carol@example.com' };

interface Made {
  message: string;
  date: string;
  author: typeof ALICE;
  files: Record<string, string>;
}

/** A's and B's commits; alice works in both on day 3 (one active day split by both days' commits). */
const A_COMMITS: Made[] = [
  { message: 'Cache pages\n\nGoal: speed', date: day(3, 10), author: ALICE, files: { 'a1.txt': 'one\ntwo\n' } },
  { message: 'Tidy', date: day(3, 11), author: ALICE, files: { 'a2.txt': 'x\n' } },
  { message: 'Guide\n\nGoal: docs', date: day(2, 9), author: BOB, files: { 'a3.txt': 'g\nu\ni\nd\ne\n' } },
];
const B_COMMITS: Made[] = [
  { message: 'Explain caching\n\nGoal: docs', date: day(3, 12), author: ALICE, files: { 'b1.txt': 'why\n' } },
  { message: 'Faster build\n\nGoal: speed', date: day(1, 8), author: ALICE, files: { 'b2.txt': 'f\na\ns\n' } },
  { message: 'Moon\n\nGoal: moonshot', date: day(2, 15), author: CAROL, files: { 'b3.txt': 'm\n' } },
];

/** A repository in `root`/`name` (a repository is named by its folder), with `strategy` and `commits`. */
function makeRepo(root: string, name: string, strategy: string | undefined, commits: Made[]): TestRepo {
  const made = TestRepo.create();
  const dir = join(root, name);
  mkdirSync(root, { recursive: true });
  renameSync(made.dir, dir);
  const repo = Object.assign(Object.create(TestRepo.prototype) as TestRepo, made, { dir });
  if (strategy !== undefined) repo.write('strategy.yaml', strategy);
  repo.commit('Initial', { date: day(5, 8), author: ALICE, files: { 'init.txt': 'init\n' } });
  for (const c of commits) repo.commit(c.message, { date: c.date, author: c.author, files: c.files });
  return repo;
}

describe('strategy-align report over several repositories, and merge', () => {
  let root: string;
  let a: TestRepo;
  let b: TestRepo;
  let both: TestRepo;
  let strategyFile: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sa-multi-'));
    a = makeRepo(root, 'alpha', STRATEGY, A_COMMITS);
    b = makeRepo(root, 'beta', B_STRATEGY, B_COMMITS);
    // One repository with both histories: beta's initial commit too (with as many lines as beta's strategy.yaml, for churn).
    const betaInitial = { message: 'Initial', date: day(5, 8), author: ALICE, files: { 'init2.txt': 'init\n', 'pad.txt': '1\n2\n3\n4\n' } };
    both = makeRepo(join(root, 'one'), 'both', STRATEGY, [betaInitial, ...A_COMMITS, ...B_COMMITS]);
    strategyFile = join(root, 'strategy.yaml');
    writeFileSync(strategyFile, STRATEGY);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const measure of ['commits', 'days', 'churn']) {
    it(`gives what one run over all the commits gives (${measure})`, async () => {
      const args = ['report', '--format', 'json', '--since', 'all', '--measure', measure, '--no-cache'];
      const combined = json(await cliHere(root, [...args, '--repo', a.dir, '--repo', b.dir, '--strategy', strategyFile]));
      const one = json(await cliHere(root, [...args, '--repo', both.dir]));
      // The same commits, authors and days: every number but the branches (none here) and the warnings agree exactly.
      for (const field of ['totals', 'goals', 'unknownGoals', 'untagged', 'alignment', 'weeks', 'measure', 'range'] as const)
        assert.deepEqual(combined[field], one[field], field);
      if (measure === 'days') {
        // alice on day 3: speed, untagged (alpha) and docs (beta) share one day
        const docs = combined.goals.find((g) => g.id === 'docs')!;
        assert.equal(docs.activeDays, 2);
        assert.ok(Math.abs(docs.effort - 4 / 3) < 1e-9, String(docs.effort));
      }
    });
  }

  it('--compare previous over several repositories is the comparison one run over all the commits gives', async () => {
    // A closed range (an open one's previous period moves with the clock): days 3 to 1 ago, after days 6 to 4.
    const range = ['--since', day(3).slice(0, 10), '--until', day(1).slice(0, 10)];
    const args = ['report', '--format', 'json', ...range, '--compare', 'previous', '--no-cache'];
    const combined = json(await cliHere(root, [...args, '--repo', a.dir, '--repo', b.dir, '--strategy', strategyFile]));
    const one = json(await cliHere(root, [...args, '--repo', both.dir]));
    const c = combined.comparison!;
    assert.ok(c, 'a comparison');
    for (const field of ['range', 'goals', 'untagged', 'attributedShare', 'summary'] as const)
      assert.deepEqual(c[field], one.comparison![field], field);
    // The previous period's shares are those of a report over that period, and something moved between the two.
    const before = json(
      await cliHere(root, [
        'report',
        '--format',
        'json',
        '--since',
        c.range.since!,
        '--until',
        c.range.until!,
        '--no-cache',
        '--repo',
        a.dir,
        '--repo',
        b.dir,
        '--strategy',
        strategyFile,
      ]),
    );
    assert.deepEqual(
      c.goals.map((g) => [g.id, g.previousShare, g.share]),
      combined.goals.map((g) => [g.id, before.goals.find((x) => x.id === g.id)!.share, g.share]),
    );
    assert.ok(c.goals.some((g) => g.change !== 0));
  });

  it('starts no git process itself over several repositories: its helper starts them (each would fork the report process)', async function () {
    if (process.env.SA_GIT_HELPER) this.skip(); // that mode starts every suite's git from a helper: nothing to tell apart
    const started: string[] = [];
    const spawn = childProcess.spawn;
    const counting = ((file: string, ...rest: unknown[]) => {
      started.push(file === process.execPath ? 'helper' : file);
      return (spawn as (...args: unknown[]) => childProcess.ChildProcess)(file, ...rest);
    }) as typeof childProcess.spawn;
    childProcess.spawn = counting;
    try {
      const args = ['report', '--format', 'json', '--since', 'all', '--no-cache'];
      const alone = json(await cliHere(root, [...args, '--repo', a.dir]));
      assert.ok(started.includes('git') && !started.includes('helper'), `one repository: git from here (${started.join(', ')})`);
      started.length = 0;
      const combined = json(await cliHere(root, [...args, '--repo', a.dir, '--repo', b.dir, '--strategy', strategyFile]));
      assert.deepEqual(started, ['helper'], 'several: only the helper was started here');
      assert.deepEqual(combined.repositories!.find((r) => r.name === 'alpha')!.totals, alone.totals, 'and the numbers are the same');
    } finally {
      childProcess.spawn = spawn;
    }
  });

  it('sums the repositories: totals, goals and each repository beside them', async () => {
    const args = ['report', '--format', 'json', '--since', 'all', '--no-cache'];
    const alpha = json(await cliHere(root, [...args, '--repo', a.dir]));
    const beta = json(await cliHere(root, [...args, '--repo', b.dir, '--strategy', strategyFile]));
    const combined = json(await cliHere(root, [...args, '--repo', a.dir, '--repo', b.dir, '--strategy', strategyFile]));
    for (const key of ['commits', 'explicit', 'untagged', 'trailer', 'attributed'] as const)
      assert.equal(combined.totals[key], alpha.totals[key] + beta.totals[key], key);
    for (const goal of combined.goals) {
      const sum = [alpha, beta].reduce((s, r) => s + r.goals.find((g) => g.id === goal.id)!.commits, 0);
      assert.ok(Math.abs(goal.commits - sum) < 1e-9, goal.id);
    }
    assert.deepEqual(
      combined.repositories!.map((r) => r.name),
      ['alpha', 'beta'],
    );
    for (const [i, own] of [alpha, beta].entries()) {
      const entry = combined.repositories![i];
      assert.deepEqual(entry.totals, own.totals);
      assert.deepEqual(
        entry.goals,
        own.goals.map((g) => ({ id: g.id, commits: g.commits, share: g.share, effort: g.effort })),
      );
    }
    assert.equal(alpha.repository?.name, 'alpha');
    assert.equal(alpha.parts?.length, 1);
    assert.ok(!JSON.stringify(combined).toLowerCase().includes('alice@example.com'), 'no email in the JSON');
  });

  it('merge of per-repository JSONs is the report over both (commits, days), and a combined report merges too', async () => {
    const dir = mkdtempSync(join(root, 'merge-'));
    for (const measure of ['commits', 'days']) {
      const args = ['report', '--format', 'json', '--since', 'all', '--measure', measure];
      assert.equal((await cliHere(dir, [...args, '--repo', a.dir, '--out', 'a.json'])).code, 0);
      assert.equal((await cliHere(dir, [...args, '--repo', b.dir, '--out', 'b.json'])).code, 0);
      const report = json(await cliHere(dir, [...args, '--repo', a.dir, '--repo', b.dir]));
      // merge as a real process (the built command line)
      const merged = json(
        measure === 'days'
          ? cli(dir, ['merge', 'a.json', 'b.json', '--format', 'json'])
          : await cliHere(dir, ['merge', 'a.json', 'b.json', '--format', 'json']),
      );
      assert.deepEqual(timeless(merged), timeless(report), measure);
      // A combined report with one more repository: as one run over the three.
      writeFileSync(join(dir, 'ab.json'), JSON.stringify(report));
      assert.equal((await cliHere(dir, [...args, '--repo', `gamma=${both.dir}`, '--out', 'c.json'])).code, 0);
      const three = json(await cliHere(dir, [...args, '--repo', a.dir, '--repo', b.dir, '--repo', `gamma=${both.dir}`]));
      assert.deepEqual(timeless(json(await cliHere(dir, ['merge', 'ab.json', 'c.json', '--format', 'json']))), timeless(three), measure);
    }
  });

  it('warns about goals missing or titled differently, and unknown goals, naming the repository', async () => {
    const report = json(await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--repo', a.dir, '--repo', b.dir]));
    const warnings = report.warnings.join('\n');
    assert.match(warnings, /beta: goal 'speed' of the reference strategy is not in its strategy\.yaml/);
    assert.match(warnings, /beta: goal 'docs' is titled 'Documentation' there, 'Better docs' in the reference strategy/);
    assert.match(warnings, /beta: 1 commit name goal 'moonshot', which is not in the reference strategy/);
    assert.equal(report.warnings.filter((w) => w.includes("'moonshot'")).length, 1, 'said once, naming the repository');
    assert.deepEqual(
      report.goals.map((g) => g.title),
      ['Faster pages', 'Better docs'],
      "the first repository's goals",
    );
    // beta's strategy has no 'speed': its speed commit is unknown there, but the combined report knows it.
    assert.equal(report.goals.find((g) => g.id === 'speed')!.commits, 2);
    const relaxed = ['--no-inversions', '--no-stopped', '--no-long-running'];
    const passed = await cliHere(root, ['check', '--since', 'all', '--repo', a.dir, '--repo', b.dir, ...relaxed]);
    assert.equal(passed.code, 0, passed.stderr);
    assert.match(passed.stdout, /passed \(8 commits, untagged 38%\)/, 'check judges the combined report');
    const failed = await cliHere(root, ['check', '--since', 'all', '--repo', a.dir, '--repo', b.dir, ...relaxed, '--max-untagged', '10']);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /untagged work is 38% of effort/);
    const text = await cliHere(root, ['report', '--since', 'all', '--repo', a.dir, '--repo', b.dir]);
    assert.match(text.stdout, /Repositories\n.*\n {2}alpha +4 /);
  });

  it('--repos FILE: one folder a line, relative to the file, comments and blank lines skipped', async () => {
    const list = join(root, 'list', 'repos.txt');
    mkdirSync(join(root, 'list'), { recursive: true });
    writeFileSync(list, '# our repositories\n../alpha\n\n  ../beta  \n');
    const fromFile = json(await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--repos', list, '--jobs', '1']));
    const given = json(await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--repo', a.dir, '--repo', b.dir]));
    assert.deepEqual(timeless(fromFile), timeless(given));
  });

  it('bad input is one line naming the repository or file, exit 2', async () => {
    const bare = join(root, 'not-a-repo');
    mkdirSync(bare, { recursive: true });
    const noStrategy = makeRepo(join(root, 'ns'), 'nostrategy', undefined, []);
    const twin = makeRepo(join(root, 'other'), 'alpha', STRATEGY, []);
    const cases: [string[], RegExp][] = [
      [['report', '--repo', a.dir, '--repo', bare], /not a git repository: .*not-a-repo/],
      [['report', '--repo', a.dir, '--repo', noStrategy.dir], /no strategy\.yaml in .*nostrategy/],
      [['report', '--repos', join(root, 'missing.txt')], /cannot read --repos .*missing\.txt: ENOENT/],
      [['report', '--repo', a.dir, '--repo', twin.dir], /two repositories are named 'alpha' .*--repo NAME=DIR/],
      [['report', '--repo', a.dir, '--repo', b.dir, '--jobs', '0'], /--jobs must be a whole number/],
      [['check', '--repo', a.dir, '--repo', b.dir, '--strategy', join(root, 'nope.yaml')], /no strategy file .*nope\.yaml/],
    ];
    for (const [args, message] of cases) {
      const run = await cliHere(root, args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
    const named = json(
      await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--repo', a.dir, '--repo', `alpha2=${twin.dir}`]),
    );
    assert.deepEqual(
      named.repositories!.map((r) => r.name),
      ['alpha', 'alpha2'],
    );
  });

  it('merge refuses another schemaVersion, range or measure, no parts, or a repository twice, naming the file', async () => {
    const dir = mkdtempSync(join(root, 'refuse-'));
    const write = (name: string, report: unknown) => writeFileSync(join(dir, name), JSON.stringify(report));
    const base = json(await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--repo', a.dir]));
    const other = json(await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--repo', b.dir]));
    write('a.json', base);
    write('b.json', other);
    write('v2.json', { ...other, schemaVersion: 2 });
    write('range.json', { ...other, range: { since: '2026-01-01T00:00:00.000Z', until: null } });
    write('days.json', json(await cliHere(root, ['report', '--format', 'json', '--since', 'all', '--measure', 'days', '--repo', b.dir])));
    write('old.json', { ...other, parts: undefined });
    writeFileSync(join(dir, 'broken.json'), '{');
    const cases: [string[], RegExp][] = [
      [['merge', 'a.json', 'v2.json'], /v2\.json has schemaVersion 2/],
      [['merge', 'a.json', 'range.json'], /range\.json covers 2026-01-01.*a\.json the start to now/],
      [['merge', 'a.json', 'days.json'], /days\.json measures effort by days, .*a\.json by commits/],
      [['merge', 'a.json', 'old.json'], /old\.json has no mergeable parts/],
      [['merge', 'a.json', 'b.json', 'a.json'], /repository 'alpha' is in both .*a\.json and .*a\.json/],
      [['merge', 'a.json', 'broken.json'], /broken\.json is not JSON/],
      [['merge', 'a.json', 'gone.json'], /cannot read .*gone\.json: ENOENT/],
      [['merge'], /expected REPORT\.json files/],
    ];
    for (const [args, message] of cases) {
      const run = await cliHere(dir, args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
    assert.equal((await cliHere(dir, ['merge', 'a.json', 'b.json'])).code, 0);
  });
});
