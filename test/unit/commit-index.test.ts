// The Goals tree's commit lists, read from a scan's history on demand (issue 14): the same commits
// and attributions the scan reported for every commit in range, newest first, the goal's branches'
// own commits left out of "Commits on other branches", nothing out of range, and long lists capped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { GitRepo } from '../../src/core/git';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { CommitIndex, MAX_LISTED } from '../../src/extension/model/commitIndex';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const strategy = parseStrategy('version: 1\ngoals:\n  - { id: api, title: API }\n  - { id: web, title: Web }\n').strategy!;

describe('the tree’s commit lists (CommitIndex)', () => {
  it('lists what the scan attributed, newest first, a goal’s branches apart, nothing out of range', async () => {
    const t = TestRepo.create();
    const old = t.commit('old work\n\nGoal: api', { date: day(60) });
    t.commit('first\n\nGoal: api', { date: day(9) });
    t.commit('web thing\n\nGoal: web', { date: day(8) });
    t.commit('second\n\nGoal: api', { date: day(6) });
    t.commit('both\n\nGoal: api\nGoal: web', { date: day(5) });
    t.commit('chore', { date: day(4) });
    t.branch('api/feature');
    const f1 = t.commit('feature one', { date: day(3) });
    const f2 = t.commit('feature two', { date: day(2) });
    const seen = new Map<string, { goals: string[]; date: string }>();
    const scan = await scanRepository(await GitRepo.open(t.dir), strategy, {
      since: '30d',
      onCommit: (c, a) => seen.set(c.sha, { goals: a.goals, date: c.authorDate }),
    });
    const index = new CommitIndex(scan);
    const newestFirst = (shas: string[]) => [...shas].sort((a, b) => Date.parse(seen.get(b)!.date) - Date.parse(seen.get(a)!.date));
    const withGoal = (goal: string) => newestFirst([...seen].filter(([, v]) => v.goals.includes(goal)).map(([sha]) => sha));

    for (const goal of ['api', 'web']) {
      const list = index.ofGoal(goal);
      assert.deepEqual(
        list.shown.map((e) => e.commit.sha),
        withGoal(goal),
        goal,
      );
      assert.equal(list.total, withGoal(goal).length);
      for (const entry of list.shown) assert.deepEqual(entry.attribution.goals, seen.get(entry.commit.sha)!.goals);
    }
    assert.ok(withGoal('api').includes(f1) && withGoal('api').includes(f2), 'the branch name gives its commits the goal');
    const feature = scan.branches.find((b) => b.name === 'api/feature')!;
    const others = index.outsideBranches('api');
    assert.deepEqual(
      others.shown.map((e) => e.commit.sha),
      withGoal('api').filter((sha) => !feature.unique.has(sha)),
      'the api branch’s own commits are listed under it, not among the others',
    );
    assert.equal(others.total, withGoal('api').length - 2);
    assert.equal(index.outsideBranches('web').total, withGoal('web').length, 'no branch is tagged web');
    assert.deepEqual(
      index.ofShas(feature.unique).shown.map((e) => e.commit.sha),
      [f2, f1],
    );

    assert.equal(index.get(old), undefined, 'a commit before the range is not listed');
    assert.ok(!index.ofGoal('api').shown.some((e) => e.commit.sha === old));
    assert.equal(index.ofShas([old, f1]).total, 1);
    assert.equal(index.has(f1), true);
    assert.equal(index.get(f1)!.commit.subject, 'feature one');
    t.cleanup();
  });

  it(`caps a list at ${MAX_LISTED} commits, the newest, and says how many there are`, async () => {
    const t = TestRepo.create();
    const count = MAX_LISTED + 7;
    const start = Math.floor(Date.now() / 1000) - count * 60 - 3600;
    let stream = '';
    for (let i = 0; i < count; i++) {
      const when = start + i * 60;
      const message = `change ${i}\n\nGoal: api\n`;
      stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter A <a@example.com> ${when} +0000\ndata ${Buffer.byteLength(message)}\n${message}${i ? `from :${i}\n` : ''}M 644 inline f.txt\ndata ${String(i).length}\n${i}\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: t.dir, input: stream });
    const scan = await scanRepository(await GitRepo.open(t.dir), strategy, { since: 'all' });
    const list = new CommitIndex(scan).ofGoal('api');
    assert.equal(list.total, count);
    assert.equal(list.shown.length, MAX_LISTED);
    assert.equal(list.shown[0].commit.subject, `change ${count - 1}`, 'the newest first');
    assert.equal(list.shown[MAX_LISTED - 1].commit.subject, `change ${count - MAX_LISTED}`);
    t.cleanup();
  });
});
