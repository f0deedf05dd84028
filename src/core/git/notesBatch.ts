// Many goal notes in ONE change of refs/notes/goals (the triage queue's accept): the notes are read
// once and written by one `git fast-import` on a private copy of the ref, published by compare-and-
// swap (notesRef.ts). `git notes add` per commit took 135 s for 1,690 notes; this takes a second.
import { goalLinesIn } from './goalLines';
import { NOTES_REF } from './log';
import { changeNotesRef, readNotesText, refValue } from './notesRef';
import type { GitRunner } from './runner';

/** What addGoalNotes did for one commit: wrote the note, found the same goals there, or kept a different note. */
export type NoteOutcome = 'written' | 'same' | 'kept';

/**
 * Goal notes for commits that may already have one: a note with other goals is kept (never
 * overwritten: someone chose them), one with the same goals is left as it is, and a note without
 * goal lines gets them appended. Outcomes in the order of `entries`.
 */
export async function addGoalNotes(
  runner: GitRunner,
  entries: readonly { sha: string; goals: readonly string[] }[],
  key: string,
): Promise<NoteOutcome[]> {
  let outcomes: NoteOutcome[] = [];
  await changeNotesRef(runner, NOTES_REF, 'goal notes', async (scratch) => {
    const notes = await readNotesText(runner, scratch);
    const writes = new Map<string, string>();
    outcomes = entries.map(({ sha, goals }) => {
      const text = writes.get(sha) ?? notes.get(sha);
      const existing = text === undefined ? [] : goalLinesIn(text, key);
      if (existing.length > 0) return sameGoals(existing, goals) ? 'same' : 'kept';
      const lines = goals.map((g) => `${key}: ${g}\n`).join('');
      writes.set(sha, text ? `${text.replace(/\n*$/, '\n\n')}${lines}` : lines); // appended as `git notes append` does
      return 'written';
    });
    if (writes.size > 0) await importNotes(runner, scratch, writes);
  });
  return outcomes;
}

/** One notes commit on `ref` (its current tip as parent) setting the note text of each commit. */
async function importNotes(runner: GitRunner, ref: string, notes: ReadonlyMap<string, string>): Promise<void> {
  const parent = await refValue(runner, ref);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const chunks = [`commit ${ref}\n`, `committer ${await committer(runner)}\n`, data(`strategy-align: ${notes.size} goal notes\n`)];
  if (parent) chunks.push(`from ${parent}\n`);
  for (const [sha, text] of notes) chunks.push(`N inline ${sha}\n`, data(text));
  await runner.each(['fast-import', '--quiet', '--date-format=raw'], () => undefined, `${chunks.join('')}\n`);
}

/** The committer git would use; a clone without user.name (a CI job) gets the tool's, as mergeNotes does. */
async function committer(runner: GitRunner): Promise<string> {
  const ident = await runner.run(['var', 'GIT_COMMITTER_IDENT']).catch(() => '');
  return ident.trim() || `strategy-align <strategy-align@localhost> ${Math.floor(Date.now() / 1000)} +0000`;
}

function sameGoals(a: readonly string[], b: readonly string[]): boolean {
  return a.length === new Set(b).size && b.every((g) => a.includes(g));
}
