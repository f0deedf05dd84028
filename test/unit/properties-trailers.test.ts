// Property tests (fast-check) of the tags through real git: what the tool writes (the commit-box
// trailer, a note) is read back by the log as the same goals, and the log's reading of a trailer
// block (unfolded, comma lists, any key case) agrees with `git interpret-trailers --parse`.
// Messages are adversarial: other trailers, look-alike lines, unicode, CR/LF mixes, long lines.
// Each property run checks a BATCH of cases with a few git processes (one commit per message, then
// one log, one trailer oracle call and one history read for the lot): a process per check made
// these tests take 12-18 s each on a 2-core machine, over mocha's timeout.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { GitRepo, parseGoalValues } from '../../src/core/git';
import type { LogCommit } from '../../src/core/git/types';
import { appendGoalTrailer } from '../../src/core/tagging';
import { readCommits } from './helpers/history';
import { TestRepo } from './helpers/testRepo';
import { loggedTrailers, trailersOfMany } from './helpers/trailerOracle';

const goalId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const trailerKey = fc.constantFrom('Goal', 'Objective', 'X-Goal', 'goal-id');

/** Lines a person (or a tool) might type in a commit message, trailer look-alikes included. */
const typedLine = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      'Fix the checkout',
      'Signed-off-by: Ada <ada@example.com>',
      'Co-authored-by: Bob <bob@example.com>',
      'Fixes: #12',
      '(cherry picked from commit 0123456789abcdef)',
      'Reviewed-by:',
      'key: value',
      'Goal - not a trailer',
      'Goals: plural',
      '    indented: line',
      'é 目標 🎯',
      '\t tab',
      'trailing space   ',
      '---',
      'Goal of this change: speed',
      'Goal : spaced-key',
      'goal:no-space',
      'GOAL: shouted',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => 'x'.repeat(n)) },
);
const typed = fc.tuple(fc.array(typedLine, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

let cases = 0;

/** Up to `BATCH` cases per property run; shrinking narrows a failing batch down to one case. */
const BATCH = 25;
const batch = <T>(arb: fc.Arbitrary<T>, maxLength = BATCH) => fc.array(arb, { minLength: 1, maxLength, size: 'max' });
/** Writing a note costs the product ~7 git processes (a compare-and-swap on the notes ref): smaller batches. */
const NOTE_BATCH = 6;

/** The failing case of CI seed 1975044492: a typed '---' line, then text (see trailerOracle.ts). */
const DIVIDER_CASE = ['---', 'a'].join('\n');

describe('properties of the tags through real git', function () {
  this.timeout(120_000); // a last guard: each test takes a few seconds; the runs are sized by count
  let repo: TestRepo;
  let git: GitRepo;
  before(async () => {
    repo = TestRepo.create();
    repo.commit('First commit');
    git = await GitRepo.open(repo.dir);
  });
  after(() => {
    repo.cleanup();
    console.log(`      ${cases} trailer and note cases tried through git`);
  });

  /** Commits each message as the editor's Source Control does (message on stdin); their shas, in order. */
  function commitAll(messages: string[]): string[] {
    for (const message of messages) {
      execFileSync('git', ['commit', '-q', '--allow-empty', '--allow-empty-message', '-F', '-'], { cwd: repo.dir, input: message });
    }
    if (messages.length === 0) return [];
    return repo.git(['rev-list', '--reverse', `--max-count=${messages.length}`, 'HEAD']).split('\n');
  }

  /** The product's reading of `shas` (one history read per trailer key), by sha. */
  async function readAll(shas: string[], keys: string[]): Promise<Map<string, Map<string, LogCommit>>> {
    const byKey = new Map<string, Map<string, LogCommit>>();
    for (const key of new Set(keys)) byKey.set(key, await readCommits(git, key, [shas[shas.length - 1]]));
    return byKey;
  }

  it('the oracle reads trailers as git log does (interpret-trailers --no-divider = %(trailers))', () => {
    const messages = [
      DIVIDER_CASE,
      appendGoalTrailer(DIVIDER_CASE, 'Goal', 'a'),
      'Subject\n\nbody\n---\nGoal: y',
      'S\n\n---\nGoal: z\nFixes: #1',
    ];
    const shas = commitAll(messages);
    const logged = loggedTrailers(repo.dir, shas);
    const committed = shas.map((sha) => logged.get(sha)!.message);
    assert.deepEqual(
      trailersOfMany(committed),
      shas.map((sha) => logged.get(sha)!.trailers),
      JSON.stringify(committed),
    );
    assert.deepEqual(logged.get(shas[1])!.trailers, ['Goal: a'], 'a typed --- line does not hide the trailer from git log');
    fc.assert(
      fc.property(batch(typed), (texts) => {
        const shas = commitAll(texts);
        const logged = loggedTrailers(repo.dir, shas);
        const committed = shas.map((sha) => logged.get(sha)!.message);
        assert.deepEqual(
          trailersOfMany(committed),
          shas.map((sha) => logged.get(sha)!.trailers),
        );
      }),
      { numRuns: 2 },
    );
  });

  it('regression (seed 1975044492): a typed "---" line, then text: the commit-box trailer is read back by the log', async () => {
    const message = appendGoalTrailer(DIVIDER_CASE, 'Goal', 'a');
    const [sha] = commitAll([message]);
    const commit = (await readCommits(git, 'Goal', [sha])).get(sha);
    assert.deepEqual(commit?.trailerGoals, ['a'], JSON.stringify(message));
    assert.deepEqual(trailersOfMany([message]), [['Goal: a']]);
  });

  it('regression (seed 1587017821): after two blank lines, the typed trailer block takes the goal and stays a trailer block', () => {
    const text = 'Goal : spaced-key\n\n\nGoal : spaced-key';
    const message = appendGoalTrailer(text, 'X-Goal', '0');
    const [typed, withGoal] = commitAll([text, message]);
    const logged = loggedTrailers(repo.dir, [typed, withGoal]);
    const [before, after] = trailersOfMany([typed, withGoal].map((sha) => logged.get(sha)!.message));
    assert.deepEqual(before, ['Goal: spaced-key']);
    assert.deepEqual(after, ['Goal: spaced-key', 'X-Goal: 0'], JSON.stringify(message));
  });

  it('the commit-box trailer, committed, is read back by the log as the goal', async () => {
    await fc.assert(
      fc.asyncProperty(batch(fc.tuple(typed, trailerKey, goalId)), async (batchCases) => {
        cases += batchCases.length;
        const written: { text: string; key: string; id: string; message: string }[] = [];
        for (const [text, key, id] of batchCases) {
          const message = appendGoalTrailer(text, key, id);
          if (message === text) {
            // Only when the text has a `<key>:` line already: never a second one.
            assert.match(text, new RegExp(`^${key}[ \\t]*:`, 'im'));
            continue;
          }
          assert.ok(message.startsWith(text.replace(/\s+$/, '')), 'what was typed comes first, unchanged');
          written.push({ text, key, id, message });
        }
        if (written.length === 0) return;
        // Each case twice: the text as typed (git cleans it up as it would commit it) and with the trailer.
        const shas = commitAll(written.flatMap((w) => [w.text, w.message]));
        const logged = loggedTrailers(repo.dir, shas);
        const read = await readAll(
          shas,
          written.map((w) => w.key),
        );
        const trailers = trailersOfMany(shas.map((sha) => logged.get(sha)!.message));
        written.forEach(({ text, key, id, message }, i) => {
          const sha = shas[2 * i + 1];
          const committed = logged.get(sha)!.message;
          const commit = read.get(key)!.get(sha);
          assert.ok(commit);
          const why = `${JSON.stringify(message)} committed as ${JSON.stringify(committed)}`;
          // A proper trailer in git's trailer block. With no subject typed yet (the box is filled
          // below the empty first line), git makes the first line it finds the subject: a line the
          // log still reads, from the message.
          if (text.split(/\r?\n/)[0].trim() !== '') assert.ok(commit.trailerGoals.includes(id), why);
          else assert.ok([...commit.trailerGoals, ...commit.messageGoals].includes(id), why);
          // The trailers the person typed (as git would commit them: `git stripspace`) are still trailers.
          const [before, after] = [trailers[2 * i], trailers[2 * i + 1]];
          assert.ok(
            before.every((t) => after.includes(t)),
            `${why}: typed trailers ${JSON.stringify(before)}, now ${JSON.stringify(after)}`,
          );
        });
      }),
      { numRuns: 4, examples: [[[[DIVIDER_CASE, 'Goal', 'a']]]] },
    );
  });

  it('goals written as a note are read back the same by the note reader and by the log', async () => {
    // One commit per case of a batch, so that a run writes and reads many notes at once.
    const targets = commitAll(Array.from({ length: NOTE_BATCH }, (_, i) => `Note target ${i}`));
    await fc.assert(
      fc.asyncProperty(batch(fc.tuple(fc.array(goalId, { minLength: 1, maxLength: 6 }), trailerKey), NOTE_BATCH), async (batchCases) => {
        cases += batchCases.length;
        for (const [i, [ids, key]] of batchCases.entries()) {
          await git.setGoalNote(targets[i], ids, key);
          assert.deepEqual(await git.readGoalNote(targets[i], key), [...new Set(ids)]);
        }
        const keys = batchCases.map(([, key]) => key);
        const read = await readAll(targets, keys);
        const all = new Map<string, Map<string, string[]>>();
        for (const key of new Set(keys)) all.set(key, await git.readAllGoalNotes(key));
        for (const [i, [ids, key]] of batchCases.entries()) {
          const unique = [...new Set(ids)];
          assert.deepEqual(read.get(key)!.get(targets[i])?.noteGoals, unique);
          assert.deepEqual(all.get(key)!.get(targets[i]), unique);
        }
      }),
      { numRuns: 2 },
    );
    repo.git(['update-ref', '-d', 'refs/notes/goals']); // the notes read by the other tests: none
  });

  it("the log reads a trailer block's goals as git interpret-trailers parses them", async () => {
    // Goal trailers in any key case, comma lists with odd spacing, folded continuation lines,
    // values that are not ids, among other trailers.
    const part = fc.tuple(fc.oneof(goalId, fc.constantFrom('Café', 'UPPER', ' spaced ', '')), fc.constantFrom(',', ', ', ' , ', ',\t'));
    const value = fc
      .array(part, { minLength: 1, maxLength: 4 })
      .map((parts) => parts.map(([v, sep], i) => (i === 0 ? v : `${sep}${v}`)).join(''));
    const trailer = (key: string) =>
      fc.oneof(
        fc.tuple(fc.constantFrom(key, key.toLowerCase(), key.toUpperCase()), value).map(([k, v]) => `${k}: ${v}`),
        fc.tuple(value, value).map(([a, b]) => `${key}: ${a},\n  ${b}`), // folded onto a second line
        fc.constantFrom('Signed-off-by: Ada <ada@example.com>', 'Reviewed-by: Bob <bob@example.com>', 'Fixes: #12'),
      );
    const message = trailerKey.chain((key) => fc.tuple(fc.constant(key), typed, fc.array(trailer(key), { minLength: 1, maxLength: 5 })));
    await fc.assert(
      fc.asyncProperty(batch(message), async (batchCases) => {
        cases += batchCases.length;
        const shas = commitAll(batchCases.map(([, body, trailers]) => `Subject line\n\n${body}\n\n${trailers.join('\n')}\n`));
        const logged = loggedTrailers(repo.dir, shas);
        const read = await readAll(
          shas,
          batchCases.map(([key]) => key),
        );
        const parsed = trailersOfMany(shas.map((sha) => logged.get(sha)!.message));
        batchCases.forEach(([key], i) => {
          const expected = parsed[i].flatMap((line) => {
            const colon = line.indexOf(':');
            return colon > 0 && line.slice(0, colon).trim().toLowerCase() === key.toLowerCase()
              ? parseGoalValues(line.slice(colon + 1))
              : [];
          });
          const commit = read.get(key)!.get(shas[i]);
          assert.deepEqual(
            commit?.trailerGoals,
            [...new Set(expected)],
            `${JSON.stringify(logged.get(shas[i])!.message)}\nparsed: ${JSON.stringify(parsed[i])}`,
          );
        });
      }),
      { numRuns: 3 },
    );
  });
});
