// The repository's ref state read from its files, without starting git (each git process costs the
// CLI's warm report more than everything else it does): where the repository is, as git finds it
// (walking up to `.git`, a linked worktree's or submodule's `gitdir:` file, `commondir`), and the
// raw bytes of HEAD, packed-refs, every loose ref, shallow and info/grafts. Equal bytes are equal
// refs; different bytes (e.g. after pack-refs) only cost a scan. Anything this does not know to read
// exactly as git would (git's location variables, a reftable, another owner, Windows, thousands of
// loose refs) is undefined: the caller asks git.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export interface RepoPaths {
  /** The working tree's top level (real path). */
  root: string;
  /** This worktree's git dir (real path). */
  gitDir: string;
  /** The git common dir (real path): config, refs, packed-refs. */
  commonDir: string;
}

/**
 * GIT_* variables that do not change which repository, refs, objects or config git reads; any other
 * one set (GIT_DIR, GIT_CONFIG_COUNT, GIT_NAMESPACE, …) sends the fingerprint to git. Every GIT_*
 * value goes into the fingerprint all the same.
 */
const HARMLESS =
  /^GIT_(AUTHOR_|COMMITTER_|CONFIG_GLOBAL$|CONFIG_SYSTEM$|CONFIG_NOSYSTEM$|TRACE|SSL_|SSH|HTTP_|PROXY_|EDITOR$|SEQUENCE_EDITOR$|PAGER$|TERMINAL_PROMPT$|ASKPASS$|FLUSH$|OPTIONAL_LOCKS$|ALLOW_PROTOCOL$|PROTOCOL_FROM_USER$|EXEC_PATH$|MERGE_VERBOSITY$)/;

/** Loose ref files read at most; beyond, one git process is cheaper. */
const MAX_LOOSE = 2000;

/** `GIT_*=value` lines (sorted), or undefined when one of them moves what git reads. */
export function gitEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const names = Object.keys(env)
    .filter((name) => name.startsWith('GIT_'))
    .sort();
  if (names.some((name) => !HARMLESS.test(name))) return undefined;
  return names.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The repository holding `dir` as git would find it, or undefined. */
export function findRepoPaths(dir: string): RepoPaths | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const start = realpathSync.native(dir);
    const device = statSync(start).dev;
    for (let at = start; ; at = dirname(at)) {
      if (statSync(at).dev !== device) return undefined; // git stops at a file system's edge
      const dotGit = statSync(join(at, '.git'), { throwIfNoEntry: false });
      if (dotGit) return ownedByUs(at) ? repoAt(at, start, dotGit.isDirectory()) : undefined;
      if (dirname(at) === at) return undefined;
    }
  } catch {
    return undefined;
  }
}

/** git refuses a repository another user owns (safe.directory): so does this, by asking git. */
function ownedByUs(path: string): boolean {
  return typeof process.getuid !== 'function' || statSync(path).uid === process.getuid();
}

function repoAt(top: string, start: string, isDir: boolean): RepoPaths | undefined {
  let dotGit = join(top, '.git');
  if (!isDir) {
    const line = /^gitdir: (.+)$/m.exec(readText(dotGit) ?? '')?.[1];
    if (!line) return undefined;
    dotGit = resolve(top, line.trim());
  }
  const common = readText(join(dotGit, 'commondir'))?.trim();
  const gitDir = realpathSync.native(dotGit);
  const commonDir = common ? realpathSync.native(resolve(dotGit, common)) : gitDir;
  if (start === gitDir || start.startsWith(gitDir + sep)) return undefined; // inside .git: no working tree
  if (!/^(ref: refs\/|[0-9a-f]{40})/.test(readText(join(gitDir, 'HEAD')) ?? '')) return undefined; // not a repository to git
  if (statSync(join(commonDir, 'reftable'), { throwIfNoEntry: false })) return undefined;
  return { root: top, gitDir, commonDir };
}

/** Every file that holds a ref of `paths` (name and bytes, in a fixed order), or undefined. */
export function refFiles(paths: RepoPaths): string | undefined {
  const parts: string[] = [];
  const add = (name: string, file: string) => parts.push(`${name}\0${readText(file) ?? '\u0001missing'}`);
  add('HEAD', join(paths.gitDir, 'HEAD'));
  for (const name of ['packed-refs', 'shallow', 'info/grafts']) add(name, join(paths.commonDir, name));
  const dirs = paths.gitDir === paths.commonDir ? [paths.commonDir] : [paths.commonDir, paths.gitDir];
  let loose = 0;
  for (const base of dirs) {
    const walk = (rel: string): boolean => {
      let entries;
      try {
        entries = readdirSync(join(base, rel), { withFileTypes: true });
      } catch {
        return true;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const name = `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!walk(name)) return false;
        } else {
          if (++loose > MAX_LOOSE) return false;
          add(`${base === paths.gitDir && base !== paths.commonDir ? 'worktree:' : ''}${name}`, join(base, name));
        }
      }
      return true;
    };
    if (!walk('refs')) return undefined;
  }
  return parts.join('\n');
}
