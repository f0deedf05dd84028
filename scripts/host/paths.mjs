// Where the test host lives: a per-user cache shared by every clone on this machine.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
/** The VS Code inside that code-server (for @vscode/test-electron). */
export const VSCODE_VERSION = '1.139.1';
export const NODE_MAJOR = 24;
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** `${XDG_CACHE_HOME:-~/.cache}/strategy-align/host-<version>` */
export function hostDir() {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'strategy-align', `host-${CODE_SERVER_VERSION}`);
}

/** The npm platform package that ships a Node binary for this OS and CPU. */
export function nodePackageName() {
  return `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
}

/** Paths inside a host folder (complete or not). */
export function hostLayout(dir = hostDir()) {
  const modules = join(dir, 'node_modules');
  const nodeDir = join(modules, nodePackageName());
  return {
    dir,
    marker: join(dir, 'host-complete.json'),
    nodeDir,
    nodeBinDir: join(nodeDir, 'bin'),
    node: join(nodeDir, 'bin', 'node'),
    codeServerDir: join(modules, 'code-server'),
    codeServerEntry: join(modules, 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: join(modules, 'playwright-core'),
  };
}
