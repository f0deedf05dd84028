// The branch a merge commit's subject names, for the five forms git and the hosting services write
// (issue 12), with names that try to break the parsing: quotes, slashes, unicode, look-alikes.
import assert from 'node:assert/strict';
import { mergedBranch } from '../../src/core/attribution/mergeSubject';

const TABLE: [subject: string, name: string | undefined, form?: string][] = [
  // git
  ["Merge branch 'feat-a'", 'feat-a', 'git'],
  ["Merge branch 'feat-a' into develop", 'feat-a', 'git'],
  ["Merge branch 'topic/x' of github.com:acme/shop", 'topic/x', 'git'],
  ["Merge branch 'topic/x' of https://example.com/a/b.git into release/1.2", 'topic/x', 'git'],
  ["Merge branch 'it's-fine'", "it's-fine", 'git'],
  ["Merge branch 'a'b'", "a'b", 'git'],
  ["Merge branch 'onboarding/über-ñ'", 'onboarding/über-ñ', 'git'],
  ["Merge branch '日本/機能'", '日本/機能', 'git'],
  ['Merge branch \'checkout/"quoted"\'', 'checkout/"quoted"', 'git'],
  // git, remote-tracking: the remote is not part of the branch's name
  ["Merge remote-tracking branch 'origin/feat-a'", 'feat-a', 'git-remote'],
  ["Merge remote-tracking branch 'upstream/checkout/fast' into main", 'checkout/fast', 'git-remote'],
  ["Merge remote-tracking branch 'origin'", undefined],
  // GitHub: the owner (or fork) is not part of the branch's name
  ['Merge pull request #12 from acme/feat-a', 'feat-a', 'github'],
  ['Merge pull request #7 from some-fork/onboarding/x', 'onboarding/x', 'github'],
  ["Merge pull request #9 from o/it's/ü", "it's/ü", 'github'],
  ['Merge pull request #9 from nobranch', undefined],
  ['Merge pull request #x from acme/feat', undefined],
  // GitLab
  ["Merge branch 'feat-a' into 'main'", 'feat-a', 'gitlab'],
  ["Merge branch 'checkout/it's' into 'release/2'", "checkout/it's", 'gitlab'],
  // Bitbucket
  ['Merged in feat-a (pull request #3)', 'feat-a', 'bitbucket'],
  ['Merged in onboarding/ü-x (pull request #1234)', 'onboarding/ü-x', 'bitbucket'],
  // not merges of a named branch
  ["Merge branches 'a' and 'b'", undefined],
  ["Merge tag 'v1.2'", undefined],
  ['Merge the checkout work', undefined],
  ["merge branch 'feat-a'", undefined],
  ["Merge branch 'has space'", undefined],
  ["Merge branch ''", undefined],
  ['Checkout: faster (#12)', undefined],
  ['', undefined],
];

describe('the branch a merge subject names', () => {
  for (const [subject, name, form] of TABLE) {
    it(`${JSON.stringify(subject)} → ${name === undefined ? 'none' : JSON.stringify(name)}`, () => {
      const merged = mergedBranch(subject);
      assert.equal(merged?.name, name);
      if (form) assert.equal(merged?.form, form);
    });
  }

  it('is linear on hostile subjects (no backtracking blow-up)', () => {
    const long = `Merge branch '${"'".repeat(50_000)}${'a'.repeat(50_000)} into`;
    const started = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) mergedBranch(long);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 2_000, `${ms} ms`); // a last guard: quadratic backtracking takes minutes here
  });
});
