// The repository of the acceptance criteria, built by hand as a new user would: trailers, a note
// overriding a trailer, a squash merge with a buried Goal: line, a branch tagged in git config, a
// branch named by the pattern, a multi-goal commit, an unknown id, a stopped goal, untagged branches
// of several ages and sizes, and a merge commit. EXPECTED holds the numbers DESIGN §3 implies,
// worked out by hand in the comments.
import { TestRepo } from './testRepo';

/** `hour`:00 UTC on the day `n` days before today (UTC): whole days stay whole whatever the clock. */
export function day(n: number, hour = 10): string {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  return new Date(midnight.getTime() - n * 86_400_000 + hour * 3_600_000).toISOString();
}

/**
 * Whether the clock is in the last two minutes before a whole hour, where the scenario's commits (made
 * at whole hours, day()) turn a day older: an output is saved only when it holds a minute at least
 * (warm.ts), so there a run may rightly render instead of printing the saved output.
 */
export function nearScenarioHour(): boolean {
  const now = new Date();
  return now.getUTCMinutes() >= 58;
}

export const SCENARIO_STRATEGY = `version: 1
period: 2026-Q4
goals:
  - id: faster-checkout
    title: Cut checkout p95 below 400 ms
    share: 50
    match: { keywords: [checkout] }
  - id: onboarding
    title: Self-serve onboarding
    share: 30
  - id: observability
    title: Observability
    share: 20
  - id: legacy-admin
    title: New features in the legacy admin UI
    status: stopped
settings:
  untagged: { commits: 3, days: 2 }
`;

const BOB = { name: 'Bob', email: 'bob@example.com' };

export interface Scenario {
  repo: TestRepo;
  shas: Record<string, string>;
}

export function buildScenario(): Scenario {
  const repo = TestRepo.create();
  const s: Record<string, string> = {};
  repo.write('strategy.yaml', SCENARIO_STRATEGY);
  s.c1 = repo.commit('Initial commit', { date: day(20) }); // untagged
  s.c2 = repo.commit('Speed up cart\n\nGoal: faster-checkout', { date: day(19) }); // faster-checkout (trailer)
  s.c3 = repo.commit('Onboarding wizard with metrics\n\nGoal: onboarding, observability', { date: day(18), author: BOB }); // ½ + ½
  s.c4 = repo.commit('Fix typo\n\nGoal: faster-checkout', { date: day(17) }); // the note below wins: observability
  repo.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: observability', s.c4]);
  s.c5 = repo.commit(
    'Squashed signup flow (#12)\n\n* add signup form\nGoal: onboarding\n* fix validation\n\nSigned-off-by: Test Author <author@example.com>',
    { date: day(16) },
  ); // onboarding (buried line)
  s.c6 = repo.commit('Mystery work\n\nGoal: moonshot', { date: day(15) }); // unknown id
  s.c7 = repo.commit('Legacy admin tweak\n\nGoal: legacy-admin', { date: day(14) }); // stopped goal

  repo.branch('merged-feature');
  s.m1 = repo.commit('Merged feature work', { date: day(13) }); // untagged, reaches main by a merge
  repo.checkout('main');
  s.merge = repo.merge('merged-feature', day(13)); // merge commit: excluded

  repo.branch('tagged-work', 'main');
  s.t1 = repo.commit('Add tracing spans', { date: day(3) }); // observability via branch config
  s.t2 = repo.commit('Add dashboards', { date: day(2) });
  repo.git(['config', 'branch.tagged-work.goal', 'observability']);

  repo.branch('onboarding/signup', 'main');
  s.s1 = repo.commit('Signup emails', { date: day(4) }); // onboarding via the name pattern

  repo.branch('feature/x', 'main');
  s.fx1 = repo.commit('Small tweak', { date: day(1, 1) }); // untagged, under 2 days old and 1 commit: not long-running

  repo.branch('old-spike', 'main');
  s.os1 = repo.commit('Spike an idea', { date: day(5) }); // untagged, over 4 days old: long-running

  repo.branch('big-untagged', 'main');
  s.b1 = repo.commit('Part one', { date: day(1, 2) }); // untagged, 3 commits: long-running
  s.b2 = repo.commit('Part two', { date: day(1, 3) });
  s.b3 = repo.commit('Part three', { date: day(1, 4) });

  repo.branch('agree', 'main');
  s.a1 = repo.commit('Checkout cache\n\nGoal: faster-checkout', { date: day(1, 5) }); // trailer
  s.a2 = repo.commit('Checkout cache tests', { date: day(1, 6) }); // faster-checkout: the branch's commits agree
  repo.checkout('main');
  return { repo, shas: s };
}

/** 18 non-merge commits: explicit 7 (note 1, trailer 6), branch 4, untagged 7. */
export const EXPECTED = {
  totals: {
    commits: 18,
    explicit: 7,
    branch: 4,
    untagged: 7,
    note: 1,
    trailer: 6,
    issue: 0,
    merge: 0,
    recorded: 0,
    patch: 0,
    squash: 0,
    sources: { note: 1, trailer: 6, issue: 0, branch: 4, merge: 0, recorded: 0, patch: 0, squash: 0, untagged: 7 },
    attributed: 11,
    attributedShare: 0.611111111111,
  },
  commits: { 'faster-checkout': 3, onboarding: 2.5, observability: 3.5, 'legacy-admin': 1 },
  unknown: { moonshot: 1 },
  untaggedCommits: 7,
  untaggedBranches: { 'feature/x': false, 'old-spike': true, 'big-untagged': true },
  // active goals by rank: 3, 2.5, 3.5 → inversions (faster-checkout < observability), (onboarding < observability)
  inversions: [
    ['faster-checkout', 'observability'],
    ['onboarding', 'observability'],
  ],
  // priority [1,2,3] vs effort ranks [2,3,1]: Spearman = -0.5
  rankCorrelation: -0.5,
  topShare: 9 / 18,
};
