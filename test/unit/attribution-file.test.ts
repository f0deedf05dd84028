// The attribution saved beside the history file (issue 14: a reopened editor skips attributing
// 100k commits): read again only for exactly the inputs and rows it was made from, and then the
// report is exactly a cold scan's. Real repository, real files.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepo } from '../../src/core/git';
import { HistoryCache } from '../../src/core/history/historyCache';
import { attributionFileOf } from '../../src/core/scan/attributionFile';
import { type ScanResult, scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: api, title: API }
  - { id: web, title: Web }
`;
const NOW = new Date();

describe('the attribution file', () => {
  let t: TestRepo;
  let repo: GitRepo;
  let file: string;
  const strategy = () => parseStrategy(STRATEGY).strategy!;
  const plain = (result: ScanResult) => {
    const { generatedAt: _, ...report } = result.report;
    return { report, branches: result.branches.map((b) => ({ ...b, unique: [...b.unique].sort() })) };
  };
  /** A scan as a restarted editor makes it: a new cache over the files on disk. */
  const reopened = () => scanRepository(repo, strategy(), { since: 'all', now: NOW, cache: new HistoryCache(file) });
  const cold = () => scanRepository(repo, strategy(), { since: 'all', now: NOW });

  beforeEach(async () => {
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    t.commit('init', { date: day(20) });
    t.branch('api/feature');
    t.commit('feature 1', { date: day(12) });
    t.commit('feature 2\n\nGoal: web', { date: day(11) });
    t.git(['config', 'branch.api/feature.goal', 'api']);
    t.branch('topic', 'main');
    t.commit('topic 1', { date: day(10) });
    t.checkout('main');
    t.commit('main later', { date: day(8) });
    repo = await GitRepo.open(t.dir);
    file = join(await repo.commonDir(), 'strategy-align', 'history.bin');
  });
  afterEach(() => t.cleanup());

  it('is written by a scan with a cache file and read by the next one, with the same numbers as a cold scan', async () => {
    const first = await reopened();
    assert.equal(first.stats.attributionLoaded, false);
    assert.ok(existsSync(attributionFileOf(file)), 'written beside the history file');
    const second = await reopened();
    assert.equal(second.stats.attributionLoaded, true, 'a restart with nothing changed reads it');
    assert.equal(second.stats.commitsRead, 0);
    assert.deepStrictEqual(plain(second), plain(await cold()));
    assert.ok(second.report.goals.find((g) => g.id === 'api')!.commits > 0, 'the branch goal came through the file');
  });

  it('is not used once an input of the attribution changed: a note, a branch goal, a new commit', async () => {
    await reopened();
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: web', 'main']);
    let scan = await reopened();
    assert.equal(scan.stats.attributionLoaded, false, 'note added');
    assert.deepStrictEqual(plain(scan), plain(await cold()));
    t.git(['config', 'branch.topic.goal', 'web']);
    scan = await reopened();
    assert.equal(scan.stats.attributionLoaded, false, 'branch goal set');
    assert.deepStrictEqual(plain(scan), plain(await cold()));
    t.checkout('topic');
    t.commit('topic 2', { date: day(2) });
    scan = await reopened();
    assert.equal(scan.stats.attributionLoaded, false, 'new commit');
    assert.deepStrictEqual(plain(scan), plain(await cold()));
    assert.equal((await reopened()).stats.attributionLoaded, true, 'and saved again for the new inputs');
  });

  it('is not used for other rows: another history file of the same commits, read in another order', async () => {
    await reopened();
    t.branch('late', 'main~1');
    t.commit('late 1', { date: day(9) }); // newer than every branch's commits but main's last: read early in one go
    t.checkout('main');
    const grown = await reopened();
    assert.equal(grown.stats.commitsRead, 1, 'the new commit appended: the last row');
    const other = join(t.dir, '.git', 'strategy-align', 'other.bin');
    const fresh = await scanRepository(repo, strategy(), { since: 'all', now: NOW, cache: new HistoryCache(other) });
    assert.ok(fresh.stats.commitsRead > 1, 'read in one go: by date, the new commit among the first rows');
    writeFileSync(attributionFileOf(other), readFileSync(attributionFileOf(file)));
    const scan = await scanRepository(repo, strategy(), { since: 'all', now: NOW, cache: new HistoryCache(other) });
    assert.equal(scan.stats.attributionLoaded, false, 'same inputs, other rows: not read');
    assert.deepStrictEqual(plain(scan), plain(await cold()));
  });

  it('is ignored when damaged, and the numbers are a cold scan’s', async () => {
    await reopened();
    const bytes = readFileSync(attributionFileOf(file));
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(attributionFileOf(file), bytes);
    const scan = await reopened();
    assert.equal(scan.stats.attributionLoaded, false);
    assert.deepStrictEqual(plain(scan), plain(await cold()));
    writeFileSync(attributionFileOf(file), 'not an attribution file');
    assert.equal((await reopened()).stats.attributionLoaded, false);
  });
});
