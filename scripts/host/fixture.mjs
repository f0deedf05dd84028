// The integration tests' workspace: a throwaway git repository holding the fixture strategy.yaml.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { git } from './git.mjs';
import { REPO_ROOT } from './paths.mjs';

export const FIXTURE_STRATEGY = join(REPO_ROOT, 'test', 'integration', 'fixture', 'strategy.yaml');

/**
 * A new repository with its own identity: the tests commit from inside the extension host, whose
 * git sees the machine's global config, and a fresh machine may have no user.name there.
 */
export function initRepo(dir) {
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(dir, ['config', 'user.name', 'Fixture Author']);
  git(dir, ['config', 'user.email', 'fixture@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
}

export function createFixtureRepo(dir) {
  mkdirSync(dir, { recursive: true });
  initRepo(dir);
  copyFileSync(FIXTURE_STRATEGY, join(dir, 'strategy.yaml'));
  git(dir, ['add', 'strategy.yaml']);
  git(dir, ['commit', '--quiet', '-m', 'Add the team strategy']);
  return dir;
}

/**
 * The sync run's workspace: a clone of a bare `origin.git` (beside it) that holds the fixture's
 * first commit, so pushes and pulls through VS Code's git have somewhere to go.
 */
export function createSyncWorkspace(root) {
  const seed = createFixtureRepo(join(root, 'seed'));
  const origin = join(root, 'origin.git');
  git(root, ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
  git(seed, ['push', '--quiet', origin, 'main']);
  const dir = join(root, 'workspace');
  git(root, ['clone', '--quiet', origin, dir]);
  git(dir, ['config', 'user.name', 'Fixture Author']);
  git(dir, ['config', 'user.email', 'fixture@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  rmSync(seed, { recursive: true, force: true });
  return dir;
}

/** Two repositories with strategies of their own, opened together as one multi-root workspace. */
export function createMultiRootWorkspace(root) {
  createFixtureRepo(join(root, 'repo-a'));
  const b = join(root, 'repo-b');
  mkdirSync(b, { recursive: true });
  initRepo(b);
  writeFileSync(
    join(b, 'strategy.yaml'),
    'version: 1\ngoals:\n  - id: mobile-app\n    title: Ship the mobile app\n  - id: docs\n    title: Documentation people read\n',
  );
  git(b, ['add', 'strategy.yaml']);
  git(b, ['commit', '--quiet', '-m', 'Add the mobile team strategy']);
  const file = join(root, 'multi.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: [{ path: 'repo-a' }, { path: 'repo-b' }] }, null, 2));
  return file;
}

// node scripts/host/fixture.mjs DIR: (re)creates the fixture repository in DIR (used by the
// "Extension Tests" launch configuration).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv[2]) {
    console.error('usage: node scripts/host/fixture.mjs DIR');
    process.exit(2);
  }
  rmSync(process.argv[2], { recursive: true, force: true });
  console.log(createFixtureRepo(process.argv[2]));
}
