// The `edge` integration run's workspace: five repositories a user may meet, opened together:
// an empty one, a detached HEAD, no base branch, shell-hostile branch names, and hostile content
// (HTML, Markdown, command links, icon syntax, terminal escapes, bidi) in a goal title, a branch
// name, a commit subject and an author name.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initRepo } from './fixture.mjs';
import { git } from './git.mjs';
import { REPO_ROOT } from './paths.mjs';

export const EDGE_STRATEGY = 'version: 1\ngoals:\n  - id: alpha\n    title: Alpha goal\n  - id: beta\n    title: Beta goal\n';
/** Shared with the tests: test/integration/fixture/edge.json. */
const DATA = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'integration', 'fixture', 'edge.json'), 'utf8'));
export const ODD_BRANCHES = DATA.oddBranches;
export const HOSTILE = DATA.hostile;

function repo(root, name, strategy = EDGE_STRATEGY) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  initRepo(dir);
  writeFileSync(join(dir, 'strategy.yaml'), strategy);
  return dir;
}

const commit = (dir, message, env = {}) => git(dir, ['commit', '--quiet', '--allow-empty', '-m', message], env);

export function createEdgeWorkspace(root) {
  repo(root, 'empty'); // strategy.yaml not even committed: no commit at all

  const detached = repo(root, 'detached');
  git(detached, ['add', 'strategy.yaml']);
  commit(detached, 'Add the strategy');
  commit(detached, 'Alpha work\n\nGoal: alpha');
  commit(detached, 'Beta work\n\nGoal: beta');
  git(detached, ['checkout', '--quiet', '--detach', 'HEAD~1']);

  const noBase = repo(root, 'no-base');
  git(noBase, ['add', 'strategy.yaml']);
  commit(noBase, 'Add the strategy');
  commit(noBase, 'Alpha work\n\nGoal: alpha');
  git(noBase, ['branch', '-m', 'main', 'trunk']);

  const odd = repo(root, 'odd-names');
  git(odd, ['add', 'strategy.yaml']);
  commit(odd, 'Add the strategy');
  for (const [i, name] of ODD_BRANCHES.entries()) {
    git(odd, ['checkout', '--quiet', '-b', name, 'main']);
    commit(odd, `Work on odd branch ${i}`);
  }
  git(odd, ['config', `branch.${ODD_BRANCHES[0]}.goal`, 'beta']);
  git(odd, ['checkout', '--quiet', ODD_BRANCHES[0]]);

  const hostile = repo(
    root,
    'hostile',
    `version: 1\ngoals:\n  - id: alpha\n    title: ${JSON.stringify(HOSTILE.goalTitle)}\n    why: ${JSON.stringify(HOSTILE.goalWhy)}\n  - id: beta\n    title: Beta goal\n`,
  );
  git(hostile, ['add', 'strategy.yaml']);
  commit(hostile, 'Add the strategy');
  git(hostile, ['checkout', '--quiet', '-b', HOSTILE.branch]);
  commit(hostile, HOSTILE.subject, { GIT_AUTHOR_NAME: HOSTILE.author, GIT_AUTHOR_EMAIL: 'mallory@example.com' });
  git(hostile, ['config', `branch.${HOSTILE.branch}.goal`, 'alpha']);

  const file = join(root, 'edge.code-workspace');
  const folders = ['empty', 'detached', 'no-base', 'odd-names', 'hostile'].map((path) => ({ path }));
  writeFileSync(file, JSON.stringify({ folders }, null, 2));
  return file;
}
