// Any notes ref, read whole and changed by compare-and-swap (issue 12: refs/notes/goals-branches and
// the merge of a teammate's notes). Same pattern as notes.ts: `git notes` works on a private copy of
// the ref, `git update-ref NEW OLD` publishes it only if nobody moved the ref meanwhile, else again.
import { randomBytes } from 'node:crypto';
import { readBlobs } from './blobs';
import { refValueFromFiles } from './refListingFiles';
import { retryWhileLocked } from './retry';
import type { GitRunner } from './runner';

const SCRATCH_PREFIX = 'refs/notes/strategy-align-scratch/';

/** The sha `ref` names ('' for none): from the ref files when they say it exactly, else `git rev-parse`. */
export async function refValue(runner: GitRunner, ref: string): Promise<string> {
  return refValueFromFiles(runner.cwd, ref) ?? (await runner.run(['rev-parse', '--verify', '--quiet', ref])).trim();
}

/** Every note of `ref` (a ref name or a notes commit sha): annotated commit → note text. */
export async function readNotesText(runner: GitRunner, ref: string): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (!(await refValue(runner, ref))) return notes;
  const pairs = await notesListing(runner, ref);
  const texts = await readBlobs(
    runner,
    pairs.map(([blob]) => blob),
  );
  pairs.forEach(([, commit], i) => notes.set(commit, texts[i]));
  return notes;
}

/**
 * The notes of notes commit (or ref) `ref` as `[note blob, annotated sha]`, in tree order, from its tree itself
 * (`git notes --ref` would take a sha for a ref name under refs/notes/); [] when git cannot read it.
 */
export async function notesListing(runner: GitRunner, ref: string): Promise<[string, string][]> {
  // `<mode> blob <note>\t<annotated sha, maybe split into fan-out folders>`.
  const listing = await runner.output(['ls-tree', '-r', '-z', `${ref}^{tree}`]).catch(() => ''); // a scan's read: not through simple-git
  return listing
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const [meta, path] = entry.split('\t');
      return [meta.split(' ')[2], path.replaceAll('/', '')] as [string, string];
    })
    .filter(([blob, sha]) => blob && /^[0-9a-f]{40,64}$/.test(sha));
}

/**
 * Runs `change(scratch)` on a private copy of `ref` (git notes commands with `--ref=scratch`) and
 * publishes the result by compare-and-swap; retried when `ref` moved meanwhile. Returns the new sha.
 */
export async function changeNotesRef(
  runner: GitRunner,
  ref: string,
  what: string,
  change: (scratch: string) => Promise<void>,
): Promise<string> {
  return retryWhileLocked(`updating ${ref}`, async () => {
    const old = await refValue(runner, ref);
    const scratch = `${SCRATCH_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
    try {
      if (old) await runner.run(['update-ref', '--no-deref', scratch, old, '']);
      await change(scratch);
      const next = await refValue(runner, scratch);
      if (next && next !== old) await runner.run(['update-ref', '-m', `strategy-align: ${what}`, ref, next, old]);
      return next || old;
    } finally {
      await runner.run(['update-ref', '-d', scratch]).catch(() => undefined);
    }
  });
}

/** Adds `lines` to the note of `sha` on `ref` (each line once; the note's other lines kept). */
export async function addNoteLines(runner: GitRunner, ref: string, sha: string, lines: readonly string[]): Promise<void> {
  await changeNotesRef(runner, ref, 'branch record', async (scratch) => {
    const old = await runner.run(['notes', `--ref=${scratch}`, 'show', sha]).catch(() => '');
    const have = old.split('\n').filter(Boolean);
    const merged = [...new Set([...have, ...lines])];
    if (merged.length === have.length) return;
    await runner.run(['notes', `--ref=${scratch}`, 'add', '--force', '--message', merged.join('\n'), sha]);
  });
}

/**
 * The merge of notes commit `theirs` into a notes commit `ours` (either may be ''), as git's
 * `cat_sort_uniq` strategy does it: a note changed on one side only is taken; a note changed on both
 * keeps the lines of both, each once. Returns the sha of the result (a merge commit with both parents
 * unless one side contains the other), written to no ref but a scratch one, deleted after.
 */
export async function mergeNotes(runner: GitRunner, ours: string, theirs: string): Promise<string> {
  if (!theirs || ours === theirs) return ours;
  if (!ours) return theirs;
  const scratch = `${SCRATCH_PREFIX}merge-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    await runner.run(['update-ref', '--no-deref', scratch, ours, '']);
    const args = ['notes', `--ref=${scratch}`, 'merge', '--quiet', '--strategy=cat_sort_uniq', theirs];
    // The merge is a commit: a CI clone without user.name still gets one, signed by the tool.
    await runner.run(args).catch((error: Error) => {
      if (!/tell me who you are|empty ident|unable to auto-detect/i.test(error.message)) throw error;
      return runner.run(['-c', 'user.name=strategy-align', '-c', 'user.email=strategy-align@localhost', ...args]);
    });
    return await refValue(runner, scratch);
  } finally {
    await runner.run(['update-ref', '-d', scratch]).catch(() => undefined);
  }
}

/**
 * The commits whose note differs between notes commits `from` ('' = no notes) and `to`: added,
 * changed or removed notes (a note only moved to another fan-out folder is not a change).
 */
export async function changedNotes(runner: GitRunner, from: string, to: string): Promise<string[]> {
  if (from === to || !to) return [];
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  const read = async (sha: string, into: Map<string, string>) => {
    const listing = await runner.run(['ls-tree', '-r', '-z', `${sha}^{tree}`]);
    for (const entry of listing.split('\0').filter(Boolean)) {
      const [meta, path] = entry.split('\t');
      into.set(path.replaceAll('/', ''), meta.split(' ')[2]);
    }
  };
  await Promise.all([from ? read(from, before) : undefined, read(to, after)]);
  const changed = new Set<string>();
  for (const [sha, blob] of after) if (before.get(sha) !== blob) changed.add(sha);
  for (const sha of before.keys()) if (!after.has(sha)) changed.add(sha);
  return [...changed];
}
