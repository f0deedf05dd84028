// Property tests (fast-check) of the tags through real git: what the tool writes (the commit-box
// trailer, a note) is read back by the log as the same goals, and the log's reading of a trailer
// block (unfolded, comma lists, any key case) agrees with `git interpret-trailers --parse`.
// Messages are adversarial: other trailers, look-alike lines, unicode, CR/LF mixes, long lines.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { GitRepo, parseGoalValues } from '../../src/core/git';
import type { LogCommit } from '../../src/core/git/types';
import { appendGoalTrailer } from '../../src/core/tagging';
import { readCommits } from './helpers/history';
import { TestRepo } from './helpers/testRepo';

const goalId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const trailerKey = fc.constantFrom('Goal', 'Objective', 'X-Goal', 'goal-id');

/** Lines a person (or a tool) might type in a commit message, trailer look-alikes included. */
const typedLine = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '', '   ', 'Fix the checkout', 'Signed-off-by: Ada <ada@example.com>', 'Co-authored-by: Bob <bob@example.com>', 'Fixes: #12',
      '(cherry picked from commit 0123456789abcdef)', 'Reviewed-by:', 'key: value', 'Goal - not a trailer', 'Goals: plural', '    indented: line',
      'é 目標 🎯', '\t tab', 'trailing space   ', '---', 'Goal of this change: speed', 'Goal : spaced-key', 'goal:no-space', 'GOAL: shouted',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => 'x'.repeat(n)) },
);
const typed = fc.tuple(fc.array(typedLine, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

let cases = 0;

/** The trailer lines git finds in a message, as `git interpret-trailers --parse` prints them. */
function trailersOf(message: string): string[] {
  // --no-divider: in a commit message (as git log reads it) a '---' line is text, not the start
  // of a patch as in an e-mail.
  return execFileSync('git', ['interpret-trailers', '--parse', '--no-divider'], { input: message, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('properties of the tags through real git', () => {
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

  /** Commits `message` as the editor's Source Control does (message on stdin) and reads it back. */
  async function commitAndRead(message: string, key: string): Promise<LogCommit> {
    execFileSync('git', ['commit', '-q', '--allow-empty', '--allow-empty-message', '-F', '-'], { cwd: repo.dir, input: message });
    const head = repo.git(['rev-parse', 'HEAD']);
    const commit = (await readCommits(git, key, [head])).get(head);
    assert.ok(commit);
    return commit;
  }

  it('the commit-box trailer, committed, is read back by the log as the goal', async () => {
    await fc.assert(
      fc.asyncProperty(typed, trailerKey, goalId, async (text, key, id) => {
        cases++;
        const message = appendGoalTrailer(text, key, id);
        if (message === text) {
          // Only when the text has a `<key>:` line already: never a second one.
          assert.match(text, new RegExp(`^${key}[ \\t]*:`, 'im'));
          return;
        }
        assert.ok(message.startsWith(text.replace(/\s+$/, '')), 'what was typed comes first, unchanged');
        const commit = await commitAndRead(message, key);
        const committed = repo.git(['log', '-1', '--format=%B']);
        const why = `${JSON.stringify(message)} committed as ${JSON.stringify(committed)}`;
        // A proper trailer in git's trailer block. With no subject typed yet (the box is filled
        // below the empty first line), git makes the first line it finds the subject: a line the
        // log still reads, from the message.
        if (text.split(/\r?\n/)[0].trim() !== '') assert.ok(commit.trailerGoals.includes(id), why);
        else assert.ok([...commit.trailerGoals, ...commit.messageGoals].includes(id), why);
        // The trailers the person typed (as git would commit them: `git stripspace`) are still trailers.
        const before = trailersOf(execFileSync('git', ['stripspace'], { input: text, encoding: 'utf8' }));
        const after = trailersOf(committed);
        assert.ok(before.every((t) => after.includes(t)), `${why}: typed trailers ${JSON.stringify(before)}, now ${JSON.stringify(after)}`);
      }),
      { numRuns: 100 },
    );
  });

  it('goals written as a note are read back the same by the note reader and by the log', async () => {
    const head = repo.git(['rev-parse', 'HEAD']);
    await fc.assert(
      fc.asyncProperty(fc.array(goalId, { minLength: 1, maxLength: 6 }), trailerKey, async (ids, key) => {
        cases++;
        await git.setGoalNote(head, ids, key);
        const unique = [...new Set(ids)];
        assert.deepEqual(await git.readGoalNote(head, key), unique);
        assert.deepEqual((await readCommits(git, key, [head])).get(head)?.noteGoals, unique);
        assert.deepEqual((await git.readAllGoalNotes(key)).get(head), unique);
      }),
      { numRuns: 25 },
    );
    await git.removeGoalNote(head);
  });

  it("the log reads a trailer block's goals as git interpret-trailers parses them", async () => {
    // Goal trailers in any key case, comma lists with odd spacing, folded continuation lines,
    // values that are not ids, among other trailers.
    const part = fc.tuple(fc.oneof(goalId, fc.constantFrom('Café', 'UPPER', ' spaced ', '')), fc.constantFrom(',', ', ', ' , ', ',\t'));
    const value = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([v, sep], i) => (i === 0 ? v : `${sep}${v}`)).join(''));
    const trailer = (key: string) => fc.oneof(
      fc.tuple(fc.constantFrom(key, key.toLowerCase(), key.toUpperCase()), value).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(value, value).map(([a, b]) => `${key}: ${a},\n  ${b}`), // folded onto a second line
      fc.constantFrom('Signed-off-by: Ada <ada@example.com>', 'Reviewed-by: Bob <bob@example.com>', 'Fixes: #12'),
    );
    const message = trailerKey.chain((key) => fc.tuple(fc.constant(key), typed, fc.array(trailer(key), { minLength: 1, maxLength: 5 })));
    await fc.assert(
      fc.asyncProperty(message, async ([key, body, trailers]) => {
        cases++;
        const text = `Subject line\n\n${body}\n\n${trailers.join('\n')}\n`;
        const commit = await commitAndRead(text, key);
        const committed = repo.git(['log', '-1', '--format=%B']);
        const parsed = trailersOf(committed);
        const expected = parsed.flatMap((line) => {
          const colon = line.indexOf(':');
          return colon > 0 && line.slice(0, colon).trim().toLowerCase() === key.toLowerCase() ? parseGoalValues(line.slice(colon + 1)) : [];
        });
        assert.deepEqual(commit.trailerGoals, [...new Set(expected)], `${JSON.stringify(committed)}\nparsed: ${JSON.stringify(parsed)}`);
      }),
      { numRuns: 60 },
    );
  });
});
