// git with argument arrays and a hermetic environment: the machine's global and system config
// (hooks, signing, default branch) cannot change the repositories the scripts create.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let globalConfig;
function hermeticEnv(extra) {
  if (!globalConfig) {
    globalConfig = join(mkdtempSync(join(tmpdir(), 'sa-gitconfig-')), 'gitconfig');
    writeFileSync(
      globalConfig,
      '[user]\n\tname = Demo Author\n\temail = demo@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n',
    );
  }
  const env = { ...process.env, GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...extra };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[key];
  return env;
}

/** Runs git in `cwd`; returns its trimmed stdout. `env` adds variables (e.g. commit dates). */
export function git(cwd, args, env = {}) {
  return execFileSync('git', args, { cwd, env: hermeticEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
