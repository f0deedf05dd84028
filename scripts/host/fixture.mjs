// The integration tests' workspace: a throwaway git repository holding the fixture strategy.yaml.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { git } from './git.mjs';
import { REPO_ROOT } from './paths.mjs';

export const FIXTURE_STRATEGY = join(REPO_ROOT, 'test', 'integration', 'fixture', 'strategy.yaml');

export function createFixtureRepo(dir) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  copyFileSync(FIXTURE_STRATEGY, join(dir, 'strategy.yaml'));
  git(dir, ['add', 'strategy.yaml']);
  git(dir, ['commit', '--quiet', '-m', 'Add the team strategy']);
  return dir;
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
