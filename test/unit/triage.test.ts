// The triage queue (issue 13) on one real repository: its content and order, `triage` writing
// nothing without --accept, --accept writing notes the report then counts, and a note with another
// goal written meanwhile kept. The tests run in order on the same history (each accept changes it).
import assert from 'node:assert/strict';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { GitRepo } from '../../src/core/git';
import { loadStrategyFile } from '../../src/core/strategy';
import { acceptTriage, readTriageQueue } from '../../src/core/triage/triage';
import { cliHere } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - id: checkout
    title: Checkout
    match: { paths: ["services/checkout/**"] }
  - id: search
    title: Search
    match: { branches: ["feat-search*"], keywords: [ranking] }
  - id: docs
    title: Docs
`;

interface QueueJson {
  untagged: number;
  leftOut: number;
  groups: { branch: string; items: { subject: string; goal: string; rule: string; reason: string }[] }[];
  accepted?: { sha: string; goal: string; outcome: string }[];
}

describe('strategy-align triage', () => {
  let repo: TestRepo;
  const notes = () => repo.git(['for-each-ref', 'refs/notes/']);
  const note = (sha: string) => repo.git(['notes', '--ref=refs/notes/goals', 'show', sha]);
  const report = async () => JSON.parse((await cliHere(repo.dir, ['report', '--format', 'json', '--no-cache'])).stdout) as AlignmentReport;
  const goalCommits = (r: AlignmentReport, id: string) => r.goals.find((g) => g.id === id)!.commits;
  const sha = (subject: string) =>
    repo
      .git(['log', '--all', '--format=%H %s'])
      .split('\n')
      .find((line) => line.slice(41) === subject)!
      .slice(0, 40);

  before(() => {
    repo = TestRepo.create();
    repo.write('strategy.yaml', STRATEGY);
    repo.commit('init');
    repo.commit('PAY-7 retry docs\n\nGoal: docs');
    repo.commit('OPS-3 alerts\n\nGoal: docs');
    repo.commit('OPS-3 alert on checkout\n\nGoal: checkout');
    repo.commit('Fix typo');
    repo.commit('Tune checkout', { files: { 'services/checkout/a.ts': 'a' } });
    repo.commit('OPS-3 more alerts'); // OPS-3 is tagged with two goals: no suggestion
    repo.branch('fix-login');
    repo.commit('PAY-7 follow-up');
    repo.commit('Adjust services', { files: { 'services/checkout/b.ts': 'b' } });
    repo.commit('Improve ranking');
    repo.branch('feat-search-facets', 'main');
    const sameSecond = new Date(Date.now() - 86_400_000).toISOString(); // newest first by ancestry, not by sha
    repo.commit('Facets', { date: sameSecond });
    repo.commit('Facets more', { date: sameSecond });
    repo.checkout('main');
  });
  after(() => repo.cleanup());

  it('lists untagged work with a suggestion by branch (most first), newest first, with why; the rest is counted', async () => {
    const run = await cliHere(repo.dir, ['triage', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const queue = JSON.parse(run.stdout) as QueueJson;
    assert.deepEqual(
      queue.groups.map((g) => [g.branch, g.items.map((i) => [i.subject, i.goal, i.rule])]),
      [
        [
          'fix-login',
          [
            ['Improve ranking', 'search', 'match'],
            ['Adjust services', 'checkout', 'match'],
            ['PAY-7 follow-up', 'docs', 'key'],
          ],
        ],
        [
          'feat-search-facets',
          [
            ['Facets more', 'search', 'match'],
            ['Facets', 'search', 'match'],
          ],
        ],
        ['main', [['Tune checkout', 'checkout', 'match']]],
      ],
    );
    assert.equal(queue.groups[0].items[2].reason, 'PAY-7 is tagged docs elsewhere');
    assert.equal(queue.untagged, 9);
    assert.equal(queue.leftOut, 3); // init, Fix typo, OPS-3 more alerts
    const text = await cliHere(repo.dir, ['triage']);
    assert.match(text.stdout, /^fix-login \(3\)\n {2}[0-9a-f]{7} {2}Improve ranking {2}→ search {2}\(keyword 'ranking' in 1 message\)$/m);
    assert.match(text.stdout, /1 of 1 changed file matches services\/checkout\/\*\*/);
    assert.match(text.stdout, /3 more untagged without a suggestion/);
  });

  it('writes nothing without --accept, nor with --dry-run', async () => {
    const before = notes();
    assert.equal((await cliHere(repo.dir, ['triage'])).code, 0);
    const dry = await cliHere(repo.dir, ['triage', '--accept', '--dry-run', '--branch', 'fix-login']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /--accept would write 3 goal notes/);
    assert.match(dry.stdout, /^ {2}[0-9a-f]{7} Goal: docs$/m);
    assert.equal(notes(), before);
  });

  it('says what is wrong on bad input, in one line, exit 2', async () => {
    for (const args of [['--branch', 'nope'], ['--format', 'xml'], ['extra'], ['--since', 'soon']]) {
      const run = await cliHere(repo.dir, ['triage', ...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /^strategy-align: .+\n$/, args.join(' '));
    }
  });

  it('--accept writes one branch as notes that the report then counts', async () => {
    const before = await report();
    const run = await cliHere(repo.dir, ['triage', '--accept', '--branch', 'fix-login', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      (JSON.parse(run.stdout) as QueueJson).accepted!.map((a) => [a.goal, a.outcome]),
      [
        ['search', 'written'],
        ['checkout', 'written'],
        ['docs', 'written'],
      ],
    );
    assert.equal(note(sha('PAY-7 follow-up')), 'Goal: docs');
    const after = await report();
    assert.equal(after.totals.untagged, before.totals.untagged - 3);
    assert.equal(goalCommits(after, 'search'), goalCommits(before, 'search') + 1);
    assert.equal(goalCommits(after, 'checkout'), goalCommits(before, 'checkout') + 1);
    assert.equal(goalCommits(after, 'docs'), goalCommits(before, 'docs') + 1);
    const left = JSON.parse((await cliHere(repo.dir, ['triage', '--format', 'json'])).stdout) as QueueJson;
    assert.deepEqual(
      left.groups.map((g) => g.branch),
      ['feat-search-facets', 'main'],
    );
  });

  it('keeps a note with another goal written after the queue was read', async () => {
    const git = await GitRepo.open(repo.dir);
    const { strategy } = await loadStrategyFile(`${repo.dir}/strategy.yaml`);
    repo.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Reviewed-by: Ann', sha('Facets more')]); // a note, but no goal in it
    const { queue } = await readTriageQueue(git, strategy!);
    const items = queue.groups.flatMap((g) => g.items);
    const tune = sha('Tune checkout');
    repo.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: search', tune]); // someone else, meanwhile
    const accepted = await acceptTriage(git, strategy!, items);
    assert.deepEqual(
      accepted.map((a) => [a.item.subject, a.outcome]),
      [
        ['Facets more', 'written'],
        ['Facets', 'written'],
        ['Tune checkout', 'kept'],
      ],
    );
    assert.equal(note(tune), 'Goal: search');
    assert.equal(note(sha('Facets')), 'Goal: search');
    assert.equal(note(sha('Facets more')), 'Reviewed-by: Ann\n\nGoal: search', 'appended, as git notes append does');
    const again = await acceptTriage(git, strategy!, items);
    assert.deepEqual(
      again.map((a) => a.outcome),
      ['same', 'same', 'kept'],
    );
  });

  it('loses no note when two writers publish at once', async () => {
    const [a, b] = await Promise.all([GitRepo.open(repo.dir), GitRepo.open(repo.dir)]);
    const [typo, init] = [sha('Fix typo'), sha('init')];
    await Promise.all([a.addGoalNotes([{ sha: typo, goals: ['docs'] }], 'Goal'), b.addGoalNotes([{ sha: init, goals: ['docs'] }], 'Goal')]);
    assert.deepEqual([note(typo), note(init)], ['Goal: docs', 'Goal: docs']);
  });
});
