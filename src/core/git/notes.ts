// Goal notes on refs/notes/goals: tagging commits after the fact without rewriting history.
import { goalLinesIn } from './goalLines';
import { NOTES_REF } from './log';
import type { GitRunner } from './runner';

export async function readGoalNote(runner: GitRunner, sha: string, key: string): Promise<string[]> {
  try {
    return goalLinesIn(await runner.run(['notes', `--ref=${NOTES_REF}`, 'show', sha]), key);
  } catch {
    return []; // "no note found for object"
  }
}

export async function setGoalNote(runner: GitRunner, sha: string, goals: string[], key: string): Promise<void> {
  const message = goals.map((g) => `${key}: ${g}`).join('\n');
  await runner.run(['notes', `--ref=${NOTES_REF}`, 'add', '--force', '--message', message, sha]);
}

export async function removeGoalNote(runner: GitRunner, sha: string): Promise<void> {
  await runner.run(['notes', `--ref=${NOTES_REF}`, 'remove', '--ignore-missing', sha]);
}

/** Every goal note: one `notes list` and one `cat-file --batch` for all their contents. */
export async function readAllGoalNotes(runner: GitRunner, key: string): Promise<Map<string, string[]>> {
  const listing = await runner.run(['notes', `--ref=${NOTES_REF}`, 'list']).catch(() => '');
  const pairs = listing.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]);
  const notes = new Map<string, string[]>();
  if (pairs.length === 0) return notes;
  const chunks: Buffer[] = [];
  for await (const chunk of runner.stream(['cat-file', '--batch'], pairs.map(([blob]) => blob).join('\n') + '\n')) chunks.push(chunk);
  const out = Buffer.concat(chunks);
  let offset = 0;
  for (const [, commit] of pairs) {
    const headerEnd = out.indexOf(10, offset);
    const size = Number(out.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    const content = out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
    offset = headerEnd + 1 + size + 1;
    const goals = goalLinesIn(content, key);
    if (goals.length > 0) notes.set(commit, goals);
  }
  return notes;
}
