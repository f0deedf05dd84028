// Everything git holds that a report depends on besides the commits themselves, in two short reads
// run side by side (each git process costs more than what it reads): where the repository is with
// every ref (branches, remotes and where their HEADs point, notes, tags, the current branch), and
// the whole config (branch goals). Two equal fingerprints name the same report inputs from git, so
// a report saved under one can be shown again for the other without a scan.
import { GitRunner } from './runner';

export interface RepoFingerprint {
  /** The working tree's top level (where strategy.yaml is). */
  root: string;
  /** The git common dir (where the CLI's caches live, shared by linked worktrees). */
  commonDir: string;
  /** Every ref's sha, then its full name (a symbolic ref: its target's), HEAD's first; and `git config --list`: as git printed them. */
  refs: string;
  config: string;
}

/** The fingerprint of the repository holding `dir`, or undefined when git says no (not a repository, no git). */
export async function readFingerprint(dir: string): Promise<RepoFingerprint | undefined> {
  const runner = new GitRunner(dir);
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
    return { root, commonDir, refs: where.slice(root.length + commonDir.length + 2), config };
  } catch {
    return undefined;
  }
}
