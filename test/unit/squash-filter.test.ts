// The squash candidates' path filter (src/core/ledger/squashFilter.ts): of the commits made after a
// recorded branch's tip, only those that change the paths of something they could match get a
// patch-id; the scan attributes exactly as with a patch-id for every candidate; and nothing is left
// out when a change to compare with cannot be read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribution } from '../../src/core/attribution/attribute';
import { inheritedGoals } from '../../src/core/attribution/merged';
import { PatchCandidates } from '../../src/core/attribution/patchCandidates';
import { GitRepo } from '../../src/core/git';
import { HistoryCache } from '../../src/core/history/historyCache';
import { PATCH_ID_FILE, readPatchIds } from '../../src/core/ledger/patchIdStore';
import { recordTaggedBranches } from '../../src/core/ledger/recordBranch';
import { LEDGER_REF, type Ledger, parseLedger } from '../../src/core/ledger/record';
import { knownPatchIds } from '../../src/core/ledger/sources';
import { FILTER_FROM, squashesToCheck } from '../../src/core/ledger/squashFilter';
import { HistoryView } from '../../src/core/scan/historyView';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { branchHistory } from './helpers/history';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: checkout, title: Checkout }
  - { id: onboarding, title: Onboarding }
`;
const strategy = parseStrategy(STRATEGY).strategy!;
const UNRELATED = FILTER_FROM + 20; // enough for the scan to filter

describe('the squash candidates are filtered by their changed paths before any patch-id', function () {
  this.timeout(120_000);
  let t: TestRepo;
  let repo: GitRepo;
  let cacheDir: string;
  const c: Record<string, string> = {};

  before(async () => {
    t = TestRepo.create();
    cacheDir = mkdtempSync(join(tmpdir(), 'sa-squash-filter-'));
    t.write('strategy.yaml', STRATEGY);
    c.init = t.commit('init', { files: { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' } });
    repo = await GitRepo.open(t.dir);
    t.branch('checkout/cart'); // the goal from its name; recorded, then squashed into main
    c.one = t.commit('cart 1', { files: { 'src/a.ts': 'a\ncart\n' } });
    c.two = t.commit('cart 2', { files: { 'src/b.ts': 'b\ncart\n' } });
    await recordTaggedBranches(repo, strategy);
    const tipTime = Number(t.git(['log', '-1', '--format=%ct']));
    t.checkout('main');
    t.branch('hotfix');
    // A copy of `cart 1` with a new author date (as `rebase --ignore-date` makes): only its patch-id tells.
    t.git(['cherry-pick', '--no-commit', c.one]);
    c.copy = t.commit('cart 1 again', { files: {} });
    t.checkout('main');
    // Many unrelated commits after the tip, in one fast-import: every one a squash candidate.
    let stream = '';
    for (let i = 0; i < UNRELATED; i++) {
      const message = `unrelated ${i}\n`;
      const from = i === 0 ? `from ${t.git(['rev-parse', 'main'])}\n` : '';
      stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter A <a@example.com> ${tipTime + 60 + i} +0000\ndata ${message.length}\n${message}${from}M 644 inline other/u${i}.txt\ndata 2\n${i % 10}\n\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: t.dir, input: stream });
    t.git(['reset', '-q', '--hard', 'main']);
    t.git(['merge', '--squash', '-q', 'checkout/cart']);
    c.squash = t.commit('Cart (#7)', { files: {} });
    c.samePaths = t.commit('touches a and b otherwise', { files: { 'src/a.ts': 'other\n', 'src/b.ts': 'other\n' } });
  });
  after(() => {
    t.cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  async function inputs(): Promise<{ view: HistoryView; ledger: Ledger }> {
    return { view: new HistoryView(await branchHistory(repo)), ledger: parseLedger(await repo.readNotesText(LEDGER_REF)) };
  }

  /** Every commit's attribution by a cold scan, with the patch-ids it computed kept in `dir`. */
  async function scan(dir: string): Promise<Map<string, Attribution>> {
    rmSync(dir, { recursive: true, force: true });
    const rows = new Map<string, Attribution>();
    const cache = new HistoryCache(join(dir, 'history.bin'));
    await scanRepository(repo, strategy, { since: 'all', cache, onCommit: (commit, a) => rows.set(commit.sha, a) });
    return rows;
  }

  it('gives a patch-id only to the candidates whose paths match a recorded change, and attributes as a patch-id for each would', async () => {
    const { view, ledger } = await inputs();
    const { copies, squashes } = new PatchCandidates(view, ledger).neededApart(0, view.table.count);
    assert.ok(squashes.length >= UNRELATED + 3, `every commit after the tip is a candidate (${squashes.length})`);
    const kept = await squashesToCheck(repo, view, ledger, copies, squashes);
    assert.deepEqual(new Set(kept), new Set([c.copy, c.squash, c.samePaths]), 'the unrelated commits need no patch-id');
    assert.deepEqual(
      await squashesToCheck(repo, view, ledger, copies, squashes.slice(0, FILTER_FROM - 1)),
      squashes.slice(0, FILTER_FROM - 1),
      'a few: all',
    );

    // The rules with a patch-id for every candidate, against the scan (which filtered).
    const all = await knownPatchIds(repo, undefined, [...copies, ...squashes]);
    const tips = [view.table.find(c.samePaths)];
    const everyPatchId = await inheritedGoals({ view, strategy, ledger, configGoals: new Map(), tips, patchIds: all });
    const dir = join(cacheDir, 'filtered');
    const rows = await scan(dir);
    for (const sha of squashes) assert.equal(rows.get(sha)?.source, everyPatchId.get(view.table.find(sha))?.source ?? 'untagged', sha);
    assert.equal(rows.get(c.squash)?.source, 'squash');
    assert.deepEqual(rows.get(c.squash)?.goals, ['checkout']);
    assert.equal(rows.get(c.copy)?.source, 'patch', 'the copy with a new date matched the recorded commit');
    assert.equal(rows.get(c.samePaths)?.source, 'untagged', 'same paths, another change');
    const computed = await readPatchIds(join(dir, PATCH_ID_FILE), squashes);
    assert.deepEqual(new Set(computed.keys()), new Set(kept), 'the scan computed the patch-ids of the kept candidates only');
  });

  it('reads the changed paths of commits and ranges in one process, in order, an unreadable line as undefined', async () => {
    const missing = '1'.repeat(40);
    const empty = t.commit('nothing', { files: {} });
    const paths = await repo.changedPaths([
      { sha: c.two, base: c.init }, // the branch's whole change
      { sha: missing },
      { sha: c.init }, // the root commit: everything added
      { sha: empty },
      { sha: c.squash },
      { sha: missing, base: c.init }, // a range whose tip is gone
      { sha: c.one },
    ]);
    assert.deepEqual(paths, [
      'src/a.ts\0src/b.ts',
      undefined,
      'src/a.ts\0src/b.ts\0strategy.yaml',
      '',
      'src/a.ts\0src/b.ts',
      undefined,
      'src/a.ts',
    ]);
    t.git(['reset', '-q', '--hard', 'HEAD~1']);
  });

  it('filters as well once the branch is deleted, and keeps every candidate once its commits are pruned', async () => {
    t.git(['branch', '-D', 'checkout/cart']);
    let { view, ledger } = await inputs();
    assert.ok(view.table.find(ledger.branches[0].tip) < 0, 'the tip is no longer read by the history log');
    let { copies, squashes } = new PatchCandidates(view, ledger).neededApart(0, view.table.count);
    assert.deepEqual(new Set(await squashesToCheck(repo, view, ledger, copies, squashes)), new Set([c.copy, c.squash, c.samePaths]));
    let rows = await scan(join(cacheDir, 'deleted'));
    assert.equal(rows.get(c.squash)?.source, 'squash');
    assert.equal(rows.get(c.copy)?.source, 'patch');

    t.git(['reflog', 'expire', '--expire=now', '--all']);
    t.git(['gc', '-q', '--prune=now']);
    assert.throws(() => t.git(['cat-file', '-e', c.two]), 'the branch commits are gone');
    ({ view, ledger } = await inputs());
    ({ copies, squashes } = new PatchCandidates(view, ledger).neededApart(0, view.table.count));
    assert.deepEqual(await squashesToCheck(repo, view, ledger, copies, squashes), squashes, 'nothing to compare with: all');
    rows = await scan(join(cacheDir, 'pruned'));
    assert.equal(rows.get(c.squash)?.source, 'squash', 'the recorded patch-id still finds the squash');
    assert.equal(rows.get(c.copy)?.source, 'patch');
  });
});
