// Goal notes on refs/notes/goals: tagging commits after the fact without rewriting history.
import { randomBytes } from 'node:crypto';
import { goalLinesIn } from './goalLines';
import { NOTES_REF } from './log';
import { readBlobs } from './blobs';
import { notesListing, refValue } from './notesRef';
import { refValueFromFiles } from './refListingFiles';
import { retryWhileLocked } from './retry';
import type { GitRunner } from './runner';
import { Pacer, turn } from '../scan/pacer';

export async function readGoalNote(runner: GitRunner, sha: string, key: string): Promise<string[]> {
  try {
    return goalLinesIn(await runner.run(['notes', `--ref=${NOTES_REF}`, 'show', sha]), key);
  } catch {
    return []; // "no note found for object"
  }
}

export async function setGoalNote(runner: GitRunner, sha: string, goals: string[], key: string): Promise<void> {
  const message = goals.map((g) => `${key}: ${g}`).join('\n');
  await changeNotes(runner, ['add', '--force', '--message', message, sha]);
}

export async function removeGoalNote(runner: GitRunner, sha: string): Promise<void> {
  await changeNotes(runner, ['remove', '--ignore-missing', sha]);
}

/**
 * `git notes add` moves its ref without a compare-and-swap: two writers at once both exit 0 and one
 * note is silently gone (seen with git 2.39). So each change is made by `git notes` on a private
 * copy of the ref and published with `git update-ref NEW OLD`, which fails if anyone moved the ref
 * meanwhile; then it is redone on the newer notes, until it lands or the retry budget runs out.
 */
async function changeNotes(runner: GitRunner, notesArgs: string[]): Promise<void> {
  await retryWhileLocked(`updating ${NOTES_REF}`, async () => {
    const old = await refValue(runner, NOTES_REF);
    const scratch = `${SCRATCH_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
    try {
      if (old) await runner.run(['update-ref', '--no-deref', scratch, old, '']);
      await runner.run(['notes', `--ref=${scratch}`, ...notesArgs]);
      const next = await refValue(runner, scratch);
      if (next === old) return; // nothing to change (e.g. removing a note that is not there)
      await runner.run(['update-ref', '-m', 'strategy-align: goal note', NOTES_REF, next, old]); // old '' = must not exist yet
    } finally {
      await runner.run(['update-ref', '-d', scratch]).catch(() => undefined);
    }
  });
}

/** Private refs for one change; under refs/notes/ because git notes writes nowhere else. */
const SCRATCH_PREFIX = 'refs/notes/strategy-align-scratch/';

/** Every goal note: one `notes list` and one `cat-file --batch` for all their contents. */
export async function readAllGoalNotes(runner: GitRunner, key: string): Promise<Map<string, string[]>> {
  return (await readGoalNotesAnd(runner, key)).goals;
}

/**
 * Every goal note and, with `other` (a notes commit, e.g. the branch ledger's), every note of that
 * commit as text: the two listings at once, then ONE `cat-file --batch` for the blobs of both (a cold
 * scan read them with two; issue 15: each process forks the scanning Node process).
 */
export async function readGoalNotesAnd(
  runner: GitRunner,
  key: string,
  other?: string,
): Promise<{ goals: Map<string, string[]>; other?: Map<string, string> }> {
  const [pairs, others] = await Promise.all([
    goalNotesListing(runner),
    other ? turn().then(() => notesListing(runner, other)) : undefined, // its own turn: each start forks the (editor's big) process
  ]);
  const notes = new Map<string, string[]>();
  const pacer = new Pacer(); // 30k notes: ~100 ms of parsing, in stretches (issue 14)
  const texts = await readBlobs(
    runner,
    [...pairs, ...(others ?? [])].map(([blob]) => blob),
    pacer,
  );
  for (let i = 0; i < pairs.length; i++) {
    if ((i & 4095) === 4095) await pacer.pause();
    const goals = goalLinesIn(texts[i], key);
    if (goals.length > 0) notes.set(pairs[i][1], goals);
  }
  if (!others) return { goals: notes };
  const otherNotes = new Map<string, string>();
  others.forEach(([, commit], i) => otherNotes.set(commit, texts[pairs.length + i]));
  return { goals: notes, other: otherNotes };
}

/** `[note blob, annotated sha]` of every goal note, as `git notes list` gives them; [] without the notes ref. */
async function goalNotesListing(runner: GitRunner): Promise<[string, string][]> {
  if (refValueFromFiles(runner.cwd, NOTES_REF) === '') return []; // no notes ref: nothing to list
  const listing = await runner.output(['notes', `--ref=${NOTES_REF}`, 'list']).catch(() => ''); // a scan's read: not through simple-git
  return listing.split('\n').filter(Boolean).map(listingLine);
}

/** Module level, not inline: see listFilters.ts. */
const listingLine = (line: string) => line.split(' ') as [string, string];
