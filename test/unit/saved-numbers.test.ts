// A reopened editor window's first numbers (issue 14): a scan's report input saved beside the
// history cache, read back only under the key of the same refs, config, strategy, measure and scope,
// gives exactly the report the scan gave. Real repository, real files.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepo } from '../../src/core/git';
import { buildReport } from '../../src/core/alignment/buildReport';
import { readReportInput, saveReportInput } from '../../src/core/scan/savedReport';
import { resolveRange } from '../../src/core/scan/period';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { savedNumbersFile, savedNumbersKey } from '../../src/extension/model/savedNumbers';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: api, title: API, share: 60 }
  - { id: web, title: Web }
`;
const NOW = new Date();

describe('the numbers a scan saves for a reopened editor window', () => {
  let t: TestRepo;
  let storage: string;
  const strategy = (text = STRATEGY) => parseStrategy(text).strategy!;

  beforeEach(() => {
    t = TestRepo.create();
    t.write('strategy.yaml', STRATEGY);
    t.commit('init', { date: day(20) });
    t.branch('api/feature');
    t.commit('feature 1\n\nGoal: api', { date: day(12) });
    t.commit('feature 2', { date: day(11) });
    t.checkout('main');
    t.commit('web work\n\nGoal: web', { date: day(5) });
    t.git(['config', 'branch.api/feature.goal', 'api']);
    storage = mkdtempSync(join(tmpdir(), 'sa-storage-'));
  });

  afterEach(() => {
    t.cleanup();
    rmSync(storage, { recursive: true, force: true });
  });

  it('gives back exactly the scan’s report, at a later clock in the same range', async () => {
    const scan = await scanRepository(await GitRepo.open(t.dir), strategy(), { since: '90d', now: NOW });
    const key = savedNumbersKey(t.dir, strategy(), 'commits', undefined)!;
    const file = savedNumbersFile(join(storage, 'history-0123.bin'));
    assert.equal(file, join(storage, 'history-0123-reports.bin'));
    await saveReportInput(file, key, scan, NOW);
    const later = new Date(NOW.getTime() + 60_000);
    const range = resolveRange('90d', undefined, later);
    const input = await readReportInput(file, key, range.since, range.until, later);
    assert.ok(input, 'read back under the same key');
    const { generatedAt: _a, ...saved } = buildReport({ ...input, ...range, now: later });
    const { generatedAt: _b, ...scanned } = (await scanRepository(await GitRepo.open(t.dir), strategy(), { since: '90d', now: later }))
      .report;
    assert.deepEqual(saved, scanned);
    assert.ok(saved.totals.commits > 0);
    assert.equal(await readReportInput(file, `${key}x`, range.since, range.until, later), undefined, 'another key reads nothing');
  });

  it('names the refs, the config, the strategy, the measure and the scope', () => {
    const key = () => savedNumbersKey(t.dir, strategy(), 'commits', undefined);
    const first = key();
    assert.ok(first);
    assert.equal(key(), first, 'the same inputs, the same key');
    assert.notEqual(savedNumbersKey(t.dir, strategy(STRATEGY.replace('title: Web', 'title: Website')), 'commits', undefined), first);
    assert.notEqual(savedNumbersKey(t.dir, strategy(), 'churn', undefined), first);
    assert.notEqual(savedNumbersKey(t.dir, strategy(), 'commits', 'dev@example.com'), first);
    t.git(['config', 'branch.api/feature.goal', 'web']);
    const retagged = key();
    assert.notEqual(retagged, first, 'a branch tag (config)');
    t.git(['branch', 'another']);
    assert.notEqual(key(), retagged, 'a new branch (refs)');
  });
});
