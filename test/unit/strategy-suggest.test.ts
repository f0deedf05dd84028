// Goal suggestions for untagged work, from each goal's match rules.
import assert from 'node:assert/strict';
import { parseStrategy, suggestGoals } from '../../src/core/strategy';

const strategy = parseStrategy(`version: 1
goals:
  - id: checkout
    title: Checkout
    match: { paths: ["services/checkout/**", "libs/cart/**"], branches: ["pay/**"], keywords: [latency, checkout-flow] }
  - id: docs
    title: Docs
    match: { paths: ["docs/**"], keywords: [readme] }
  - id: legacy
    title: Legacy
    status: stopped
    match: { paths: ["admin-legacy/**"] }
  - id: twin
    title: Twin of docs
    match: { paths: ["docs/**"] }
`).strategy!;

const ids = (s: ReturnType<typeof suggestGoals>) => s.map((x) => x.goal.id);

describe('goal suggestions from match rules', () => {
  it('counts changed files against paths, naming the globs that matched', () => {
    const [first] = suggestGoals(strategy, { files: ['services/checkout/a.ts', 'services/checkout/b.ts', 'libs/cart/c.ts', 'README.md'] });
    assert.equal(first.goal.id, 'checkout');
    assert.deepEqual(first.reasons, ['3 of 4 changed files match services/checkout/**, libs/cart/**']);
  });

  it('scores more matched files higher', () => {
    const found = suggestGoals(strategy, { files: ['services/checkout/a.ts', 'docs/a.md', 'docs/b.md'] });
    assert.deepEqual(ids(found), ['docs', 'twin', 'checkout']);
    assert.ok(found[0].score > found[2].score);
  });

  it('matches the branch name against branches', () => {
    const found = suggestGoals(strategy, { branch: 'pay/faster' });
    assert.deepEqual(
      found.map((s) => [s.goal.id, s.reasons]),
      [['checkout', ['branch matches pay/**']]],
    );
    assert.deepEqual(suggestGoals(strategy, { branch: 'payments/x' }), []);
  });

  it('finds keywords as whole words, case-insensitive, in messages and the branch name', () => {
    const found = suggestGoals(strategy, { branch: 'fix/Latency-spike', messages: ['Cut LATENCY', 'more latency work', 'latencyometer'] });
    assert.deepEqual(
      found.map((s) => [s.goal.id, s.reasons]),
      [['checkout', ["keyword 'latency' in the branch name and 2 messages"]]],
    );
    assert.deepEqual(suggestGoals(strategy, { messages: ['latencyometer', 'prelatency'] }), []);
    assert.deepEqual(ids(suggestGoals(strategy, { branch: 'feat/checkout-flow-v2' })), ['checkout'], 'a keyword with a dash');
  });

  it('combines the evidence and orders best first', () => {
    const found = suggestGoals(strategy, {
      branch: 'pay/faster',
      files: ['services/checkout/a.ts', 'docs/x.md'],
      messages: ['Reduce latency', 'Update README'],
    });
    assert.deepEqual(ids(found), ['checkout', 'docs', 'twin']);
    assert.deepEqual(found[0].reasons, [
      '1 of 2 changed files matches services/checkout/**',
      'branch matches pay/**',
      "keyword 'latency' in 1 message",
    ]);
  });

  it('breaks ties by rank', () => {
    const found = suggestGoals(strategy, { files: ['docs/a.md'] });
    assert.deepEqual(ids(found), ['docs', 'twin']);
    assert.equal(found[0].score, found[1].score);
  });

  it('suggests stopped goals too, so stop-list work is flagged', () => {
    assert.deepEqual(ids(suggestGoals(strategy, { files: ['admin-legacy/page.tsx'] })), ['legacy']);
  });

  it('leaves out goals that match nothing', () => {
    assert.deepEqual(suggestGoals(strategy, { branch: 'misc', files: ['x'], messages: ['y'] }), []);
    assert.deepEqual(suggestGoals(strategy, {}), []);
  });
});
