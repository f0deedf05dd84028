// Patch-ids (issue 12): what stays the same when a commit is rebased, cherry-picked or squashed.
// ONE `git diff-tree --stdin -p` piped into ONE `git patch-id --stable` for any number of commits.
import type { GitRunner } from './runner';

/** A commit's own change (`sha` against its first parent), or the change `base..sha` as a whole. */
export interface PatchRequest {
  sha: string;
  base?: string;
}

/**
 * The stable patch-id of every request, keyed by `sha` (or `base..sha`). A commit that changes
 * nothing has no patch-id (git prints none): it is missing from the map. Requests with a base go
 * in a second pipe, since git names both outputs by the same tip.
 */
export async function patchIds(runner: GitRunner, requests: readonly PatchRequest[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const own = requests.filter((r) => !r.base).map((r) => r.sha);
  const whole = requests.filter((r) => r.base);
  if (own.length > 0) await batch(runner, own.map((sha) => `${sha}\n`).join(''), (sha, id) => out.set(sha, id));
  if (whole.length > 0) {
    const names = new Map<string, string[]>();
    for (const r of whole) names.set(r.sha, [...(names.get(r.sha) ?? []), `${r.base}..${r.sha}`]);
    // One pipe per distinct base of a tip (nearly always one).
    for (let round = 0; [...names.values()].some((n) => n.length > round); round++) {
      const input = whole
        .filter((r) => names.get(r.sha)![round] === `${r.base}..${r.sha}`)
        .map((r) => `${r.sha} ${r.base}\n`)
        .join('');
      await batch(runner, input, (sha, id) => {
        const key = names.get(sha)?.[round];
        if (key) out.set(key, id);
      });
    }
  }
  return out;
}

async function batch(runner: GitRunner, input: string, found: (sha: string, id: string) => void): Promise<void> {
  let rest = '';
  const line = (text: string) => {
    const [id, sha] = text.split(' ');
    if (id && sha) found(sha, id);
  };
  await runner.pipe(
    ['diff-tree', '--stdin', '-p', '-r', '--root', '--no-color', '--no-ext-diff', '--no-textconv'],
    ['patch-id', '--stable'],
    input,
    (chunk) => {
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) line(l);
    },
  );
  if (rest) line(rest);
}
