// The acceptance repository, scanned end to end: real git, the real strategy loader, the one
// attribution function, the report. Every number is worked out by hand in helpers/scenario.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribution } from '../../src/core/attribution/attribute';
import { GitRepo } from '../../src/core/git';
import { scanRepository, type ScanResult } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import type { Strategy } from '../../src/core/strategy/types';
import { buildScenario, day, EXPECTED, type Scenario, SCENARIO_STRATEGY } from './helpers/scenario';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('scanning the acceptance repository', () => {
  let scenario: Scenario;
  let strategy: Strategy;
  let result: ScanResult;
  const seen = new Map<string, Attribution>();

  before(async () => {
    scenario = buildScenario();
    const loaded = parseStrategy(SCENARIO_STRATEGY);
    assert.ok(loaded.strategy, JSON.stringify(loaded.diagnostics));
    strategy = loaded.strategy;
    result = await scanRepository(await GitRepo.open(scenario.repo.dir), strategy, { onCommit: (c, a) => seen.set(c.sha, a) });
  });
  after(() => scenario.repo.cleanup());

  it('counts every non-merge commit once, by source', () => {
    assert.deepEqual(result.report.totals, EXPECTED.totals);
    assert.equal(seen.has(scenario.shas.merge), false, 'the merge commit is excluded');
  });

  it('attributes each commit by the rule DESIGN §3 gives it', () => {
    const s = scenario.shas;
    assert.deepEqual(seen.get(s.c4), { source: 'note', goals: ['observability'] }, 'a note overrides the trailer');
    assert.deepEqual(seen.get(s.c5), { source: 'trailer', goals: ['onboarding'] }, 'buried Goal: line of a squash merge');
    assert.deepEqual(seen.get(s.c3), { source: 'trailer', goals: ['onboarding', 'observability'] });
    assert.deepEqual(seen.get(s.t1), { source: 'branch', goals: ['observability'] }, 'branch tagged in git config');
    assert.deepEqual(seen.get(s.s1), { source: 'branch', goals: ['onboarding'] }, 'branch named by the pattern');
    assert.deepEqual(seen.get(s.a2), { source: 'branch', goals: ['faster-checkout'] }, "the branch's explicit commits agree");
    assert.deepEqual(seen.get(s.fx1), { source: 'untagged', goals: [] }, 'feature/ is not a goal');
    assert.deepEqual(seen.get(s.m1), { source: 'untagged', goals: [] }, 'merged work is in main, not in main..branch');
  });

  it('gives each goal its (fractional) commits and keeps unknown ids', () => {
    for (const [id, commits] of Object.entries(EXPECTED.commits)) {
      close(result.report.goals.find((g) => g.id === id)!.commits, commits, id);
    }
    assert.deepEqual(
      result.report.unknownGoals.map((u) => [u.id, u.commits]),
      Object.entries(EXPECTED.unknown),
    );
    close(result.report.untagged.commits, EXPECTED.untaggedCommits, 'untagged');
  });

  it('divides shares by ALL effort, so goals + untagged + unknown sum to 1', () => {
    const r = result.report;
    const sum = r.goals.reduce((a, g) => a + g.share, 0) + r.untagged.share + r.unknownGoals.reduce((a, u) => a + u.share, 0);
    close(sum, 1, 'sum of shares');
    close(r.goals[0].share, 3 / 18, 'faster-checkout share');
    close(r.goals[0].targetShare ?? NaN, 0.5, 'target share');
    assert.equal(r.goals[3].targetShare, null);
  });

  it('finds the untagged branches and which are long-running', () => {
    const found = Object.fromEntries(result.report.untagged.branches.map((b) => [b.name, b.longRunning]));
    assert.deepEqual(found, EXPECTED.untaggedBranches);
    const big = result.report.untagged.branches.find((b) => b.name === 'big-untagged')!;
    assert.equal(big.commits, 3);
    assert.equal(Date.parse(big.oldest), Date.parse(scenario.repo.git(['log', '-1', '--format=%aI', scenario.shas.b1])));
  });

  it('computes the alignment block', () => {
    const a = result.report.alignment;
    assert.equal(a.topN, 3);
    close(a.topShare, EXPECTED.topShare, 'topShare');
    close(a.untaggedShare, 7 / 18, 'untaggedShare');
    close(a.unknownShare, 1 / 18, 'unknownShare');
    close(a.stoppedShare, 1 / 18, 'stoppedShare');
    assert.deepEqual(
      a.inversions.map((i) => [i.higher, i.lower]),
      EXPECTED.inversions,
    );
    close(a.rankCorrelation ?? NaN, EXPECTED.rankCorrelation, 'rankCorrelation');
    assert.deepEqual(a.staleGoals, []);
  });

  it('counts active days as distinct (author, day) pairs and authors per goal', () => {
    const onboarding = result.report.goals.find((g) => g.id === 'onboarding')!;
    assert.equal(onboarding.activeDays, 3);
    assert.equal(onboarding.authors, 2);
    assert.equal(Date.parse(onboarding.lastActivity ?? ''), Date.parse(day(4)), 'the last onboarding commit is s1');
  });

  it('lists the branches serving each goal', () => {
    const branchesOf = (id: string) => result.report.goals.find((g) => g.id === id)!.branches;
    assert.deepEqual(branchesOf('observability'), ['tagged-work']);
    assert.deepEqual(branchesOf('onboarding'), ['onboarding/signup']);
    assert.deepEqual(branchesOf('faster-checkout'), ['agree']);
  });

  it('puts every commit of effort into exactly one week', () => {
    const r = result.report;
    const weekly = r.weeks.reduce((a, w) => a + w.untagged + w.unknown + Object.values(w.goals).reduce((x, y) => x + y, 0), 0);
    close(weekly, r.totals.commits, 'weekly total');
    assert.ok(
      r.weeks.every((w) => new Date(`${w.start}T00:00:00Z`).getUTCDay() === 1),
      'weeks start on Monday',
    );
  });

  it('measures effort in active days when asked, still summing to 1', async () => {
    const days = await scanRepository(await GitRepo.open(scenario.repo.dir), strategy, { measure: 'days' });
    const r = days.report;
    assert.equal(r.measure, 'days');
    const sum = r.goals.reduce((a, g) => a + g.share, 0) + r.untagged.share + r.unknownGoals.reduce((a, u) => a + u.share, 0);
    close(sum, 1, 'sum of day shares');
    // 13 (author, day) units. Bob's day 18 is half onboarding, half observability; day 1 has six
    // commits: fx1 and b1-3 untagged, a1 and a2 faster-checkout.
    close(r.goals.find((g) => g.id === 'onboarding')!.share, 2.5 / 13, 'onboarding: ½ + c5 + s1');
    close(r.goals.find((g) => g.id === 'faster-checkout')!.share, (1 + 2 / 6) / 13, 'faster-checkout: c2 + 2/6 of day 1');
    close(r.untagged.share, (1 + 1 + 1 + 4 / 6) / 13, 'untagged: c1, m1, os1 and 4/6 of day 1');
    assert.equal(r.goals.find((g) => g.id === 'onboarding')!.commits, 2.5, 'commit counts do not change with the measure');
  });

  it('narrows the range with since and until', async () => {
    const repo = await GitRepo.open(scenario.repo.dir);
    const recent = await scanRepository(repo, strategy, { since: '6d' });
    // the last 6 days: t1, t2, s1, fx1, os1, b1-3, a1, a2
    assert.equal(recent.report.totals.commits, 10);
    assert.ok(recent.report.range.since);
    const old = await scanRepository(repo, strategy, {
      since: 'all',
      until: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    });
    assert.equal(old.report.range.since, null);
    assert.equal(old.report.totals.commits, 8, 'c1..c7 and m1');
  });

  it('counts only one author\'s work when asked ("mine")', async () => {
    const bob = await scanRepository(await GitRepo.open(scenario.repo.dir), strategy, { author: 'BOB@example.com' });
    assert.equal(bob.report.totals.commits, 1);
    assert.deepEqual(
      bob.report.goals.filter((g) => g.commits > 0).map((g) => [g.id, g.commits]),
      [
        ['onboarding', 0.5],
        ['observability', 0.5],
      ],
    );
  });

  it('reads remote-tracking branches in a clone, where config tags and notes do not travel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-clone-'));
    try {
      scenario.repo.git(['clone', '-q', scenario.repo.dir, dir]);
      const clone = await scanRepository(await GitRepo.open(dir), strategy, {});
      const r = clone.report;
      assert.equal(clone.base, 'main');
      assert.deepEqual(r.totals, {
        commits: 18,
        explicit: 7,
        branch: 2,
        untagged: 9,
        note: 0,
        trailer: 7,
        issue: 0,
        merge: 0,
        recorded: 0,
        patch: 0,
        squash: 0,
        sources: { note: 0, trailer: 7, issue: 0, branch: 2, merge: 0, recorded: 0, patch: 0, squash: 0, untagged: 9 },
        attributed: 9,
        attributedShare: 0.5,
      });
      close(r.goals.find((g) => g.id === 'faster-checkout')!.commits, 4, 'c4 counts its trailer without the note');
      assert.deepEqual(r.goals.find((g) => g.id === 'onboarding')!.branches, ['origin/onboarding/signup']);
      assert.deepEqual(r.untagged.branches, [], 'only local branches are untagged work');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
