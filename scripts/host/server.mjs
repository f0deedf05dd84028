// One code-server instance: its own folders, settings and free port; started as
// `node24 entry.js` so the child's PID is the server's, stopped with SIGTERM by that PID.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';

const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** XDG folders under `root`, so neither the server nor Chromium writes into the home folder. */
export function xdgEnv(root) {
  const env = {
    XDG_CONFIG_HOME: join(root, 'xdg', 'config'),
    XDG_DATA_HOME: join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(root, 'xdg', 'cache'),
  };
  for (const dir of Object.values(env)) mkdirSync(dir, { recursive: true });
  return env;
}

/** Installs the built extension (the files .vscodeignore keeps) into an extensions folder. */
export function installExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  if (!existsSync(join(REPO_ROOT, manifest.main))) throw new Error(`${manifest.main} is missing: run npm run build first`);
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'dist', 'media', 'README.md', 'LICENSE']) {
    if (existsSync(join(REPO_ROOT, entry))) cpSync(join(REPO_ROOT, entry), join(target, entry), { recursive: true });
  }
  return target;
}

/**
 * Installs a .vsix as a user would, with code-server's own `--install-extension`, into the
 * instance's extensions folder (run before the server starts, with the same folders).
 */
function installVsix(host, dirs, vsix, env) {
  const args = [
    host.codeServerEntry,
    '--install-extension',
    vsix,
    '--extensions-dir',
    dirs.extensions,
    '--user-data-dir',
    dirs.userData,
    '--config',
    dirs.config,
  ];
  let output;
  try {
    output = execFileSync(host.node, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`code-server --install-extension ${vsix} failed (${error.status}): ${String(error.stderr || error.stdout).trim()}`, {
      cause: error,
    });
  }
  if (!/successfully installed/.test(output)) throw new Error(`code-server --install-extension ${vsix} said: ${output.trim()}`);
}

async function waitUntilServing(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer within ${timeoutMs / 1000} s`);
}

const tail = (file, lines = 15) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `  | ${l}`)
    .join('\n');

/**
 * Starts code-server on 127.0.0.1:<free port> with everything under `root`.
 * smokeTestDriver: accept the development payload in the URL (integration tests).
 * extension: install the built extension into the instance (UI test, npm start).
 * vsix: install this .vsix with `--install-extension` first (the packaged integration run).
 * port: a given port instead of a free one (the workbench keys a workspace's storage by its URL,
 * port included: reopening a workspace with its storage needs the port it had).
 */
export async function startCodeServer({
  host,
  root,
  smokeTestDriver = false,
  extension = false,
  vsix,
  trust = false,
  settings: extra = {},
  env = {},
  logFile = join(root, 'code-server.log'),
  port: given,
}) {
  const port = given ?? (await freePort());
  const dirs = { userData: join(root, 'user-data'), extensions: join(root, 'extensions'), config: join(root, 'config.yaml') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  // trust: workspace trust ON, so an unknown folder opens in Restricted Mode (no startup prompt).
  const settings = {
    ...SETTINGS,
    ...(trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
    ...extra,
  };
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  if (extension) installExtension(dirs.extensions);
  if (vsix) installVsix(host, dirs, vsix, { ...process.env, ...xdgEnv(root), ...env });

  const args = [
    host.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--config',
    dirs.config,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const out = createWriteStream(logFile);
  const child = spawn(host.node, args, { env: { ...process.env, ...xdgEnv(root), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && !child.signalCode) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!out.closed) await new Promise((resolve) => out.end(resolve));
  };
  try {
    await waitUntilServing(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}; its log ends:\n${tail(logFile)}`, { cause: error });
  }
  return { url, port, pid: child.pid, logFile, exited, stop };
}

/** The workbench URL for a folder (or a .code-workspace file), optionally with VS Code's development payload. */
export function workbenchUrl(server, folder, payload) {
  const params = new URLSearchParams(folder.endsWith('.code-workspace') ? { workspace: folder } : { folder });
  if (payload) {
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    params.set('payload', JSON.stringify(Object.entries(payload).map(([key, path]) => [key, remote(path)])));
  }
  return `${server.url}/?${params}`;
}
