// The branch goals read from the config files (configGoals.ts) against `git config --list` on real
// repositories: whenever the files give goals they are git's, for hand-picked configs (quotes,
// escapes, comments, CRLF, a byte order mark, legacy and odd headers, includes, other files) and for
// generated ones (fast-check, a batch of configs per run); broken configs leave it to git, and the
// plain ones are read from the files, so the scan starts no git for them.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { allBranchGoals } from '../../src/core/git/branchGoals';
import { configGoals } from '../../src/core/git/configGoals';
import { GitRunner } from '../../src/core/git/runner';
import { TestRepo } from './helpers/testRepo';

const HEAD = '[core]\n\trepositoryformatversion = 0\n\tbare = false\n';

describe('branch goals read from the config files, as git reads them', () => {
  let t: TestRepo;
  let config: string;

  before(() => {
    t = TestRepo.create();
    t.commit('first');
    config = join(t.dir, '.git', 'config');
  });
  after(() => t.cleanup());

  /** git's goals for the config text `text` ('error' when git refuses the config) and the files' (undefined: ask git). */
  async function both(text: string): Promise<{ git: [string, string][] | 'error'; files: [string, string][] | undefined }> {
    writeFileSync(config, text);
    const git = await allBranchGoals(new GitRunner(t.dir)).then(
      (goals) => [...goals],
      () => 'error' as const,
    );
    const goals = configGoals(t.dir)?.goals;
    return { git, files: goals && [...goals] };
  }

  /** The files give `expected`, the same as git. */
  async function fromFiles(text: string, expected: [string, string][]): Promise<void> {
    const { git, files } = await both(text);
    assert.deepEqual(git, expected, 'git');
    assert.deepEqual(files, expected, 'the files');
  }

  /** The files leave it to git. */
  async function leftToGit(text: string): Promise<void> {
    assert.equal((await both(text)).files, undefined);
  }

  it('reads the goals of plain, quoted, escaped and commented configs exactly as git lists them', async () => {
    await fromFiles(`${HEAD}[branch "feature/x"]\n\tgoal = Speed\n`, [['feature/x', 'speed']]);
    await fromFiles(`${HEAD}[Branch "Feat"]\n\tGOAL=docs\n[branch "b"] goal = one-line\n`, [
      ['Feat', 'docs'],
      ['b', 'one-line'],
    ]);
    await fromFiles(`${HEAD}[branch "a"]\n  goal = "sp#eed" ; a comment\n[branch "c"]\n goal = x # why\n`, [
      ['a', 'sp#eed'],
      ['c', 'x'],
    ]);
    await fromFiles(`${HEAD}[branch "we\\"ird\\\\name"]\n\tgoal = a\\tb \\"q\\"\n`, [['we"ird\\name', 'a\tb "q"']]);
    await fromFiles(`${HEAD}[branch.Legacy]\n\tgoal = old\n`, [['legacy', 'old']]);
    await fromFiles(`${HEAD}[branch "x"]\n\tgoal = first\n\tgoal\n\tgoal =\n[branch "x"]\n\tgoal = second\n[branch "y"]\n\tgoal\n`, [
      ['x', 'second'],
    ]);
    await fromFiles(`${HEAD}[branch "crlf"]\r\n\tgoal = dos\r\n`, [['crlf', 'dos']]);
    await fromFiles(`\uFEFF${HEAD}[branch "bom"]\n\tgoal = marked\n`, [['bom', 'marked']]);
    await fromFiles(`${HEAD}[branch "s"]\n\tgoal =   two   words  \n[remote "origin"]\n\turl = "x;y"\n`, [['s', 'two   words']]);
    await fromFiles(HEAD, []);
  });

  it('leaves broken configs, continued lines and goals in other files to git', async () => {
    for (const [text, refused] of [
      [`${HEAD}[branch "x" ]\n\tgoal = a\n`, true], // a blank after the subsection
      [`${HEAD}[branch "x"]\n\tgoal = "open\n`, true], // an unclosed quote
      [`${HEAD}[branch "x"]\n\tgoal = a\\qb\n`, true], // an unknown escape
      [`${HEAD}[branch "x"]\n\tgoal # comment\n`, true],
      [`goal = before-any-section\n${HEAD}`, false],
      [`${HEAD}[branch "x"]\n\tgoal = sp\\\n eed\n`, false], // a value continued on the next line
    ] as const) {
      const { git, files } = await both(text);
      assert.equal(files, undefined, text);
      assert.equal(git === 'error', refused, text);
    }
    const included = join(t.dir, '.git', 'more.config');
    writeFileSync(included, '[branch "inc"]\n\tgoal = elsewhere\n');
    await leftToGit(`${HEAD}[include]\n\tpath = more.config\n[branch "x"]\n\tgoal = a\n`);
    writeFileSync(included, '[user]\n\tname = Someone\n');
    await fromFiles(`${HEAD}[include]\n\tpath = more.config\n[branch "x"]\n\tgoal = a\n`, [['x', 'a']]);
    const global = process.env.GIT_CONFIG_GLOBAL!;
    const before = readFileSync(global, 'utf8');
    try {
      writeFileSync(global, `${before}[branch "g"]\n\tgoal = global\n`);
      await leftToGit(`${HEAD}[branch "x"]\n\tgoal = a\n`);
    } finally {
      writeFileSync(global, before);
    }
  });

  it('agrees with git on generated configs (or leaves them to git)', async () => {
    const value = fc
      .array(fc.constantFrom('a', 'B', '-', ' ', '\t', '"', '\\', '#', ';', 't', 'n', '\\"', '\\\\', '\\t', 'é'), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const line = fc.oneof(
      fc.constantFrom(
        '[branch "a"]',
        '[Branch "A b"]',
        '[branch.Dot]',
        '[core]',
        '[branch "q\\"z"]',
        '[branch]',
        '[ branch "s"]',
        '# c',
        '; c',
        '',
        '  ',
      ),
      value.map((v) => `\tgoal = ${v}`),
      value.map((v) => `GOAL=${v}`),
      fc.constantFrom('\tgoal', '\tgoal =', '\tother = x', '\tgoal = "a b" # c', '[branch "x"] goal = inline'),
    );
    const configText = fc
      .tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'))
      .map(([lines, eol]) => HEAD + lines.join(eol) + eol);
    let read = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(configText, { minLength: 1, maxLength: 10 }), async (texts) => {
        for (const text of texts) {
          const { git, files } = await both(text);
          if (files === undefined) continue;
          read++;
          assert.deepEqual(files, git, JSON.stringify(text));
        }
      }),
      { numRuns: 8 },
    );
    assert.ok(read > 0, 'some generated configs are read from the files');
  });
});
