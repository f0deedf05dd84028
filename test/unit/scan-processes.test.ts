// How many git processes a cold scan starts (issue 15: 50 repositories, each process forking the
// scanning Node process, ~13 ms apiece). On a real repository with every input a scan reads (goal
// notes, the branch ledger and a rebased copy of a recorded commit, so patch-ids are needed, branch
// goals in the config, trailers) a cold scan starts at most six: the history log, the goal notes'
// listing, the ledger's listing, ONE cat-file for both's notes, and diff-tree piped into patch-id.
// The config's branch goals come from the files. The same scan with git asked for everything (a
// GIT_* variable the files cannot account for) gives the same report.
import assert from 'node:assert/strict';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { gitActivity } from '../../src/core/git/runner';
import { HistoryCache } from '../../src/core/history/historyCache';
import { recordTaggedBranches } from '../../src/core/ledger/recordBranch';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: checkout, title: Checkout }
  - { id: onboarding, title: Onboarding }
  - { id: observability, title: Observability }
`;
const strategy = parseStrategy(STRATEGY).strategy!;
/** The most git processes a cold scan may start (it was eight: config --list, and two cat-files, one each for notes and ledger). */
const COLD_SCAN_PROCESSES = 6;

describe('git processes of a cold scan', () => {
  let t: TestRepo;
  const c: Record<string, string> = {};

  before(async function () {
    this.timeout(60_000);
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    c.init = t.commit('init');
    const repo = await GitRepo.open(t.dir);
    // checkout/pay: goal from its name, recorded in the ledger; one of its commits rebased onto main.
    t.branch('checkout/pay');
    c.pay = t.commit('pay work', { files: { 'pay.txt': 'pay\n' } });
    c.pay2 = t.commit('more pay work', { files: { 'pay2.txt': 'pay 2\n' } });
    await recordTaggedBranches(repo, strategy);
    t.checkout('main');
    t.git(['cherry-pick', c.pay]);
    c.copy = t.head();
    // feat: goal in the config; a commit with a trailer; a goal note on main.
    t.branch('feat');
    c.feat = t.commit('feat work');
    c.trailer = t.commit('traced\n\nGoal: observability');
    t.git(['config', 'branch.feat.goal', 'onboarding']);
    t.checkout('main');
    c.noted = t.commit('noted work');
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: observability', c.noted]);
  });
  after(() => t.cleanup());

  async function coldScan(): Promise<{ processes: number; rows: Map<string, Attribution>; report: unknown }> {
    const repo = await GitRepo.open(t.dir);
    const rows = new Map<string, Attribution>();
    const before = gitActivity.processes;
    const { report } = await scanRepository(repo, strategy, {
      since: 'all',
      now: new Date(),
      cache: new HistoryCache(),
      onCommit: (commit, a) => rows.set(commit.sha, a),
    });
    return { processes: gitActivity.processes - before, rows, report: { ...report, generatedAt: '' } };
  }

  it(`starts at most ${COLD_SCAN_PROCESSES} git processes, every input read`, async () => {
    const { processes, rows } = await coldScan();
    const is = (name: string, source: Attribution['source'], goals: string[]) =>
      assert.deepEqual(rows.get(c[name]), { source, goals }, name);
    is('noted', 'note', ['observability']);
    is('trailer', 'trailer', ['observability']);
    is('feat', 'branch', ['onboarding']);
    is('pay', 'branch', ['checkout']);
    is('copy', 'patch', ['checkout']);
    is('init', 'untagged', []);
    assert.ok(processes <= COLD_SCAN_PROCESSES, `a cold scan started ${processes} git processes (at most ${COLD_SCAN_PROCESSES})`);
  });

  it('gives the report git gives when asked for everything', async () => {
    const files = await coldScan();
    process.env.GIT_CONFIG_COUNT = '0'; // moves what git reads as far as the files know: every read asks git
    try {
      const git = await coldScan();
      assert.ok(git.processes > files.processes, `asked git: ${git.processes} processes, from the files: ${files.processes}`);
      assert.deepEqual(git.report, files.report);
      assert.deepEqual([...git.rows], [...files.rows]);
    } finally {
      delete process.env.GIT_CONFIG_COUNT;
    }
  });
});
