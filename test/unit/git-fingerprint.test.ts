// The warm report's fingerprint read from the repository's files (no git process): it must find the
// repository where git does, change with every file git would read for the report's inputs, and
// hand over to git whenever it cannot read them exactly as git would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFiles, readFingerprint } from '../../src/core/git/fingerprint';
import { TestRepo } from './helpers/testRepo';

/** git's own answer: the top level and the common dir, as real paths. */
function gitWhere(dir: string): [string, string] {
  const [root, common] = git(dir, ['rev-parse', '--show-toplevel', '--path-format=absolute', '--git-common-dir']).split('\n');
  return [realpathSync(root), realpathSync(common)];
}

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('the fingerprint read from the repository files', () => {
  let repo: TestRepo;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cleanups: (() => void)[] = [];

  beforeEach(() => {
    repo = TestRepo.create();
    repo.commit('one');
    repo.commit('two');
    home = mkdtempSync(join(tmpdir(), 'sa-fp-home-'));
    const global = join(home, 'global');
    writeFileSync(global, '[user]\n\tname = A\n');
    env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: global, GIT_CONFIG_NOSYSTEM: '1' };
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(home, { recursive: true, force: true });
    for (const f of cleanups.splice(0)) f();
  });

  it('finds the repository where git does: top level, a subdirectory, a linked worktree, a separate git dir', () => {
    mkdirSync(join(repo.dir, 'sub', 'deeper'), { recursive: true });
    const worktree = `${repo.dir}-wt`;
    repo.git(['worktree', 'add', '-q', '--detach', worktree]);
    cleanups.push(() => rmSync(worktree, { recursive: true, force: true }));
    const separate = mkdtempSync(join(tmpdir(), 'sa-fp-sep-'));
    const separateGit = `${separate}-git`;
    git(separate, ['init', '-q', '--separate-git-dir', separateGit]);
    cleanups.push(
      () => rmSync(separate, { recursive: true, force: true }),
      () => rmSync(separateGit, { recursive: true, force: true }),
    );
    for (const dir of [repo.dir, join(repo.dir, 'sub', 'deeper'), worktree, separate]) {
      const found = fromFiles(dir, env);
      assert.ok(found, `read from the files: ${dir}`);
      assert.deepEqual([found.root, found.commonDir], gitWhere(dir), dir);
    }
  });

  it('asks git when the files cannot say what git would read', async () => {
    const cases: [string, () => NodeJS.ProcessEnv][] = [
      ['GIT_DIR set', () => ({ ...env, GIT_DIR: join(repo.dir, '.git') })],
      ['config in the environment', () => ({ ...env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c' })],
      ['a quoted include path', () => (appendFileSync(join(repo.dir, '.git', 'config'), '[include]\n\tpath = "x y"\n'), env)],
      ['core.worktree', () => (repo.git(['config', 'core.worktree', repo.dir]), env)],
      ['a value continued over lines', () => (appendFileSync(join(repo.dir, '.git', 'config'), '[alias]\n\tx = !echo \\\n\t  y\n'), env)],
    ];
    const config = join(repo.dir, '.git', 'config');
    const original = readFileSync(config, 'utf8');
    for (const [what, make] of cases) {
      writeFileSync(config, original);
      const caseEnv = make();
      assert.equal(fromFiles(repo.dir, caseEnv), undefined, what);
    }
    writeFileSync(config, original);
    assert.equal(fromFiles(join(repo.dir, '.git'), env), undefined, 'inside the git dir: no working tree');
    const notRepo = mkdtempSync(join(tmpdir(), 'sa-fp-none-'));
    cleanups.push(() => rmSync(notRepo, { recursive: true, force: true }));
    mkdirSync(join(notRepo, '.git')); // an empty .git is no repository: git looks further up
    assert.equal(fromFiles(notRepo, env), undefined, 'an empty .git folder');
    assert.equal(await readFingerprint(notRepo, env), undefined, 'not a repository: git says no');
  });

  it('changes with every file git reads for the report, and only then', () => {
    const gitDir = join(repo.dir, '.git');
    const worktree = `${repo.dir}-wt2`;
    repo.git(['worktree', 'add', '-q', '-b', 'side', worktree]);
    cleanups.push(() => rmSync(worktree, { recursive: true, force: true }));
    const xdg = join(home, 'xdg');
    env.XDG_CONFIG_HOME = xdg;
    const changes: [string, () => void, string?][] = [
      ['a commit (a loose ref)', () => repo.commit('three')],
      ['another branch checked out (HEAD)', () => repo.git(['checkout', '-q', '-b', 'other'])],
      ['refs packed (packed-refs)', () => repo.git(['pack-refs', '--all'])],
      ['a note', () => repo.git(['notes', '--ref=refs/notes/goals', 'add', '-m', 'Goal: x', 'HEAD'])],
      ['a remote HEAD (a symbolic ref)', () => repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main'])],
      ["the linked worktree's HEAD", () => git(worktree, ['checkout', '-q', '--detach']), worktree],
      ['shallow', () => writeFileSync(join(gitDir, 'shallow'), `${repo.head()}\n`)],
      [
        'info/grafts',
        () => (mkdirSync(join(gitDir, 'info'), { recursive: true }), writeFileSync(join(gitDir, 'info', 'grafts'), `${repo.head()}\n`)),
      ],
      ['the local config', () => repo.git(['config', 'branch.other.goal', 'checkout'])],
      ['config.worktree', () => writeFileSync(join(gitDir, 'config.worktree'), '[branch "other"]\n\tgoal = x\n')],
      ['the global config', () => appendFileSync(env.GIT_CONFIG_GLOBAL!, '[branch "other"]\n\tgoal = y\n')],
      [
        'the XDG config',
        () => (mkdirSync(join(xdg, 'git'), { recursive: true }), writeFileSync(join(xdg, 'git', 'config'), '[a]\n\tb = 1\n')),
      ],
      ['~/.gitconfig', () => writeFileSync(join(home, '.gitconfig'), '[a]\n\tb = 2\n')],
      ['an include added', () => repo.git(['config', 'include.path', '../included'])],
      ['the included file', () => writeFileSync(join(repo.dir, 'included'), '[includeIf "onbranch:x"]\n\tpath = ~/nested\n')],
      ['a nested conditional include', () => writeFileSync(join(home, 'nested'), '[branch "other"]\n\tgoal = z\n')],
      ['GIT_CONFIG_SYSTEM', () => ((env.GIT_CONFIG_SYSTEM = join(home, 'system')), writeFileSync(env.GIT_CONFIG_SYSTEM, ''))],
      ['the system file', () => writeFileSync(env.GIT_CONFIG_SYSTEM!, '[branch "other"]\n\tgoal = s\n')],
      ['a GIT_ variable', () => (env.GIT_TRACE = '0')],
    ];
    for (const [what, change, where = repo.dir] of changes) {
      const before = fromFiles(where, env);
      assert.ok(before, `${what}: read from the files`);
      assert.deepEqual(fromFiles(where, env), before, `${what}: the same files, the same fingerprint`);
      change();
      assert.notDeepEqual(fromFiles(where, env), before, what);
    }
  });
});
