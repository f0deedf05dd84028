// The alignment numbers, checked against hand calculations.
import assert from 'node:assert/strict';
import { averageRanks, inversions, rankCorrelation, topShare } from '../../src/core/alignment/metrics';
import { weekStart, WeekSeries } from '../../src/core/alignment/weeks';

const goals = (shares: number[]) => shares.map((share, i) => ({ id: `g${i + 1}`, title: `Goal ${i + 1}`, rank: i + 1, share }));

describe('alignment metrics', () => {
  it('Spearman is +1 when effort follows the ranking and -1 when it runs against it', () => {
    assert.equal(rankCorrelation(goals([0.5, 0.3, 0.2])), 1);
    assert.equal(rankCorrelation(goals([0.1, 0.3, 0.6])), -1);
  });

  it('Spearman matches a hand calculation with ties (average ranks)', () => {
    // effort ranks of [0.4, 0.4, 0.2] are [1.5, 1.5, 3]; priority [1, 2, 3]
    // dx = [-1, 0, 1], dy = [-0.5, -0.5, 1] → sxy = 1.5, sxx = 2, syy = 1.5 → 1.5 / sqrt(3) = 0.8660
    assert.ok(Math.abs((rankCorrelation(goals([0.4, 0.4, 0.2])) ?? 0) - 1.5 / Math.sqrt(3)) < 1e-9);
    assert.deepEqual(averageRanks([3, 1, 3, 2]), [3.5, 1, 3.5, 2]);
  });

  it('Spearman is null for fewer than two goals or equal effort everywhere', () => {
    assert.equal(rankCorrelation(goals([0.5])), null);
    assert.equal(rankCorrelation(goals([0.2, 0.2, 0.2])), null);
  });

  it('inversions list every pair where a lower-ranked goal got more, in plain words', () => {
    const found = inversions(goals([0.12, 0.2, 0.05, 0.31]));
    assert.deepEqual(
      found.map((i) => [i.higher, i.lower]),
      [
        ['g1', 'g2'],
        ['g1', 'g4'],
        ['g2', 'g4'],
        ['g3', 'g4'],
      ],
    );
    assert.equal(found[1].message, "#4 'Goal 4' got 31% of the effort, more than #1 'Goal 1' with 12%");
    assert.deepEqual(inversions(goals([0.5, 0.3, 0.3])), []);
  });

  it('top share sums the first N goals', () => {
    assert.ok(Math.abs(topShare(goals([0.3, 0.2, 0.1, 0.4]), 3) - 0.6) < 1e-12);
    assert.ok(Math.abs(topShare(goals([0.3, 0.2]), 3) - 0.5) < 1e-12);
  });

  it('weeks start on Monday and gaps are filled', () => {
    assert.equal(weekStart('2026-11-24'), '2026-11-23'); // a Tuesday
    assert.equal(weekStart('2026-11-23'), '2026-11-23'); // a Monday
    assert.equal(weekStart('2026-11-29'), '2026-11-23'); // a Sunday
    const series = new WeekSeries();
    series.add('2026-11-02', { goal: 'a' }, 1);
    series.add('2026-11-20', {}, 0.5);
    series.add('2026-11-21', { goal: 'zz', unknown: true }, 1);
    const weeks = series.toArray();
    assert.deepEqual(
      weeks.map((w) => w.start),
      ['2026-11-02', '2026-11-09', '2026-11-16'],
    );
    assert.equal(weeks[0].goals.get('a'), 1);
    assert.equal(weeks[1].goals.size, 0);
    assert.equal(weeks[2].untagged, 0.5);
    assert.equal(weeks[2].unknown, 1);
  });
});
