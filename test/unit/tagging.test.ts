// Commit-box trailers, branch names for a goal and the strategy.yaml template.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseStrategy } from '../../src/core/strategy';
import { appendGoalTrailer, branchNameForGoal, isValidBranchName, slugify, strategyTemplate } from '../../src/core/tagging';

describe('the Goal trailer in a commit message being written', () => {
  it('starts an empty message with the trailer below the subject line', () => {
    assert.equal(appendGoalTrailer('', 'Goal', 'checkout'), '\n\nGoal: checkout');
  });

  it('adds a paragraph after what the user typed, keeping it intact', () => {
    assert.equal(appendGoalTrailer('Fix cart\n\nLonger body.\n', 'Goal', 'checkout'), 'Fix cart\n\nLonger body.\n\nGoal: checkout');
  });

  it('joins an existing trailer block', () => {
    assert.equal(
      appendGoalTrailer('Fix cart\n\nCo-authored-by: B <b@x.org>', 'Goal', 'checkout'),
      'Fix cart\n\nCo-authored-by: B <b@x.org>\nGoal: checkout',
    );
  });

  it('joins a trailer block with a comment line in it, which git skips (found by the property test)', () => {
    assert.equal(
      appendGoalTrailer('Fix\n\nCo-authored-by: B <b@x.org>\n#', 'Objective', 'a'),
      'Fix\n\nCo-authored-by: B <b@x.org>\n#\nObjective: a',
    );
  });

  it('joins a trailer block written with CRLF, with an empty value or a folded line, as git reads them', () => {
    assert.equal(
      appendGoalTrailer('Fix\r\n\r\nSigned-off-by: A <a@x.org>\r\n', 'Goal', 'checkout'),
      'Fix\r\n\r\nSigned-off-by: A <a@x.org>\nGoal: checkout',
    );
    assert.equal(appendGoalTrailer('Fix\n\nReviewed-by:', 'Goal', 'checkout'), 'Fix\n\nReviewed-by:\nGoal: checkout');
    assert.equal(
      appendGoalTrailer('Fix\n\nNote: a long\n  folded value', 'Goal', 'checkout'),
      'Fix\n\nNote: a long\n  folded value\nGoal: checkout',
    );
    // With a line git writes itself, a paragraph a quarter trailers is the block (trailer.c).
    assert.equal(
      appendGoalTrailer('Fix\n\nsome words\nSigned-off-by: A <a@x.org>', 'Goal', 'checkout'),
      'Fix\n\nsome words\nSigned-off-by: A <a@x.org>\nGoal: checkout',
    );
    assert.equal(appendGoalTrailer('Fix\n\nsome words\nNote: x', 'Goal', 'checkout'), 'Fix\n\nsome words\nNote: x\n\nGoal: checkout');
  });

  it('never duplicates or replaces a Goal line the user wrote', () => {
    for (const typed of ['Fix\n\nGoal: other', 'Fix\n\ngoal: other', 'Squash\n\nGoal: x\n* more', 'Fix\n\nGoal : spaced']) {
      assert.equal(appendGoalTrailer(typed, 'Goal', 'checkout'), typed);
    }
  });

  it('uses the configured key', () => {
    assert.equal(appendGoalTrailer('Fix', 'Objective', 'speed'), 'Fix\n\nObjective: speed');
  });
});

describe('branch names for a goal', () => {
  const strategy = (branchPattern: string) =>
    parseStrategy(`version: 1\ngoals:\n  - { id: checkout, title: C }\nsettings:\n  branchPattern: "${branchPattern}"\n`).strategy!;

  it('slugifies topics', () => {
    assert.equal(slugify('  Faster Cart: Über-fast! '), 'faster-cart-uber-fast');
    assert.equal(slugify('x'.repeat(60)).length, 40);
  });

  it('follows the default pattern <goal>/<slug>', () => {
    assert.deepEqual(branchNameForGoal(strategy('^(?<goal>[a-z0-9-]+)/'), 'checkout', 'Cache totals'), {
      name: 'checkout/cache-totals',
      carriesGoal: true,
    });
  });

  it('fits a custom pattern, or says the name cannot carry the goal', () => {
    assert.deepEqual(branchNameForGoal(strategy('^(?<goal>[a-z]+)-'), 'checkout', 'x'), { name: 'checkout-x', carriesGoal: true });
    assert.equal(branchNameForGoal(strategy('^team/(?<goal>[a-z]+)/'), 'checkout', 'x').carriesGoal, false);
  });

  it('validates branch names as git does', () => {
    for (const name of [
      'checkout/x',
      'a.b',
      'x-1',
      '-bad',
      'a..b',
      'a b',
      'a~1',
      'x.lock',
      'a/',
      '.hidden',
      'a@{b',
      'ok/sub.dir',
      'a/.b',
      'c:d',
    ]) {
      const git = spawnSync('git', ['check-ref-format', '--branch', name]).status === 0;
      assert.equal(isValidBranchName(name), git, name);
    }
  });
});

describe('the strategy.yaml template', () => {
  it('is valid as written, ranked, with a stopped goal', () => {
    const result = parseStrategy(strategyTemplate('2026-Q4'));
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(
      result.strategy!.goals.map((g) => g.status),
      ['active', 'active', 'stopped'],
    );
    assert.equal(result.strategy!.period, '2026-Q4');
  });
});
