// Everything git holds that a report depends on besides the commits themselves: where the
// repository is, every ref (branches, remotes and where their HEADs point, notes, tags, the current
// branch) and the whole config (branch goals). Two equal fingerprints name the same report inputs
// from git, so a report saved under one can be shown again for the other without a scan.
// Read from the files themselves when repoFiles and configFiles know them (no git process: each
// costs the CLI's warm report more than all the rest), else from git in two short reads side by side.
import { configFiles } from './configFiles';
import { reflogStamp } from './reflogFiles';
import { findRepoPaths, gitEnvironment, refFiles } from './repoFiles';
import type { GitRunner } from './runner';

export interface RepoFingerprint {
  /** The working tree's top level (where strategy.yaml is). */
  root: string;
  /** The git common dir (where the CLI's caches live, shared by linked worktrees). */
  commonDir: string;
  /**
   * From the files: their names and bytes (refs: HEAD, packed-refs, loose refs, shallow, grafts;
   * config: every file git reads, with the GIT_* environment). From git: every ref's sha then its
   * full name, HEAD's first, and `git config --list`, as git printed them. Either way `refs` ends
   * with the size and time of HEAD's reflogs (deleted branches' tips are read there: ledger/recovered.ts).
   */
  refs: string;
  config: string;
}

/** The fingerprint of the repository holding `dir`, or undefined when git says no (not a repository, no git). */
export async function readFingerprint(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<RepoFingerprint | undefined> {
  return fromFiles(dir, env) ?? fromGit(dir);
}

/** The fingerprint read from the repository's files, or undefined when git must be asked. */
export function fromFiles(dir: string, env: NodeJS.ProcessEnv): RepoFingerprint | undefined {
  const environment = gitEnvironment(env);
  const paths = environment === undefined ? undefined : findRepoPaths(dir);
  if (!paths) return undefined;
  try {
    const refs = refFiles(paths);
    const config = refs === undefined ? undefined : configFiles(paths, env);
    if (refs === undefined || config === undefined) return undefined;
    const withLogs = `files\n${refs}\n${reflogStamp(paths.commonDir)}`;
    return { root: paths.root, commonDir: paths.commonDir, refs: withLogs, config: `${environment}\n${config}` };
  } catch {
    return undefined;
  }
}

async function fromGit(dir: string): Promise<RepoFingerprint | undefined> {
  // Loaded only here: the warm report that reads the files never loads node:child_process (~5 ms).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runner: GitRunner = new (require('./runner') as typeof import('./runner')).GitRunner(dir);
  const read = async (args: string[]): Promise<string> => {
    const chunks: Buffer[] = [];
    await runner.each(args, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks).toString('utf8');
  };
  try {
    // rev-parse's --symbolic-full-name holds for the arguments after it: the shas, then the names.
    const [where, config] = await Promise.all([
      read([
        'rev-parse',
        '--show-toplevel',
        '--path-format=absolute',
        '--git-common-dir',
        'HEAD',
        '--all',
        '--symbolic-full-name',
        'HEAD',
        '--all',
      ]),
      read(['config', '--null', '--list']),
    ]);
    const [root, commonDir] = where.split('\n', 2);
    if (!root || !commonDir) return undefined;
    const refs = `git\n${where.slice(root.length + commonDir.length + 2)}\n${reflogStamp(commonDir)}`;
    return { root, commonDir, refs, config };
  } catch {
    return undefined;
  }
}
