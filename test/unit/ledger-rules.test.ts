// The inherited rules one by one on one real repository (issue 12): fast-forward merges, nested
// merges, GitLab and Bitbucket subjects, a note or a trailer on a merge, main merged into a branch, empty
// commits; and patch-ids: computed in one batch, equal to git's own, never asked for without a ledger.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { Attribution } from '../../src/core/attribution/attribute';
import { PatchCandidates } from '../../src/core/attribution/patchCandidates';
import { GitRepo } from '../../src/core/git';
import { gitActivity } from '../../src/core/git/runner';
import { recordTaggedBranches } from '../../src/core/ledger/recordBranch';
import { EMPTY_LEDGER, LEDGER_REF, parseLedger } from '../../src/core/ledger/record';
import { HistoryView } from '../../src/core/scan/historyView';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { branchHistory } from './helpers/history';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: checkout, title: Checkout }
  - { id: onboarding, title: Onboarding }
  - { id: observability, title: Observability }
`;
const strategy = parseStrategy(STRATEGY).strategy!;

describe('the inherited rules, one by one', () => {
  let t: TestRepo;
  let repo: GitRepo;
  const rows = new Map<string, Attribution>();
  const c: Record<string, string> = {};

  before(async function () {
    this.timeout(60_000);
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    c.init = t.commit('init');
    repo = await GitRepo.open(t.dir);
    // checkout/ff: goal from its name, recorded, fast-forwarded into main, deleted.
    t.branch('checkout/ff');
    c.ff = t.commit('ff work');
    await recordTaggedBranches(repo, strategy);
    t.checkout('main');
    t.git(['merge', '-q', '--ff-only', 'checkout/ff']);
    t.git(['branch', '-D', 'checkout/ff']);
    // feat-outer (config: checkout) merges observability/inner; main is merged into feat-outer;
    // feat-outer is merged into main with GitLab's subject, then deleted (config gone, never recorded).
    c.mainBefore = t.commit('main before outer');
    t.branch('feat-outer');
    c.outer = t.commit('outer work');
    t.branch('observability/inner');
    c.inner = t.commit('inner work');
    t.checkout('feat-outer');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', "Merge branch 'observability/inner' into feat-outer", 'observability/inner']);
    t.checkout('main');
    c.mainDuring = t.commit('main during outer');
    t.checkout('feat-outer');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', "Merge branch 'main' into feat-outer", 'main']);
    t.git(['config', 'branch.feat-outer.goal', 'checkout']);
    await recordTaggedBranches(repo, strategy);
    t.checkout('main');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', "Merge branch 'feat-outer' into 'main'", 'feat-outer']);
    t.git(['branch', '-D', 'feat-outer', 'observability/inner']);
    // Bitbucket subject, goal from the name only (no ledger, no config).
    t.branch('onboarding/y');
    c.bitbucket = t.commit('onboarding y');
    t.checkout('main');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', 'Merged in onboarding/y (pull request #3)', 'onboarding/y']);
    t.git(['branch', '-D', 'onboarding/y']);
    // An untagged branch merged with a note on the merge commit; another merged without one.
    t.branch('misc');
    c.noted = t.commit('misc noted');
    t.checkout('main');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', "Merge branch 'misc'", 'misc']);
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: onboarding', 'HEAD']);
    t.branch('misc2');
    c.plain = t.commit('misc plain');
    t.checkout('main');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', "Merge branch 'misc2'", 'misc2']);
    // An untagged branch merged with a Goal trailer in the merge commit's message.
    t.branch('misc3');
    c.trailered = t.commit('misc trailered');
    t.checkout('main');
    t.git(['merge', '-q', '--no-ff', '--no-edit', '-m', "Merge branch 'misc3'\n\nGoal: observability", 'misc3']);
    t.git(['branch', '-D', 'misc', 'misc2', 'misc3']);
    // An empty commit on a recorded branch, cherry-picked: no patch-id, nothing inherited by patch.
    t.branch('observability/empty');
    c.empty = t.commit('nothing', { files: {} });
    await recordTaggedBranches(repo, strategy);
    t.checkout('main');
    t.git(['cherry-pick', '--allow-empty', 'observability/empty']);
    c.emptyCopy = t.git(['rev-parse', 'HEAD']);
    t.git(['branch', '-D', 'observability/empty']);
    await scanRepository(repo, strategy, { since: 'all', onCommit: (commit, a) => rows.set(commit.sha, a) });
  });
  after(() => t.cleanup());

  const is = (name: string, source: Attribution['source'], goals: string[]) => assert.deepEqual(rows.get(c[name]), { source, goals }, name);

  it('a fast-forwarded, deleted branch: recorded', () => is('ff', 'recorded', ['checkout']));
  it("GitLab's subject, through the ledger's record of the merged tip", () => is('outer', 'merge', ['checkout']));
  it("a merge inside the range with a goal of its own gives that goal (git's 'into' subject, branchPattern)", () =>
    is('inner', 'merge', ['observability']));
  it('main merged into a branch gives main no goal', () => {
    is('mainBefore', 'untagged', []);
    is('mainDuring', 'untagged', []);
  });
  it("Bitbucket's subject, through branchPattern alone", () => is('bitbucket', 'merge', ['onboarding']));
  it('a note or a trailer on a merge commit gives its range the goal; an untagged merge gives nothing', () => {
    is('noted', 'merge', ['onboarding']);
    is('trailered', 'merge', ['observability']);
    is('plain', 'untagged', []);
    is('init', 'untagged', []);
  });
  it('an empty commit has no patch-id: its copy is not attributed by patch', () => {
    assert.equal(rows.has(c.empty), false, 'the original is gone with its branch');
    is('emptyCopy', 'untagged', []);
  });

  it('patch-ids come from one diff-tree piped into one patch-id, equal to git patch-id per commit', async () => {
    const shas = [c.ff, c.outer, c.inner, c.bitbucket];
    const before = gitActivity.processes;
    const ids = await repo.patchIds([...shas.map((sha) => ({ sha })), { sha: c.inner, base: c.init }, { sha: c.empty }]);
    assert.equal(gitActivity.processes - before, 4, 'two pipes of two processes: own changes, whole changes');
    for (const sha of shas) {
      const own = execFileSync('sh', ['-c', `git show --format= --no-color ${sha} | git patch-id --stable`], {
        cwd: t.dir,
        encoding: 'utf8',
      }).split(' ')[0];
      assert.equal(ids.get(sha), own);
    }
    const whole = execFileSync('sh', ['-c', `git diff --no-color ${c.init} ${c.inner} | git patch-id --stable`], {
      cwd: t.dir,
      encoding: 'utf8',
    }).split(' ')[0];
    assert.equal(ids.get(`${c.init}..${c.inner}`), whole);
    assert.equal(ids.has(c.empty), false, 'an empty change has no patch-id');
  });

  it('needs no patch-id at all without a ledger and notes, and only candidates with one', async () => {
    const state = await branchHistory(repo);
    const view = new HistoryView(state);
    assert.deepEqual(new PatchCandidates(view, EMPTY_LEDGER).needed(0, state.table.count), []);
    const ledger = parseLedger(await repo.readNotesText(LEDGER_REF));
    const needed = new PatchCandidates(view, ledger).needed(0, state.table.count);
    assert.ok(needed.length > 0 && needed.length < state.table.count, `${needed.length} of ${state.table.count}`);
    for (const sha of Object.values(c).filter((s) => ledger.commits.some((r) => r.sha === s)))
      assert.ok(!needed.includes(sha), 'recorded commits need none');
  });
});
