// npm start: a Strategy Align sandbox in a real VS Code (code-server) on 127.0.0.1.
//   npm start                 a generated demo repository (scripts/demo-repo.mjs)
//   npm start -- --repo DIR   your own repository
// Builds, sets up the cached host, installs the built extension into a throwaway instance and
// prints the URL to open. Ctrl-C stops the server and removes the instance. Needs no display.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupOnSignals, isStopping, onCleanup, runCleanups } from './host/cleanup.mjs';
import { REPO_ROOT } from './host/paths.mjs';
import { startCodeServer, workbenchUrl } from './host/server.mjs';
import { ensureHost } from './host/setup.mjs';
import { createDemoRepo } from './demo-repo.mjs';

const { values } = parseArgs({ options: { repo: { type: 'string' } } });
const run = (cmd, args) => execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });

async function main() {
  const repo = values.repo && resolve(values.repo);
  if (repo && !existsSync(repo)) throw new Error(`--repo ${repo} does not exist`);
  run(process.execPath, ['scripts/ensure-deps.mjs']);
  run('npm', ['run', '--silent', 'build']);
  const host = ensureHost();
  const root = mkdtempSync(join(tmpdir(), 'sa-start-'));
  onCleanup('sandbox folder', () => rmSync(root, { recursive: true, force: true }));
  const folder = repo ?? createDemoRepo(join(root, 'demo-repo'));
  const server = await startCodeServer({ host, root, extension: true });
  onCleanup('code-server', () => server.stop());
  console.log(`\nStrategy Align sandbox (code-server pid ${server.pid}, log ${server.logFile})`);
  console.log(`  repository: ${folder}${repo ? '' : ' (demo, removed on exit)'}`);
  console.log(`  open:       ${workbenchUrl(server, folder)}`);
  console.log('Press Ctrl-C to stop.\n');
  const code = await server.exited;
  if (isStopping()) return new Promise(() => {}); // Ctrl-C: the signal handler finishes and exits
  throw new Error(`code-server exited by itself (${code}); see ${server.logFile}`);
}

cleanupOnSignals();
try {
  await main();
} catch (error) {
  console.error(`[start] ${error.message}`);
  await runCleanups();
  process.exit(1);
}
