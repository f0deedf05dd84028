// System packages the test host needs: Chromium to drive the workbench, and the build tools
// code-server's postinstall uses to compile its native modules. As root on Debian (CI) they
// are installed with apt; elsewhere the missing ones are named with the command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './paths.mjs';

/** Whether `cmd` is on PATH. */
export const has = (cmd) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
const gssapi = () =>
  existsSync('/usr/include/gssapi/gssapi.h') || spawnSync('pkg-config', ['--exists', 'krb5-gssapi'], { stdio: 'ignore' }).status === 0;

/** Debian package → present? `build` ones are needed only while the host is installed. */
function check({ build }) {
  const need = [
    ['git', () => has('git')],
    ['chromium', () => existsSync(CHROMIUM)],
  ];
  if (build) {
    need.push(
      ['pkg-config', () => has('pkg-config')],
      ['libkrb5-dev', gssapi],
      ['make', () => has('make')],
      ['g++', () => has('g++')],
      ['python3', () => has('python3')],
    );
  }
  return need.filter(([, ok]) => !ok()).map(([name]) => name);
}

/** The names `missing()` gives after installing them with apt (as root on Debian), else as they were. */
export function installMissing(missing, log = console.log) {
  const names = missing();
  if (names.length === 0) return names;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/etc/debian_version') || !has('apt-get')) return names;
  log(`[deps] installing system packages: ${names.join(' ')}`);
  run('apt-get', ['update'], log);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...names], log);
  return missing();
}

function run(cmd, args, log) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Makes sure the system packages are there, installing them with apt when allowed. */
export function ensurePrereqs({ build, log = console.log }) {
  if (process.env.CHROMIUM_PATH && !existsSync(CHROMIUM)) throw new Error(`CHROMIUM_PATH=${CHROMIUM} does not exist`);
  const missing = installMissing(() => check({ build }), log);
  if (missing.length === 0) return;
  throw new Error(
    `missing system packages: ${missing.join(' ')}\n` +
      `  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
      (missing.includes('chromium') ? `  or point CHROMIUM_PATH at a Chromium/Chrome binary\n` : ''),
  );
}
