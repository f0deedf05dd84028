// The cache must never change a number (see history-cache.test.ts): changes to strategy.yaml, a
// broken or stale cache file and a moving clock, on a repository of their own.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { EffortMeasure } from '../../src/core/alignment/reportTypes';
import { CACHE_VERSION } from '../../src/core/history/cacheFile';
import { HistoryCache } from '../../src/core/history/historyCache';
import { type ScanResult, scanRepository } from '../../src/core/scan/scan';
import assert from 'node:assert/strict';
import { cacheAgreement } from './helpers/cacheAgreement';
import { day } from './helpers/scenario';
import { STRATEGY } from './helpers/cacheAgreement';

describe('the history cache gives exactly the numbers of a cold scan (strategy.yaml, cache file, clock)', () => {
  const c = cacheAgreement();
  const NOW = new Date();

  it('follows strategy.yaml: trailer key, goals, base, churn exclusions', async () => {
    c.setStrategy(STRATEGY.replace('settings:', 'settings:\n  trailer: Squashed'));
    await c.agree('trailer key');
    c.setStrategy(STRATEGY.replace('  - { id: web, title: Web }\n', ''));
    await c.agree('goals');
    c.t().branch('trunk', 'main', false);
    c.setStrategy(`${STRATEGY}  base: trunk\n`);
    await c.agree('base');
    c.setStrategy(STRATEGY.replace("['*.lock', 'gen/**']", "['*.txt']"));
    await c.agree('churn exclusions');
    c.setStrategy(STRATEGY);
  });

  it('rebuilds from git when the cache file is corrupt, truncated, of another version or deleted', async () => {
    await c.agree('before');
    const good = readFileSync(c.file());
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    writeFileSync(c.file(), flipped);
    await c.agree('a flipped byte');
    writeFileSync(c.file(), good.subarray(0, good.length - 100));
    await c.agree('truncated');
    writeFileSync(c.file(), withVersion(good, CACHE_VERSION + 1));
    await c.agree('another version');
    rmSync(c.file());
    await c.agree('deleted');
    assert.ok(existsSync(c.file()), 'written again');
  });

  it('keeps the numbers of a cold scan while `--since 10d` moves with the clock', async () => {
    for (const measure of ['commits', 'days'] as EffortMeasure[]) {
      for (const hours of [0, 0.001, 1, 30, 50, 24 * 4]) {
        const now = new Date(NOW.getTime() + hours * 3_600_000);
        const cold = await scanRepository(c.repo(), c.strategy(), { since: '10d', measure, now });
        const warm = await scanRepository(c.repo(), c.strategy(), { since: '10d', measure, now, cache: c.memories[0] });
        const strip = (r: ScanResult) => ({ ...r.report, generatedAt: '' });
        assert.deepStrictEqual(strip(warm), strip(cold), `${hours} h later, ${measure}`);
      }
    }
  });

  it('reads only what is new when the cache file is older than the repository', async () => {
    const stale = readFileSync(c.file());
    c.t().commit('one more', { date: day(1) });
    writeFileSync(c.file(), stale);
    const disk = await c.scanWith(new HistoryCache(c.file()), { since: 'all' });
    assert.equal(disk.result.stats.commitsRead, 1);
    await c.agree('stale file');
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
