// Loaded by mocha before the unit test files (.mocharc.cjs "require"; with --parallel, in every
// worker too): makes git hermetic so the machine's global or system config (hooksPath, signing,
// default branch) cannot change results, and sets the one fast-check seed of the run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

const home = mkdtempSync(join(tmpdir(), 'sa-home-'));
const globalConfig = join(home, 'gitconfig');
writeFileSync(
  globalConfig,
  [
    '[user]',
    '\tname = Test Author',
    '\temail = author@example.com',
    '[init]',
    '\tdefaultBranch = main',
    '[commit]',
    '\tgpgsign = false',
    '[advice]',
    '\tdetachedHead = false',
    // No background housekeeping after each commit or fetch: hundreds of `git maintenance run --auto`
    // processes a run, and a gc that could pack refs under a test that is reading them.
    '[maintenance]',
    '\tauto = false',
    '[gc]',
    '\tauto = 0',
    '',
  ].join('\n'),
);
process.env.GIT_CONFIG_GLOBAL = globalConfig;
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_TERMINAL_PROMPT = '0';
process.env.NO_COLOR = '1';
delete process.env.GIT_DIR;
delete process.env.GIT_WORK_TREE;
delete process.env.GIT_INDEX_FILE;

// Every property test runs on one seed per run, printed once, so that a failure can be replayed:
// FC_SEED=N npx mocha. Picked here when not given and passed on through the environment, so the
// parallel workers (each loads this file too) use the same seed and do not print it again.
const given = process.env.FC_SEED;
const seed = given ? Number(given) : Math.floor(Math.random() * 0x7fffffff);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${JSON.stringify(given)}`);
process.env.FC_SEED = String(seed);
if (!process.env.SA_FC_SEED_SHOWN) {
  process.env.SA_FC_SEED_SHOWN = '1';
  process.env.SA_FC_REPLAY = given ? '1' : '';
  console.log(`fast-check seed: ${seed} (rerun with FC_SEED=${seed})`);
}
// Failures show the seed, the path and the counterexample (fast-check's default report). A drawn
// seed stops at the first counterexample: shrinking through real git can take minutes on a busy
// machine, and a test timeout would then print no counterexample at all (CI, seed 1587017821).
// A replay (FC_SEED given) shrinks it to the smallest.
fc.configureGlobal({ seed, endOnFailure: process.env.SA_FC_REPLAY !== '1' });

// SA_GIT_HELPER=1 runs every unit test's git through a helper process, as the editor does (gitHelper.ts),
// and SA_GIT_HELPER=direct with git's output written into a socket, as the CLI over many repositories:
// `SA_GIT_HELPER=1 npx mocha …` shows that path gives every suite the same results.
if (process.env.SA_GIT_HELPER === '1' || process.env.SA_GIT_HELPER === 'direct') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GitHelper } = require('../../src/core/git/gitHelper') as typeof import('../../src/core/git/gitHelper');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../../src/core/git/runner') as typeof import('../../src/core/git/runner')).launchGitWith(
    new GitHelper({ direct: process.env.SA_GIT_HELPER === 'direct' }).launch,
  );
}
