// Issue 13: a goal's `issues:` attributes the commits whose message or branch names a key it
// claims (source `issue`), after a note and trailers, before the branch's goal; the report counts
// every source (`totals.sources`) and `check --min-attributed` holds a bar. One repository for the
// whole file; the commands run in this process.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { HistoryCache } from '../../src/core/history/historyCache';
import { scanRepository } from '../../src/core/scan/scan';
import { formatDiagnostic, parseStrategy } from '../../src/core/strategy';
import type { Strategy } from '../../src/core/strategy/types';
import { builtHere, cliHere } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - id: payments
    title: Payments
    issues: ["PAY-*"]
  - id: shop
    title: Shop
    issues: ["SHOP-*", "PAY-12", "#88", "NOPE-*"]
  - id: ops
    title: Ops
`;
const strategyOf = (text: string): Strategy => parseStrategy(text).strategy!;

describe('issue keys attribute (issue 13)', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  const sha: Record<string, string> = {};

  before(() => {
    repo = TestRepo.create();
    repo.commit('init', { files: { 'strategy.yaml': STRATEGY } });
    sha.squash = repo.commit('PAY-7: retry declined cards (#123)');
    sha.exact = repo.commit('PAY-12 fix the receipt');
    sha.split = repo.commit('PAY-3 and SHOP-4 together');
    sha.unclaimed = repo.commit('OTHER-5 nobody claims this');
    sha.noted = repo.commit('PAY-8 noted otherwise');
    repo.git(['notes', '--ref=goals', 'add', '-m', 'Goal: ops', sha.noted]);
    sha.trailer = repo.commit('PAY-9 with a trailer\n\nGoal: ops');
    repo.branch('cfg');
    repo.git(['config', 'branch.cfg.goal', 'ops']);
    sha.overConfig = repo.commit('SHOP-1 on a tagged branch');
    sha.config = repo.commit('plain work on the tagged branch');
    repo.branch('pay-40-retry', 'main');
    sha.branchKey = repo.commit('wip');
    repo.branch('topic', 'main');
    sha.onTopic = repo.commit('SHOP-2 on a branch without a goal');
    repo.branch('gone', 'main');
    sha.merged = repo.commit('work a merge brings in');
    repo.checkout('main');
    repo.git(['merge', '--no-ff', '-q', '-m', 'Merge pull request #5 from team/PAY-70-gone', 'gone']);
  });
  after(() => repo.cleanup());

  async function attributions(strategy: Strategy, cache = new HistoryCache()) {
    const rows = new Map<string, Attribution>();
    const result = await scanRepository(await GitRepo.open(repo.dir), strategy, {
      since: 'all',
      cache,
      onCommit: (c, a) => rows.set(c.sha, a),
    });
    return { rows, result };
  }

  it('puts the message key after note and trailer, before the branch; a branch name key after its config', async () => {
    const { rows } = await attributions(strategyOf(STRATEGY));
    const of = (name: string) => rows.get(sha[name]);
    assert.deepEqual(of('squash'), { source: 'issue', goals: ['payments'] }, 'a squash subject names its key');
    assert.deepEqual(of('exact'), { source: 'issue', goals: ['shop'] }, 'an exact key beats its project');
    assert.deepEqual(of('split'), { source: 'issue', goals: ['payments', 'shop'] }, 'keys of two goals split');
    assert.deepEqual(of('unclaimed'), { source: 'untagged', goals: [] }, 'a key no goal claims attributes nothing');
    assert.deepEqual(of('noted'), { source: 'note', goals: ['ops'] }, 'a note beats a key');
    assert.deepEqual(of('trailer'), { source: 'trailer', goals: ['ops'] }, 'a trailer beats a key');
    assert.deepEqual(of('overConfig'), { source: 'issue', goals: ['shop'] }, "a key in the message beats the branch's config");
    assert.deepEqual(of('config'), { source: 'branch', goals: ['ops'] }, 'the branch config still tags the rest');
    assert.deepEqual(of('branchKey'), { source: 'issue', goals: ['payments'] }, "a key in the branch's name tags its commits");
    assert.deepEqual(of('onTopic'), { source: 'issue', goals: ['shop'] });
    assert.deepEqual(of('merged'), { source: 'merge', goals: ['payments'] }, 'a merge subject naming a keyed branch gives its range');
  });

  it('counts every source in totals, the hint names the pattern nothing names, the text shows the coverage line', async () => {
    const json = await cliHere(repo.dir, ['report', '--since', 'all', '--format', 'json']);
    const report = JSON.parse(json.stdout) as {
      totals: Record<string, number> & { sources: Record<string, number> };
      warnings: string[];
      untagged: { branches: { name: string }[] };
    };
    assert.deepEqual(report.untagged.branches, [], 'a branch whose commits name claimed keys is no untagged work');
    const { totals } = report;
    assert.deepEqual(totals.sources, { note: 1, trailer: 1, issue: 6, branch: 1, merge: 1, recorded: 0, patch: 0, squash: 0, untagged: 2 });
    assert.equal(
      Object.values(totals.sources).reduce((a, b) => a + b, 0),
      totals.commits,
    );
    assert.equal(totals.attributed, 10);
    assert.equal(totals.issue, 6);
    assert.deepEqual(
      report.warnings.filter((w) => w.startsWith('issues:')),
      ["issues: no commit in range names '#88' (goal shop), 'NOPE-*' (goal shop)"],
    );
    const text = await cliHere(repo.dir, ['report', '--since', 'all']);
    assert.match(text.stdout, /^Attributed 83% of 12 commits: note 8%, trailer 8%, issue key 50%, branch 8%, merge 8%$/m);
  });

  it('check --min-attributed fails below the bar with one line, passes at it', async () => {
    const rules = ['--since', 'all', '--no-long-running', '--no-inversions'];
    const below = await cliHere(repo.dir, ['check', ...rules, '--min-attributed', '90']);
    assert.equal(below.code, 1);
    assert.equal(below.stdout, '✗ 83% of 12 commits attributed to a goal, below --min-attributed 90%\n');
    const at = await cliHere(repo.dir, ['check', ...rules, '--min-attributed', '83']);
    assert.equal(at.code, 0, at.stdout);
  });

  it('a changed issues: changes the warm report, the saved output and a kept in-memory attribution', async () => {
    const cache = new HistoryCache();
    const before = await attributions(strategyOf(STRATEGY), cache);
    const changed = STRATEGY.replace('"PAY-12", ', '');
    const after = await attributions(strategyOf(changed), cache);
    assert.deepEqual(after.rows.get(sha.exact), { source: 'issue', goals: ['payments'] });
    assert.deepEqual([...after.rows], [...(await attributions(strategyOf(changed))).rows], 'the kept cache agrees with a cold scan');
    assert.notDeepEqual(after.result.report.goals, before.result.report.goals);

    const args = ['report', '--since', 'all', '--format', 'json'];
    const shopOf = (run: { stdout: string }) => (JSON.parse(run.stdout) as { goals: { id: string; commits: number }[] }).goals[1].commits;
    await builtHere(repo.dir, args);
    assert.equal(shopOf(await builtHere(repo.dir, args)), 3.5, 'the warm report, saved');
    repo.write('strategy.yaml', changed); // not committed: the working file is what a report reads
    try {
      assert.equal(shopOf(await builtHere(repo.dir, args)), 2.5, 'the warm report after issues: changed');
    } finally {
      repo.write('strategy.yaml', STRATEGY);
    }
  });
});

describe('issues: validation (issue 13)', () => {
  const problems = (text: string) => parseStrategy(text).diagnostics.map((d) => formatDiagnostic(d));

  it('a malformed pattern and a pattern two goals claim are errors at their place; exact beside project is fine', () => {
    const text = `version: 1
goals:
  - id: payments
    title: P
    issues: ["PAY-*", "#88"]
  - id: shop
    title: S
    issues:
      - PAY-12
      - PAY-*
      - pay-3
      - FOO
      - "#88"
`;
    assert.deepEqual(problems(text), [
      "strategy.yaml:10:9: error: goal #2 (shop): 'PAY-*' is already claimed by goal payments (line 5)",
      "strategy.yaml:11:9: error: goal #2 (shop): write the project key in capitals: 'PAY-3'",
      "strategy.yaml:12:9: error: goal #2 (shop): 'FOO' is not an issue pattern: write a project (PAY-*), one key (PAY-12) or one number (#88)",
      "strategy.yaml:13:9: error: goal #2 (shop): '#88' is already claimed by goal payments (line 5)",
    ]);
  });

  it('validate prints them, and issues: is a known key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-issues-')); // validate needs no git repository
    try {
      writeFileSync(
        join(dir, 'strategy.yaml'),
        'version: 1\ngoals:\n  - { id: a, title: A, issues: ["PAY-*"] }\n  - { id: b, title: B, issues: ["PAY-*"] }\n',
      );
      const run = await cliHere(dir, ['validate']);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stdout + run.stderr, /strategy\.yaml:4:33: error: goal #2 \(b\): 'PAY-\*' is already claimed by goal a \(line 3\)/);
      assert.doesNotMatch(run.stdout + run.stderr, /unknown key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
