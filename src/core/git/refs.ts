// Branches, the base branch, the current branch and revisions.
import { GitError } from './errors';
import { LEDGER_REF, NOTES_REF } from './log';
import type { GitRunner } from './runner';
import type { BranchInfo } from './types';

export interface RefListing {
  branches: BranchInfo[];
  /** remote → the branch its HEAD points at, e.g. origin → origin/main. */
  remoteHeads: Map<string, string>;
  /** The sha of refs/notes/goals, or null when there are no goal notes. */
  notesSha?: string | null;
  /** The sha of refs/notes/goals-branches (the branch ledger), or null when there is none. */
  ledgerSha?: string | null;
}

/** Local and remote-tracking branches in one `for-each-ref` call. */
export async function listRefs(runner: GitRunner): Promise<RefListing> {
  const out = await runner.run([
    'for-each-ref',
    '--format=%(refname)%00%(objectname)%00%(HEAD)%00%(symref)',
    'refs/heads',
    'refs/remotes',
    NOTES_REF,
    LEDGER_REF,
  ]);
  const branches: BranchInfo[] = [];
  const remoteHeads = new Map<string, string>();
  let notesSha: string | null = null;
  let ledgerSha: string | null = null;
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [ref, sha, head, symref] = line.split('\0');
    if (ref === NOTES_REF) notesSha = sha;
    else if (ref === LEDGER_REF) ledgerSha = sha;
    else if (ref.startsWith('refs/heads/')) {
      branches.push({ name: ref.slice('refs/heads/'.length), ref, sha, current: head === '*' });
    } else if (ref.startsWith('refs/remotes/')) {
      const name = ref.slice('refs/remotes/'.length);
      const remote = name.slice(0, name.indexOf('/'));
      if (symref) {
        if (name === `${remote}/HEAD`) remoteHeads.set(remote, symref.slice('refs/remotes/'.length));
        continue;
      }
      branches.push({ name, ref, sha, remote, current: false });
    }
  }
  return { branches, remoteHeads, notesSha, ledgerSha };
}

export async function currentBranch(runner: GitRunner): Promise<string | undefined> {
  const out = (await runner.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  return out || undefined;
}

/**
 * settings.base when it exists, else the remote HEAD (origin first; the local branch of that name
 * when there is one), else main, else master (local, then remote-tracking).
 */
export async function detectBase(runner: GitRunner, configured?: string): Promise<string | undefined> {
  return chooseBase(await listRefs(runner), configured);
}

/** The base branch from one ref listing (see detectBase). */
export function chooseBase({ branches, remoteHeads }: RefListing, configured?: string): string | undefined {
  const local = new Set(branches.filter((b) => !b.remote).map((b) => b.name));
  const all = new Set(branches.map((b) => b.name));
  if (configured) return all.has(configured) ? configured : undefined;
  const remotes = [...remoteHeads.keys()].sort((a, b) => (a === 'origin' ? -1 : b === 'origin' ? 1 : a.localeCompare(b)));
  for (const remote of remotes) {
    const target = remoteHeads.get(remote)!;
    const short = target.slice(remote.length + 1);
    if (local.has(short)) return short;
    if (all.has(target)) return target;
  }
  for (const name of ['main', 'master']) {
    if (local.has(name)) return name;
    const remote = branches.find((b) => b.remote && b.name === `${b.remote}/${name}`);
    if (remote) return remote.name;
  }
  return undefined;
}

/** The full sha of the commit `rev` names. */
export async function resolveCommit(runner: GitRunner, rev: string): Promise<string> {
  if (rev.startsWith('-') || rev.trim() === '') throw new GitError('bad-revision', `bad revision '${rev}'`);
  const out = (await runner.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  if (!/^[0-9a-f]{40,64}$/.test(out)) throw new GitError('bad-revision', `bad revision '${rev}': no such commit`);
  return out;
}
