// The test host (Node 24 + code-server + playwright-core), installed once per user and version
// into ${XDG_CACHE_HOME:-~/.cache}/strategy-align/host-<version>/ and reused by every clone.
// A folder without its completion marker, or whose node/code-server does not run, is rebuilt.
//   node scripts/host/setup.mjs          ensure it, print its folder
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, NODE_MAJOR, REPO_ROOT, hostDir, hostLayout, nodePackageName } from './paths.mjs';
import { ensurePrereqs } from './prereqs.mjs';

const PLAYWRIGHT_RANGE = '^1.56.0';
// Packages of code-server's tree whose install scripts must run (native modules, postinstall).
const ALLOW_SCRIPTS = ['code-server', 'argon2'];

function capture(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...options });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Why the folder is not a usable host, or undefined when it is. */
export function hostProblem(layout = hostLayout()) {
  if (!existsSync(layout.marker)) return 'no completion marker';
  try {
    if (JSON.parse(readFileSync(layout.marker, 'utf8')).codeServer !== CODE_SERVER_VERSION) return 'marker of another version';
  } catch {
    return 'unreadable completion marker';
  }
  const version = existsSync(layout.node) ? capture(layout.node, ['--version']) : undefined;
  if (!version?.startsWith(`v${NODE_MAJOR}.`)) return `node ${NODE_MAJOR} missing or not runnable (${layout.node})`;
  if (!existsSync(layout.codeServerEntry) || !capture(layout.node, [layout.codeServerEntry, '--version']))
    return 'code-server missing or not runnable';
  if (!existsSync(join(layout.playwrightCore, 'package.json'))) return 'playwright-core missing';
  return undefined;
}

/**
 * The environment for a child npm: this one without the `npm_*` variables that a parent
 * `npm test` / `npm start` exports. The child would read them as its own config, and
 * code-server's postinstall reads the Node version from `npm_config_user_agent` (it would say
 * Node 20 while Node 24 runs it, and refuse).
 */
export function childNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

function npm(args, cwd, env, log) {
  log(`[host] (in ${cwd}) npm ${args.join(' ')}`);
  const r = spawnSync('npm', args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function install(target, log) {
  const started = Date.now();
  const work = `${target}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify(
      {
        name: 'strategy-align-test-host',
        private: true,
        description: 'Cached test host of Strategy Align; safe to delete.',
        allowScripts: Object.fromEntries(ALLOW_SCRIPTS.map((name) => [name, true])),
      },
      null,
      2,
    ),
  );
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  npm(['install', ...quiet, `${nodePackageName()}@${NODE_MAJOR}`], work, childNpmEnv(), log);
  const layout = hostLayout(work);
  // code-server's native modules must be compiled against Node 24, by Node 24.
  const env = childNpmEnv({ PATH: `${layout.nodeBinDir}${delimiter}${process.env.PATH}`, npm_config_nodedir: layout.nodeDir });
  npm(['install', ...quiet, `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_RANGE}`], work, env, log);
  writeFileSync(
    layout.marker,
    JSON.stringify(
      { codeServer: CODE_SERVER_VERSION, node: capture(layout.node, ['--version']), installedAt: new Date().toISOString() },
      null,
      2,
    ),
  );
  const problem = hostProblem(layout);
  if (problem) throw new Error(`the fresh host in ${work} is not usable: ${problem}`);
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(work, target);
  } catch (error) {
    if (hostProblem(hostLayout(target))) throw error; // else a concurrent setup finished first
    rmSync(work, { recursive: true, force: true });
  }
  log(`[host] installed in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
}

/** `.vscode-test` in the repository points at the cached host, for discoverability. */
function linkIntoRepo(target, log) {
  const link = join(REPO_ROOT, '.vscode-test');
  try {
    if (!lstatSync(link).isSymbolicLink() || readlinkSync(link) === target) return; // a real folder (test-electron's): leave it
    unlinkSync(link);
  } catch {
    /* absent */
  }
  symlinkSync(target, link, 'dir');
  log(`[host] .vscode-test -> ${target}`);
}

/** Ensures the cached host and the system packages; returns the host's layout. */
export function ensureHost({ log = console.log } = {}) {
  const layout = hostLayout(hostDir());
  const problem = hostProblem(layout);
  ensurePrereqs({ build: Boolean(problem), log });
  if (problem) {
    log(`[host] (re)building the test host (${problem}): ${layout.dir}`);
    install(layout.dir, log);
  }
  linkIntoRepo(layout.dir, log);
  return layout;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureHost().dir);
  } catch (error) {
    console.error(`[host] ${error.message}`);
    process.exit(1);
  }
}
