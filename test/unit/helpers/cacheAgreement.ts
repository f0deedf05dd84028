// The shared set-up of history-cache*.test.ts: the starting repository and the check that cold,
// in-memory warm and on-disk warm scans agree. Two files, each with its own repository, so that
// the two halves of these (long, sequential) tests run in parallel workers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GitRepo } from '../../../src/core/git';
import { HistoryCache } from '../../../src/core/history/historyCache';
import { type ScanOptions, type ScanResult, scanRepository } from '../../../src/core/scan/scan';
import { parseStrategy } from '../../../src/core/strategy';
import type { Strategy } from '../../../src/core/strategy/types';
import { day } from './scenario';
import { TestRepo } from './testRepo';

export const STRATEGY = `version: 1
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

export interface CacheAgreement {
  t: () => TestRepo;
  repo: () => GitRepo;
  file: () => string;
  setStrategy: (text: string) => void;
  strategy: () => Strategy;
  scanWith: (cache: HistoryCache | undefined, options: ScanOptions) => Promise<{ json: unknown; result: ScanResult }>;
  agree: (what: string) => Promise<void>;
  variants: ScanOptions[];
  memories: HistoryCache[];
  reads: number[];
  paths: string[];
}

/** Registers (inside a describe) the hooks that build the starting repository and warm the caches. */
export function cacheAgreement(): CacheAgreement {
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
  // Every measure, a start, an end and an author, in four scans rather than one scan each.
  const variants: ScanOptions[] = [
    { since: 'all', measure: 'commits' },
    { since: '5d', measure: 'days' },
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

  return {
    t: () => t,
    repo: () => repo,
    file: () => file,
    setStrategy: (text) => void (strategyText = text),
    strategy,
    scanWith,
    agree,
    variants,
    memories,
    reads,
    paths,
  };
}
