// The ref listing (refs.ts's listRefs) and the config's identity read from the repository's files, without starting git: a
// scan after one new commit was mostly two git processes' start-up, this one of them. Loose refs
// under refs/heads and refs/remotes, packed-refs, HEAD, the remote HEAD symrefs and the two notes
// refs, as `git for-each-ref` would list them (sorted by ref name). Anything it cannot read exactly
// as git would (see repoFiles.ts; a symbolic branch, a ref being written, an unknown line, thousands
// of loose refs) is undefined: the caller asks git.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFiles } from './configFiles';
import { LEDGER_REF, NOTES_REF } from './log';
import type { RefListing } from './refs';
import { findRepoPaths, gitEnvironment } from './repoFiles';
import type { BranchInfo } from './types';

/** Loose ref files read at most (as repoFiles.ts). */
const MAX_LOOSE = 2000;
const SHA = /^[0-9a-f]{40}$/;

class Unknown extends Error {}

/** Every packed ref and every loose one under `dirs` or named in `files`: name → sha, or `ref: target` for a symbolic one. */
function readRefs(commonDir: string, dirs: readonly string[], files: readonly string[]): Map<string, string> {
  const refs = new Map<string, string>();
  let packed: string | undefined;
  try {
    packed = readFileSync(join(commonDir, 'packed-refs'), 'utf8');
  } catch {
    packed = undefined; // none: every ref is loose
  }
  for (const line of packed?.split('\n') ?? []) {
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space !== 40 || !SHA.test(line.slice(0, 40))) throw new Unknown();
    refs.set(line.slice(41), line.slice(0, 40));
  }
  let loose = 0;
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(join(commonDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const name = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(name);
      else if (++loose > MAX_LOOSE || name.endsWith('.lock')) throw new Unknown();
      else looseRef(commonDir, name, refs);
    }
  };
  for (const dir of dirs) walk(dir);
  for (const name of files) looseRef(commonDir, name, refs);
  return refs;
}

function looseRef(commonDir: string, name: string, refs: Map<string, string>): void {
  let text: string;
  try {
    text = readFileSync(join(commonDir, name), 'utf8');
  } catch {
    return;
  }
  const value = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!SHA.test(value) && !/^ref: refs\/\S+$/.test(value)) throw new Unknown();
  refs.set(name, value);
}

/** The listing of the repository holding `dir`, or undefined when git must be asked. */
export function refListingFromFiles(dir: string, env: NodeJS.ProcessEnv = process.env): RefListing | undefined {
  if (gitEnvironment(env) === undefined) return undefined;
  const paths = findRepoPaths(dir);
  if (!paths) return undefined;
  try {
    const refs = readRefs(paths.commonDir, ['refs/heads', 'refs/remotes'], [NOTES_REF, LEDGER_REF]);
    const head = readFileSync(join(paths.gitDir, 'HEAD'), 'utf8').trim();
    const headRef = head.startsWith('ref: ') ? head.slice(5) : undefined;
    const branches: BranchInfo[] = [];
    const remoteHeads = new Map<string, string>();
    for (const ref of [...refs.keys()].sort(byBytes)) {
      const value = refs.get(ref)!;
      if (ref.startsWith('refs/heads/')) {
        if (!SHA.test(value)) throw new Unknown(); // a symbolic branch: git resolves it
        branches.push({ name: ref.slice('refs/heads/'.length), ref, sha: value, current: ref === headRef });
      } else if (ref.startsWith('refs/remotes/')) {
        const name = ref.slice('refs/remotes/'.length);
        const remote = name.slice(0, name.indexOf('/'));
        if (!SHA.test(value)) {
          const target = value.slice('ref: '.length);
          if (name === `${remote}/HEAD` && refs.has(target)) remoteHeads.set(remote, target.slice('refs/remotes/'.length));
          else if (name === `${remote}/HEAD`) throw new Unknown(); // points outside what was read
          continue;
        }
        branches.push({ name, ref, sha: value, remote, current: false });
      } else if (!SHA.test(value)) throw new Unknown();
    }
    const sha = (ref: string) => refs.get(ref) ?? null;
    return { branches, remoteHeads, notesSha: sha(NOTES_REF), ledgerSha: sha(LEDGER_REF) };
  } catch {
    return undefined;
  }
}

/**
 * What `git rev-parse --verify --quiet REF` prints for a full ref name under refs/ (a loose file,
 * else its packed-refs line; '' when neither has it), read from the files. Undefined when git must be
 * asked: a GIT_* location variable, a per-worktree ref, a symbolic ref, a file git would not read
 * this way. (git would also try `refs/heads/REF` and its other DWIM rules for a missing REF: a
 * branch literally named `refs/…` is ignored here.)
 */
export function refValueFromFiles(dir: string, ref: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!/^refs\/[^\0\s]+$/.test(ref) || /^refs\/(bisect|worktree|rewritten)\//.test(ref) || ref.includes('..')) return undefined;
  if (gitEnvironment(env) === undefined) return undefined;
  const paths = findRepoPaths(dir);
  if (!paths) return undefined;
  try {
    const value = readRefs(paths.commonDir, [], [ref]).get(ref);
    if (value === undefined) return '';
    return SHA.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function byBytes(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

/** The GIT_* environment and every config file's bytes (configFiles.ts), or undefined. */
function configFilesKey(dir: string, env: NodeJS.ProcessEnv): { key: string; gitDir: string } | undefined {
  const environment = gitEnvironment(env);
  const paths = environment === undefined ? undefined : findRepoPaths(dir);
  const files = paths && configFiles(paths, env);
  return paths && files !== undefined ? { key: `${environment}\n${files}`, gitDir: paths.gitDir } : undefined;
}

/**
 * The config files' key (remotes, without HEAD) and every ref under `dirs` (e.g. refs/notes), read from the files:
 * equal keys, the same refs and remotes. Undefined when git must be asked.
 */
export function refsKey(dir: string, dirs: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const config = configFilesKey(dir, env)?.key;
    const paths = config === undefined ? undefined : findRepoPaths(dir);
    if (!paths) return undefined;
    const refs = readRefs(paths.commonDir, dirs, []);
    const inside = (ref: string) => dirs.some((d) => ref.startsWith(`${d}/`));
    const lines = [...refs].filter(([ref]) => inside(ref)).map(([ref, value]) => `${ref} ${value}`);
    return `${config}\n${lines.sort().join('\n')}`;
  } catch {
    return undefined;
  }
}
