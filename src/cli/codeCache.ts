// The CLI's bundles loaded with a V8 code cache: compiling dist/cli-commands.js (780 KB, zod and
// yaml inside) costs ~100 ms on every cold run, a cached compile a fraction of it. The cache is a
// file per bundle, build, Node version and CPU under the user's cache folder
// ($XDG_CACHE_HOME/strategy-align, else ~/.cache/strategy-align); it is written after the command
// ran (so it holds the functions the command compiled), atomically. V8 checks the cache against
// the source and rejects one that does not fit; a missing, corrupt or unwritable cache only costs
// the plain compile.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Script } from 'node:vm';
import { basename, dirname, join } from 'node:path';
import { BUILD } from './help';

// node:vm and node:module are required when a bundle is loaded: the entry's printed output loads neither.
/* eslint-disable @typescript-eslint/no-require-imports */
const vm = () => require('node:vm') as typeof import('node:vm');
const nodeModule = () => require('node:module') as typeof import('node:module');
/* eslint-enable @typescript-eslint/no-require-imports */

/** A plain require of `file`. */
const plain = (file: string): unknown => nodeModule().createRequire(file)(file);

/** The scripts compiled without a usable cache, to save once the command ran. */
const unsaved: { script: Script; file: string }[] = [];

/** The code cache's folder, or undefined when there is no user cache folder. */
export function codeCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'strategy-align') : undefined;
}

/** `require(file)` (a self-contained bundle), compiled with its code cache when there is one. */
export function requireBundle(file: string, env: NodeJS.ProcessEnv): unknown {
  const folder = codeCacheFolder(env);
  if (folder === undefined || BUILD === 'dev') return plain(file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8').replace(/^#!/, '//'); // the banner line: a comment inside the wrapper
  } catch {
    return plain(file);
  }
  const cacheFile = join(folder, `${basename(file)}.${BUILD}.${process.version}.${process.arch}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const Module = nodeModule();
  const script = new (vm().Script)(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) unsaved.push({ script, file: cacheFile });
  const module = new Module(file);
  module.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    Module.createRequire(file),
    module,
    file,
    dirname(file),
  );
  return module.exports;
}

/** Writes the caches of the bundles this run compiled without one. A failure only costs the next run its compile. */
export function saveCodeCaches(): void {
  for (const { script, file } of unsaved.splice(0)) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, file);
      removeOtherBuilds(file);
    } catch {
      removeQuietly(temporary);
    }
  }
}

/** The same bundle's caches of other builds, Node versions or CPUs: never read again after an upgrade (~1 MB each). */
function removeOtherBuilds(file: string): void {
  const bundle = basename(file).split('.').slice(0, 2).join('.'); // cli-commands.js
  for (const name of readdirSync(dirname(file)))
    if (name.startsWith(`${bundle}.`) && name.endsWith('.v8') && name !== basename(file)) removeQuietly(join(dirname(file), name));
}

/** Removes `file` if it is there; never throws (rmSync's force still throws ENOTDIR). */
export function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // nothing to remove there
  }
}
