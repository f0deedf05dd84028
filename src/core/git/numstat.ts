// Lines added and deleted per file, for the churn measure: ONE `git log --numstat` over exactly the
// commits asked for (shas on stdin, no walk). Read only when churn is asked for.
import { BUFFERED } from './historyLog';
import type { GitRunner } from './runner';

/** The arguments of the churn read (the benchmark runs exactly these as "raw --numstat"). */
export function numstatArgs(): string[] {
  return ['log', '--no-walk=unsorted', '--stdin', '-z', '--numstat', '-M', '--no-notes', '--format=%x01%H'];
}

/** One file of one commit: binary files have added = deleted = 0; a rename gives the new path. */
export type NumstatSink = (sha: string, added: number, deleted: number, path: string) => void;

/** Streams numstat of `shas`; `commit` is called once per commit (files may follow). */
export async function readNumstat(
  runner: GitRunner,
  shas: readonly string[],
  commit: (sha: string) => void,
  file: NumstatSink,
): Promise<void> {
  if (shas.length === 0) return;
  let sha = '';
  let pendingRename: { added: number; deleted: number; left: number } | undefined;
  const token = (text: string) => {
    if (pendingRename) {
      if (--pendingRename.left === 0) {
        file(sha, pendingRename.added, pendingRename.deleted, text);
        pendingRename = undefined;
      }
      return;
    }
    const body = text.charCodeAt(0) === 10 ? text.slice(1) : text;
    if (body.charCodeAt(0) === 1) {
      sha = body.slice(1);
      commit(sha);
      return;
    }
    const tab1 = body.indexOf('\t');
    const tab2 = body.indexOf('\t', tab1 + 1);
    if (tab1 < 0 || tab2 < 0) return;
    const added = body.startsWith('-') ? 0 : Number(body.slice(0, tab1));
    const deleted = body.charCodeAt(tab1 + 1) === 45 ? 0 : Number(body.slice(tab1 + 1, tab2));
    const path = body.slice(tab2 + 1);
    if (path === '')
      pendingRename = { added, deleted, left: 2 }; // -z rename: old path, new path follow
    else file(sha, added, deleted, path);
  };
  let carry: Buffer | undefined;
  await runner.each(
    [...numstatArgs(), '--'],
    (chunk) => {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let nul = data.indexOf(0, start); nul !== -1; nul = data.indexOf(0, start)) {
        token(data.toString('utf8', start, nul));
        start = nul + 1;
      }
      carry = start < data.length ? data.subarray(start) : undefined;
    },
    shas.map((s) => `${s}\n`).join(''),
    BUFFERED,
  );
  if (carry) token(carry.toString('utf8'));
}
