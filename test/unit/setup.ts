// Loaded by mocha before every unit test file (.mocharc.json "require"): makes git hermetic so the
// machine's global or system config (hooksPath, signing, default branch) cannot change results.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const home = mkdtempSync(join(tmpdir(), 'sa-home-'));
const globalConfig = join(home, 'gitconfig');
writeFileSync(
  globalConfig,
  ['[user]', '\tname = Test Author', '\temail = author@example.com', '[init]', '\tdefaultBranch = main',
    '[commit]', '\tgpgsign = false', '[advice]', '\tdetachedHead = false', ''].join('\n'),
);
process.env.GIT_CONFIG_GLOBAL = globalConfig;
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_TERMINAL_PROMPT = '0';
process.env.NO_COLOR = '1';
delete process.env.GIT_DIR;
delete process.env.GIT_WORK_TREE;
delete process.env.GIT_INDEX_FILE;
