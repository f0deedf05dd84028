// Issue keys in messages and branch names, and the goals that `issues:` patterns give them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { GitRepo } from '../../src/core/git';
import { goalLinesIn } from '../../src/core/git/goalLines';
import { FLAG_GOALS_IN_BODY } from '../../src/core/history/commitTable';
import { HistoryCache } from '../../src/core/history/historyCache';
import { IssueClaims, issueKeysIn, issuePatternProblem } from '../../src/core/issueKeys';
import { TestRepo } from './helpers/testRepo';

describe('issue keys', () => {
  const read: [text: string, keys: string[], anyCase?: boolean][] = [
    ['PAY-123: retry declined cards', ['PAY-123']],
    ['Fixes #88 and #9, see PAY-1 and SHOP-12.', ['#88', '#9', 'PAY-1', 'SHOP-12']],
    ['retry cards (#123)\n\nCloses PAY-7\nPAY-7 again', ['#123', 'PAY-7']],
    ['[PAY-5] bracketed, (SHOP_X-3) underscores', ['PAY-5', 'SHOP_X-3']],
    ['XPAY-1a, PAY-01, PAY-0, X-PAY-2, owner/repo#12, issue#4, ##5, &#39;, PAY-1-2', ['PAY-1']],
    ['utf-8 and sha-1 are not issues', []],
    ['utf-8 in a branch name reads as a key', ['UTF-8'], true],
    ['pay-123-retry-card', ['PAY-123'], true],
    ['feature/PAY-42_retry', ['PAY-42'], true],
    ['#0 #01 # 5', []],
  ];
  for (const [text, keys, anyCase] of read)
    it(`reads ${JSON.stringify(text)}${anyCase ? ' (any case)' : ''}`, () => assert.deepEqual(issueKeysIn(text, { anyCase }), keys));

  it('checks patterns and says how to write a broken one', () => {
    for (const ok of ['PAY-*', 'PAY-12', '#88', 'A1_B-*']) assert.equal(issuePatternProblem(ok), undefined, ok);
    assert.match(issuePatternProblem('pay-*') ?? '', /capitals: 'PAY-\*'/);
    for (const bad of ['PAY', 'PAY-', 'PAY-*-*', '#', '#0', 'PAY-01', '*', '#*', '1PAY-2', 'PA Y-1', ''])
      assert.match(issuePatternProblem(bad) ?? '', /not an issue pattern/, bad);
  });

  it('gives each key the goal of its exact pattern, else of its project; the first goal keeps a pattern declared twice', () => {
    const claims = new IssueClaims([
      { id: 'payments', issues: ['PAY-*', '#88'] },
      { id: 'onboarding', issues: ['PAY-12', 'SHOP-3', '#88', 'bad pattern'] },
      { id: 'none' },
    ]);
    assert.equal(claims.goalOf('PAY-1'), 'payments');
    assert.equal(claims.goalOf('PAY-12'), 'onboarding');
    assert.equal(claims.goalOf('SHOP-3'), 'onboarding');
    assert.equal(claims.goalOf('SHOP-4'), undefined);
    assert.equal(claims.goalOf('#88'), 'payments');
    assert.equal(claims.goalOf('#8'), undefined);
    assert.deepEqual(claims.goalsOf(['PAY-12', 'PAY-1', 'SHOP-9', 'SHOP-3']), ['onboarding', 'payments']);
    assert.equal(claims.empty, false);
    assert.equal(new IssueClaims([{ id: 'x', issues: [] }]).empty, true);
  });

  it('finds every key written between words, and nothing in plain words', () => {
    const project = fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/);
    const key = fc.oneof(
      fc.tuple(project, fc.integer({ min: 1, max: 99999 })).map(([p, n]) => `${p}-${n}`),
      fc.integer({ min: 1, max: 99999 }).map((n) => `#${n}`),
    );
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(key, word), { maxLength: 12 }), fc.constantFrom(' ', '\n', ', ', ' (', ': '), (parts, sep) => {
        const expected = [...new Set(parts.filter((p) => /^(#|[A-Z])/.test(p)))];
        assert.deepEqual(issueKeysIn(parts.join(sep)), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the history read gives each commit the keys and Goal lines of its whole message, though it decodes only the lines that may hold a key', async function () {
    this.timeout(120_000); // a last guard: the runs are sized by count
    // Pieces near the edges of the rules: lower-case and `_`-joined projects, `#` after a word, `/`,
    // `&` or a non-ASCII letter, CR line breaks, a `Goal:` line (then the goal-line pass runs too).
    const piece = fc.constantFrom(
      ...['SHA-1', 'ab_CD-12', 'X_PAY-2', 'pay-3', 'PAY-1a', '#4', '&#5', 'a#6', '/#7', '(#8)', 'é#9', 'éPAY-10', 'ÜBER-11'],
      ...[' A_-3', '_-4', 'PAY-0', '#0', 'PAY-1234567890', '-', '#', '1', 'PAY', '_', 'word', ' ', '\n', '\r\n', '\r'],
      ...['Goal: x', 'goal:z', '\nGOAL: w\n', '\rGoal: v'],
    );
    const message = fc.array(piece, { minLength: 1, maxLength: 24 }).map((parts) => `${parts.join('')}\n`);
    const t = TestRepo.create();
    try {
      const git = await GitRepo.open(t.dir);
      const emptyTree = t.git(['hash-object', '-t', 'tree', '/dev/null']);
      const env = {
        ...process.env,
        GIT_AUTHOR_NAME: 'A',
        GIT_AUTHOR_EMAIL: 'a@example.com',
        GIT_COMMITTER_NAME: 'A',
        GIT_COMMITTER_EMAIL: 'a@example.com',
      };
      let tip = '';
      let tried = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 30 }), async (messages) => {
          for (const text of messages) {
            const parent = tip ? ['-p', tip] : [];
            tip = execFileSync('git', ['commit-tree', emptyTree, ...parent, '-F', '-'], {
              cwd: t.dir,
              env,
              input: text,
              encoding: 'utf8',
            }).trim();
          }
          tried += messages.length;
          const { state } = await new HistoryCache().update(git, 'Goal', [tip], null);
          const log = execFileSync('git', ['log', '-z', '--format=%H%x00%B', tip], {
            cwd: t.dir,
            encoding: 'utf8',
            maxBuffer: 1 << 26,
          }).split('\0');
          for (let i = 0; i + 1 < log.length; i += 2) {
            const row = state.table.find(log[i].replace(/^\n/, ''));
            assert.deepEqual(state.table.keyList(row), issueKeysIn(log[i + 1]), JSON.stringify(log[i + 1]));
            const fromTrailers = state.table.goals[row] !== 0 && (state.table.flags[row] & FLAG_GOALS_IN_BODY) === 0;
            if (!fromTrailers) assert.deepEqual(state.table.goalList(row), goalLinesIn(log[i + 1], 'Goal'), JSON.stringify(log[i + 1]));
          }
        }),
        { numRuns: 15 },
      );
      assert.ok(tried > 8);
    } finally {
      t.cleanup();
    }
  });
});
