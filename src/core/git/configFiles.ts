// The bytes of every config file git reads for a repository, without starting git: the system
// file(s), the global ones, the repository's and the worktree's, and every file they include
// (include.path and includeIf.*.path, whatever the condition: reading one too many only costs a
// scan when it changes). A config this cannot follow exactly (a value continued over lines, a
// quoted or escaped include path, core.worktree) is undefined: the caller asks git.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { RepoPaths } from './repoFiles';

/** git's limit on nested includes. */
const MAX_DEPTH = 10;

/**
 * Where the system config may be: /etc/gitconfig (a git installed in /usr), else `<prefix>/etc`
 * of the git on PATH (as git's Makefile sets it; Homebrew, /usr/local) and Apple's
 * `<prefix>/share/git-core/gitconfig`. All of them are read: one that git skips only costs a scan.
 */
function systemFiles(env: NodeJS.ProcessEnv): string[] {
  const files = ['/etc/gitconfig'];
  if (env.GIT_CONFIG_SYSTEM) files.push(env.GIT_CONFIG_SYSTEM);
  const git = gitOnPath(env);
  if (git)
    for (const prefix of new Set([dirname(dirname(git)), dirname(dirname(realpathSync.native(git)))]))
      files.push(join(prefix, 'etc', 'gitconfig'), join(prefix, 'share', 'git-core', 'gitconfig'));
  return files;
}

/** The `git` that PATH finds (a file named git in the first folder that has one), or undefined. */
export function gitOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const git = join(dir, 'git');
    if (dir && statSync(git, { throwIfNoEntry: false })?.isFile()) return git;
  }
  return undefined;
}

function globalFiles(env: NodeJS.ProcessEnv): string[] {
  const files = env.GIT_CONFIG_GLOBAL ? [env.GIT_CONFIG_GLOBAL] : [];
  if (env.XDG_CONFIG_HOME) files.push(join(env.XDG_CONFIG_HOME, 'git', 'config'));
  if (env.HOME) files.push(join(env.HOME, '.config', 'git', 'config'), join(env.HOME, '.gitconfig'));
  return files;
}

/** The include paths of one config file's text; undefined when it cannot be read exactly. */
export function includedPaths(text: string): string[] | undefined {
  const found: string[] = [];
  let section = '';
  for (let line of text.split('\n')) {
    if (/\\\r?$/.test(line)) return undefined; // a value continued on the next line
    const header = /^\s*\[([^\]]*)\](.*)$/.exec(line);
    if (header) {
      section = header[1].trim().split(/[\s.]/, 1)[0].toLowerCase();
      line = header[2];
    }
    const entry = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line.replace(/[;#].*$/, ''));
    if (!entry) continue;
    const key = entry[1].toLowerCase();
    if (section === 'core' && key === 'worktree') return undefined;
    if ((section !== 'include' && section !== 'includeif') || key !== 'path') continue;
    const value = (entry[2] ?? '').trim();
    if (/["\\]|^%\(|^~(?!\/)/.test(value)) return undefined;
    if (value) found.push(value);
  }
  return found;
}

/** One config file git may read: its text, or why it could not be read (an error code; ENOENT: there is none). */
export interface ConfigFile {
  file: string;
  text?: string;
  error?: string;
}

/**
 * Every config file of `paths` in a fixed order (system, global, the repository's, the worktree's, each
 * followed by the files it includes), or undefined when they cannot be followed exactly.
 */
export function configFileTexts(paths: RepoPaths, env: NodeJS.ProcessEnv): ConfigFile[] | undefined {
  const out: ConfigFile[] = [];
  const read = (file: string, depth: number): boolean => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      out.push({ file, error: (error as NodeJS.ErrnoException).code ?? 'EIO' });
      return true;
    }
    out.push({ file, text });
    const included = includedPaths(text);
    if (!included || (included.length > 0 && depth >= MAX_DEPTH)) return false;
    for (const path of included) {
      const target = path.startsWith('~/') ? (env.HOME ? join(env.HOME, path.slice(2)) : undefined) : resolve(dirname(file), path);
      if (!target || !read(target, depth + 1)) return false;
    }
    return true;
  };
  const files = [...systemFiles(env), ...globalFiles(env), localConfig(paths), join(paths.gitDir, 'config.worktree')];
  for (const file of files) if (!read(file, 0)) return undefined;
  return out;
}

/** The repository's own config file (the one `git config` writes). */
export function localConfig(paths: RepoPaths): string {
  return join(paths.commonDir, 'config');
}

/** Every config file of `paths` with its bytes, in a fixed order, or undefined. */
export function configFiles(paths: RepoPaths, env: NodeJS.ProcessEnv): string | undefined {
  const files = configFileTexts(paths, env);
  return files && joinConfigFiles(files);
}

/** The files' names and bytes as one string (equal strings: the same config). */
export function joinConfigFiles(files: readonly ConfigFile[]): string {
  return files.map(({ file, text }) => (text === undefined ? `${file}\0\u0001missing` : `${file}\0${text}`)).join('\n');
}
