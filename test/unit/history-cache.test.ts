// The cache must never change a number: after every kind of change to a real repository, a scan
// through a long-lived in-memory cache and a scan through the cache file (re-read from disk) give
// exactly the report, branches and commit rows of a cold scan (a fresh cache).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { EffortMeasure } from '../../src/core/alignment/reportTypes';
import { GitRepo } from '../../src/core/git';
import { CACHE_VERSION } from '../../src/core/history/cacheFile';
import { HistoryCache } from '../../src/core/history/historyCache';
import { recordTaggedBranches } from '../../src/core/ledger/recordBranch';
import { type ScanOptions, type ScanResult, scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import type { Strategy } from '../../src/core/strategy/types';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: api, title: API }
  - { id: web, title: Web }
  - { id: ops, title: Ops, status: stopped }
settings:
  churn: { exclude: ['*.lock', 'gen/**'] }
`;
const NOW = new Date();
const BOB = { name: 'Bob', email: 'Bob@Example.com' };

/** Everything a scan hands out, as plain JSON (generatedAt left out: it is the clock). */
function snapshot(result: ScanResult, rows: Map<string, unknown>): unknown {
  const { generatedAt: _, ...report } = result.report;
  const branches = result.branches.map((b) => ({ ...b, unique: [...b.unique].sort() }));
  return { report, branches, base: result.base, rows: [...rows].sort(([a], [b]) => a.localeCompare(b)) };
}

describe('the history cache gives exactly the numbers of a cold scan', () => {
  let t: TestRepo;
  let repo: GitRepo;
  let strategyText = STRATEGY;
  let file: string;
  const reads: number[] = [];
  const paths: string[] = [];

  const strategy = (): Strategy => {
    const loaded = parseStrategy(strategyText);
    assert.ok(loaded.strategy, JSON.stringify(loaded.diagnostics));
    return loaded.strategy;
  };

  async function scanWith(cache: HistoryCache | undefined, options: ScanOptions): Promise<{ json: unknown; result: ScanResult }> {
    const rows = new Map<string, unknown>();
    const result = await scanRepository(repo, strategy(), { ...options, now: NOW, cache, onCommit: (c, a) => rows.set(c.sha, { c, a }) });
    return { json: snapshot(result, rows), result };
  }

  /** Cold, in-memory warm and on-disk warm scans agree, for every measure and a few ranges/authors. */
  const variants: ScanOptions[] = [
    { since: 'all', measure: 'commits' },
    { since: 'all', measure: 'days' },
    { since: 'all', measure: 'churn' },
    { since: '5d', measure: 'commits' },
    { since: 'all', until: day(6).slice(0, 10), measure: 'churn' },
    { since: 'all', author: 'bob@example.com', measure: 'commits' },
  ];
  /** One long-lived cache per variant, so each keeps what it derived (attribution, effort) from one change to the next. */
  const memories = variants.map(() => new HistoryCache());

  async function agree(what: string): Promise<void> {
    for (const [i, options] of variants.entries()) {
      const cold = await scanWith(undefined, options);
      const warm = await scanWith(memories[i], options);
      const disk = await scanWith(new HistoryCache(file), options);
      const label = `${what}, ${JSON.stringify(options)}`;
      assert.deepStrictEqual(warm.json, cold.json, `in-memory cache: ${label}`);
      assert.deepStrictEqual(disk.json, cold.json, `cache file: ${label}`);
      reads.push(warm.result.stats.commitsRead);
      paths.push(warm.result.stats.effort);
    }
  }

  before(async () => {
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    t.commit('init', { date: day(20), files: { 'a.txt': 'one\ntwo\n', 'deps.lock': 'x\ny\nz\n' } });
    t.commit('api start\n\nGoal: api', { date: day(19), files: { 'src/api.ts': 'a\nb\nc\n', 'gen/out.js': '1\n2\n' } });
    t.commit('bob work\n\nSquashed:\nGoal: web\n\nSigned-off-by: B <b@x>', { date: day(18), author: BOB, files: { 'web.txt': 'w\n' } });
    t.commit('binary', { date: day(17), files: { 'logo.bin': '\u0000\u0001\u0002' } });
    t.git(['mv', 'a.txt', 'b.txt']);
    t.commit('rename with an edit', { date: day(16), files: { 'b.txt': 'one\ntwo\nthree\n' } });
    t.branch('api/feature');
    t.commit('feature 1', { date: day(12) });
    t.commit('feature 2', { date: day(11) });
    t.branch('topic', 'main');
    t.commit('topic 1', { date: day(10) });
    t.branch('configured', 'main');
    t.commit('configured 1', { date: day(9), author: BOB });
    t.git(['config', 'branch.configured.goal', 'web']);
    t.checkout('main');
    t.commit('main later', { date: day(8) });
    t.git(['update-ref', 'refs/remotes/origin/web/remote-work', 'topic']);
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: ops', 'HEAD~1']);
    repo = await GitRepo.open(t.dir);
    file = join(await repo.commonDir(), 'strategy-align', 'history.bin');
    await agree('first scan');
  });
  after(() => t.cleanup());

  it('reads only the new commit after a commit on a branch, and on the base', async () => {
    t.checkout('topic');
    t.commit('topic 2', { date: day(4), files: { 'x.ts': '1\n2\n3\n4\n' } });
    reads.length = 0;
    paths.length = 0;
    await agree('commit on a branch');
    assert.deepEqual(reads, variants.map(() => 1), 'each long-lived cache reads the one new commit');
    assert.deepEqual(paths, ['extended', 'computed', 'extended', 'extended', 'extended', 'extended'], 'only the days measure is computed again');
    t.checkout('main');
    t.commit('main 2\n\nGoal: api', { date: day(3) });
    await agree('commit on the base');
  });

  it('follows rewritten history: amend, rebase, and old tips gone from the object store', async () => {
    t.checkout('api/feature');
    t.git(['commit', '-q', '--amend', '-m', 'feature 2, amended\n\nGoal: web']);
    await agree('amend');
    t.git(['rebase', '-q', 'main']);
    await agree('rebase');
    t.git(['reflog', 'expire', '--expire=now', '--all']);
    t.git(['gc', '-q', '--prune=now']);
    t.checkout('main');
    await agree('after gc');
  });

  it('follows branches deleted and renamed, and branch goals set and unset', async () => {
    t.git(['branch', '-m', 'topic', 'web/topic']);
    await agree('rename');
    t.git(['branch', '-D', 'configured']);
    await agree('delete');
    t.git(['config', 'branch.web/topic.goal', 'api']);
    await agree('branch goal set');
    t.git(['config', '--unset', 'branch.web/topic.goal']);
    await agree('branch goal unset');
  });

  it('follows notes added, changed and removed', async () => {
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: web', 'HEAD']);
    await agree('note added');
    t.git(['notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: api, web', 'HEAD']);
    await agree('note changed');
    t.git(['notes', '--ref=refs/notes/goals', 'remove', 'HEAD']);
    await agree('note removed');
    t.git(['update-ref', '-d', 'refs/notes/goals']);
    await agree('notes ref deleted');
  });

  it('follows strategy.yaml: trailer key, goals, base, churn exclusions', async () => {
    strategyText = STRATEGY.replace('settings:', 'settings:\n  trailer: Squashed');
    await agree('trailer key');
    strategyText = STRATEGY.replace('  - { id: web, title: Web }\n', '');
    await agree('goals');
    t.branch('trunk', 'main', false);
    strategyText = `${STRATEGY}  base: trunk\n`;
    await agree('base');
    strategyText = STRATEGY.replace("['*.lock', 'gen/**']", "['*.txt']");
    await agree('churn exclusions');
    strategyText = STRATEGY;
  });

  it('rebuilds from git when the cache file is corrupt, truncated, of another version or deleted', async () => {
    await agree('before');
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    writeFileSync(file, flipped);
    await agree('a flipped byte');
    writeFileSync(file, good.subarray(0, good.length - 100));
    await agree('truncated');
    writeFileSync(file, withVersion(good, CACHE_VERSION + 1));
    await agree('another version');
    rmSync(file);
    await agree('deleted');
    assert.ok(existsSync(file), 'written again');
  });

  it('keeps the numbers of a cold scan while `--since 10d` moves with the clock', async () => {
    for (const measure of ['commits', 'days'] as EffortMeasure[]) {
      for (const hours of [0, 0.001, 1, 30, 50, 24 * 4]) {
        const now = new Date(NOW.getTime() + hours * 3_600_000);
        const cold = await scanRepository(repo, strategy(), { since: '10d', measure, now });
        const warm = await scanRepository(repo, strategy(), { since: '10d', measure, now, cache: memories[0] });
        const strip = (r: ScanResult) => ({ ...r.report, generatedAt: '' });
        assert.deepStrictEqual(strip(warm), strip(cold), `${hours} h later, ${measure}`);
      }
    }
  });

  it('reads only what is new when the cache file is older than the repository', async () => {
    const stale = readFileSync(file);
    t.commit('one more', { date: day(1) });
    writeFileSync(file, stale);
    const disk = await scanWith(new HistoryCache(file), { since: 'all' });
    assert.equal(disk.result.stats.commitsRead, 1);
    await agree('stale file');
  });

  it('follows the branch ledger and merged work: recorded, cherry-picked, merged, deleted, ledger gone', async function () {
    this.timeout(120_000); // four rounds of 18 scans: a last guard on a busy machine
    t.checkout('main');
    t.branch('ledgered');
    const picked = t.commit('ledgered 1', { date: day(2) });
    const merged = t.commit('ledgered 2', { date: day(2, 12) });
    t.git(['config', 'branch.ledgered.goal', 'web']);
    await recordTaggedBranches(repo, strategy());
    await agree('branch recorded');
    t.checkout('main');
    t.git(['cherry-pick', picked], { GIT_COMMITTER_DATE: day(1) });
    const copy = t.git(['rev-parse', 'HEAD']);
    t.git(['merge', '-q', '--no-ff', '-m', "Merge branch 'ledgered'", 'ledgered'], { GIT_AUTHOR_DATE: day(1, 12), GIT_COMMITTER_DATE: day(1, 12) });
    await agree('cherry-picked and merged');
    t.git(['branch', '-D', 'ledgered']);
    await agree('deleted');
    const sources = async () => {
      const { json } = await scanWith(undefined, { since: 'all' });
      const rows = new Map((json as { rows: [string, { a: { source: string } }][] }).rows);
      return [rows.get(copy)?.a.source, rows.get(merged)?.a.source];
    };
    assert.deepEqual(await sources(), ['patch', 'merge'], 'the rules are in play, not only agreeing on untagged');
    t.git(['update-ref', '-d', 'refs/notes/goals-branches']);
    await agree('ledger deleted');
    assert.deepEqual(await sources(), ['untagged', 'untagged']);
  });
});

/** The same file with another version number in its header and a valid checksum. */
function withVersion(file: Buffer, version: number): Buffer {
  const magicLength = file.indexOf(10) + 1;
  const jsonLength = file.readUInt32LE(magicLength);
  const header = JSON.parse(file.toString('utf8', magicLength + 4, magicLength + 4 + jsonLength));
  const json = Buffer.from(JSON.stringify({ ...header, version }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const body = Buffer.concat([file.subarray(0, magicLength), length, json, file.subarray(magicLength + 4 + jsonLength, file.length - 4)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(body) >>> 0);
  return Buffer.concat([body, crc]);
}

