// Fetching and pushing the shared tags (issue 12): never a forced fetch over local refs. The
// remote's notes land in private refs first; pushes are never forced, so a push that would lose
// someone's notes is rejected by the remote and the caller merges again.
import type { GitRunner } from './runner';
import { GitError } from './errors';

/** No credential prompt, no pager: a sync must fail with one line, not wait for a human. */
const QUIET_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', SSH_ASKPASS: 'echo', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' };

export async function listRemotes(runner: GitRunner): Promise<string[]> {
  return (await runner.output(['remote'])) // read on every remote watch: not through simple-git
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Fetches the remote's `refs/notes/goals*` into `<prefix>goals*` (private refs, forced: only ours). */
export async function fetchNotes(runner: GitRunner, remote: string, prefix: string): Promise<void> {
  await runner.each(
    ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', remote, `+refs/notes/goals*:${prefix}goals*`],
    () => undefined,
    undefined,
    QUIET_ENV,
  );
}

export type PushOutcome = 'pushed' | 'moved';

/**
 * Pushes `sha:ref` pairs without force, atomically where the remote can. `moved`: the remote's ref
 * moved since it was fetched (or was locked by a concurrent push): fetch, merge and push again.
 * Any other refusal throws.
 */
export async function pushNotes(runner: GitRunner, remote: string, updates: readonly { sha: string; ref: string }[]): Promise<PushOutcome> {
  const out: Buffer[] = [];
  try {
    await runner.each(
      ['push', '--porcelain', '--quiet', '--no-verify', remote, ...updates.map((u) => `${u.sha}:${u.ref}`)],
      (chunk) => out.push(chunk),
      undefined,
      QUIET_ENV,
    );
    return 'pushed';
  } catch (error) {
    const report = Buffer.concat(out).toString('utf8');
    const message = error instanceof Error ? error.message : String(error);
    if (/\[rejected\].*\((fetch first|non-fast-forward|stale info)\)/.test(report)) return 'moved';
    if (
      /\[remote rejected\].*(lock|failed to update ref|incorrect old value)/i.test(report) ||
      /cannot lock ref|failed to update ref/i.test(message)
    )
      return 'moved';
    const refused = /\[remote rejected\][^(]*\(([^)]*)\)/.exec(report);
    throw new GitError('failed', refused ? `the remote refused the push (${refused[1]})` : message);
  }
}

/** Deletes every ref under `prefix` (the private refs of one sync). */
export async function deleteRefsUnder(runner: GitRunner, prefix: string): Promise<void> {
  const refs = (await runner.run(['for-each-ref', '--format=%(refname)', prefix])).split('\n').filter(Boolean);
  for (const ref of refs) await runner.run(['update-ref', '-d', ref]).catch(() => undefined);
}
