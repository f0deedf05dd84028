// The bad-strategy.yaml corpus (test/fixtures/strategy, expected.json): every file gives exactly
// its expected diagnostics, read from disk as the CLI and the extension read it (times printed, not
// asserted: the corpus is about answers; strategy-limits.test.ts guards the costs that blow up);
// a file with an error never loads, and one without loads as the expected goals.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStrategyFile, parseStrategy, STRATEGY_FILE } from '../../src/core/strategy';
import { decodeStrategy } from '../../src/core/strategy/encoding';
import { corpus, mismatch } from './helpers/corpus';
import { timedAsync } from './helpers/timing';

const NOW = new Date(2026, 10, 24, 12);

describe('the strategy.yaml corpus', () => {
  const cases = corpus();
  const dir = mkdtempSync(join(tmpdir(), 'sa-corpus-'));
  const file = join(dir, STRATEGY_FILE);
  const times: Array<{ name: string; cpu: number; wall: number }> = [];
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    const slowest = times.sort((a, b) => b.cpu - a.cpu)[0];
    if (slowest)
      console.log(
        `      ${times.length} corpus files validated; slowest ${slowest.name}: ${slowest.cpu.toFixed(0)} ms CPU, ${slowest.wall.toFixed(0)} ms wall`,
      );
  });

  it('has at least 40 files, in every category the issue names', () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
    const categories = new Set(cases.map((c) => c.category));
    for (const category of [
      'syntax',
      'wrong types',
      'missing fields',
      'ids',
      'parents',
      'globs and regexes',
      'unknown keys and warnings',
      'encodings and line endings',
      'size, depth and aliases',
      'whole file',
    ]) {
      assert.ok(categories.has(category), category);
    }
  });

  for (const c of cases) {
    it(`${c.name}: ${c.about}`, async () => {
      writeFileSync(file, c.bytes);
      const { result, cpuMs, wallMs } = await timedAsync(() => loadStrategyFile(file, { now: NOW }));
      const time = { name: c.name, cpu: cpuMs, wall: wallMs };
      times.push(time);
      const problem = mismatch(result.diagnostics, c.expected);
      assert.equal(problem, undefined, problem);
      if (c.goals)
        assert.deepEqual(
          result.strategy?.goals.map((g) => g.id),
          c.goals,
        );
      else assert.equal(result.strategy, undefined, 'a file with an error must not load');
      // The editor lints its unsaved buffer as text: the same answer (for files that are text).
      const decoded = decodeStrategy(c.bytes);
      if ('text' in decoded) assert.deepEqual(parseStrategy(decoded.text, { now: NOW }).diagnostics, result.diagnostics);
    });
  }
});
