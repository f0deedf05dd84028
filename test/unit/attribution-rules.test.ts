// DESIGN §3, rule by rule, on the pure attribution functions.
import assert from 'node:assert/strict';
import { attributeCommit } from '../../src/core/attribution/attribute';
import { agreedGoal, patternGoal, resolveBranchGoal } from '../../src/core/attribution/branchGoal';
import type { Strategy } from '../../src/core/strategy/types';

const commit = (parts: { note?: string[]; trailer?: string[]; message?: string[] }) => ({
  noteGoals: parts.note ?? [],
  trailerGoals: parts.trailer ?? [],
  messageGoals: parts.message ?? [],
});

const strategy: Strategy = {
  version: 1,
  goals: ['checkout', 'onboarding'].map((id, i) => ({
    id,
    title: id,
    status: 'active',
    rank: i + 1,
    match: { paths: [], branches: [], keywords: [] },
  })),
  settings: { trailer: 'Goal', branchPattern: '^(?<goal>[a-z0-9-]+)/', untagged: { commits: 3, days: 2 }, maxActive: 3 },
};

describe('attribution rules (DESIGN §3)', () => {
  it('rule 1: a note wins over trailers and branches', () => {
    assert.deepEqual(attributeCommit(commit({ note: ['onboarding'], trailer: ['checkout'] }), ['checkout']), {
      source: 'note',
      goals: ['onboarding'],
    });
  });

  it('rule 2: trailers win over the branch', () => {
    assert.deepEqual(attributeCommit(commit({ trailer: ['checkout'] }), ['onboarding']), { source: 'trailer', goals: ['checkout'] });
  });

  it('rule 2: buried Goal lines count as trailer when the trailer block has none', () => {
    assert.deepEqual(attributeCommit(commit({ message: ['onboarding'] }), ['checkout']), { source: 'trailer', goals: ['onboarding'] });
  });

  it('rule 2: the trailer block wins over buried lines', () => {
    assert.deepEqual(attributeCommit(commit({ trailer: ['checkout'], message: ['onboarding'] }), []).goals, ['checkout']);
  });

  it('rule 2: several goals are kept once each (each then counts 1/k)', () => {
    assert.deepEqual(attributeCommit(commit({ trailer: ['checkout', 'onboarding', 'checkout'] }), []).goals, ['checkout', 'onboarding']);
  });

  it('rule 3: with no explicit goal, the tagged branches holding the commit give it theirs, split among distinct goals', () => {
    assert.deepEqual(attributeCommit(commit({}), ['checkout', 'onboarding', 'checkout']), {
      source: 'branch',
      goals: ['checkout', 'onboarding'],
    });
  });

  it('issue keys (issue 13): after note and trailer, before the branch; a branch goal from a name key is source issue', () => {
    const keyed = { ...commit({}), issueGoals: ['checkout', 'onboarding'] };
    assert.deepEqual(attributeCommit(keyed, ['onboarding']), { source: 'issue', goals: ['checkout', 'onboarding'] });
    assert.equal(attributeCommit({ ...keyed, trailerGoals: ['onboarding'] }, []).source, 'trailer');
    assert.deepEqual(attributeCommit(commit({}), { goals: ['checkout'], viaIssue: true }), { source: 'issue', goals: ['checkout'] });
    assert.equal(attributeCommit(commit({}), { goals: ['checkout'], viaIssue: false }).source, 'branch');
  });

  it('rule 4: nothing else means untagged', () => {
    assert.deepEqual(attributeCommit(commit({}), []), { source: 'untagged', goals: [] });
  });

  it('unknown ids are kept, never dropped', () => {
    assert.deepEqual(attributeCommit(commit({ trailer: ['moonshot'] }), []).goals, ['moonshot']);
  });
});

describe("a branch's goal", () => {
  it('git config wins over the name pattern and over the commits', () => {
    assert.deepEqual(resolveBranchGoal(strategy, { name: 'onboarding/x' }, 'checkout', [['onboarding']]), {
      goal: 'checkout',
      via: 'config',
    });
  });

  it('the name pattern gives a goal only when it names a goal of the strategy', () => {
    assert.equal(patternGoal(strategy, 'onboarding/signup'), 'onboarding');
    assert.equal(patternGoal(strategy, 'feature/signup'), undefined);
    assert.equal(patternGoal(strategy, 'onboarding'), undefined);
  });

  it('remote-tracking names are matched without the remote', () => {
    assert.equal(patternGoal(strategy, 'origin/checkout/cache', 'origin'), 'checkout');
    assert.equal(patternGoal(strategy, 'origin/feature', 'origin'), undefined);
  });

  it('a custom pattern is honoured and a broken one ignored', () => {
    const custom = { ...strategy, settings: { ...strategy.settings, branchPattern: '^[a-z]+-(?<goal>[a-z]+)$' } };
    assert.equal(patternGoal(custom, 'feat-checkout'), 'checkout');
    const broken = { ...strategy, settings: { ...strategy.settings, branchPattern: '(' } };
    assert.equal(patternGoal(broken, 'checkout/x'), undefined);
  });

  it('after config and pattern, an issue key in the name (any case, no remote) that a goal claims; before the commits', () => {
    const keyed = { ...strategy, goals: strategy.goals.map((g, i) => ({ ...g, issues: i === 0 ? ['PAY-*'] : ['PAY-12'] })) };
    const resolve = (name: string, remote?: string) => resolveBranchGoal(keyed, { name, remote }, undefined, [['onboarding']]);
    assert.deepEqual(resolve('pay-42-retry'), { goal: 'checkout', via: 'issue' });
    assert.deepEqual(resolve('origin/feature/PAY-12_fix', 'origin'), { goal: 'onboarding', via: 'issue' });
    assert.deepEqual(resolve('onboarding/PAY-42'), { goal: 'onboarding', via: 'pattern' });
    assert.deepEqual(resolve('SHOP-1-x'), { goal: 'onboarding', via: 'commits' });
  });

  it('else the one goal all explicit commits agree on', () => {
    assert.equal(agreedGoal([['checkout'], ['checkout']]), 'checkout');
    assert.equal(agreedGoal([['checkout'], ['onboarding']]), undefined);
    assert.equal(agreedGoal([['checkout', 'onboarding']]), undefined);
    assert.equal(agreedGoal([]), undefined);
    assert.deepEqual(resolveBranchGoal(strategy, { name: 'topic' }, undefined, [['onboarding']]), { goal: 'onboarding', via: 'commits' });
  });
});
