// The one oracle for "which trailers does git see in this message", shared by every property test
// that needs it. The product reads trailers through `git log`, and git log's `%(trailers)` does NOT
// stop at a '---' line (in a commit message it is text, not the start of a patch as in an e-mail),
// so `git interpret-trailers` must run with --no-divider to read what git log reads: without it a
// typed '---' hid the trailer from the oracle (seed 1975044492, counterexample ["---","a"]).
// oracle.test.ts checks that this reading equals git log's own on committed messages.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PARSE = ['interpret-trailers', '--parse', '--no-divider'];

/** The trailer lines git finds in `message`, one per line, as `git interpret-trailers --parse` prints them. */
export function trailersOf(message: string): string[] {
  return execFileSync('git', PARSE, { input: message, encoding: 'utf8' }).split('\n').filter(Boolean);
}

/**
 * The same for many messages in ONE git process: the messages are given as files, each followed by
 * a file whose only trailer is a random separator, so the output splits back into one list each.
 */
export function trailersOfMany(messages: string[]): string[][] {
  if (messages.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'sa-trailers-'));
  try {
    const separator = `X-Oracle-Separator: ${randomBytes(12).toString('hex')}`;
    const sep = join(dir, 'sep');
    writeFileSync(sep, `\n\n${separator}\n`);
    const files = messages.flatMap((message, i) => {
      const file = join(dir, `m${i}`);
      writeFileSync(file, message);
      return [file, sep];
    });
    const out = execFileSync('git', [...PARSE, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const lists: string[][] = [[]];
    for (const line of out.split('\n').filter(Boolean)) {
      if (line === separator) lists.push([]);
      else lists[lists.length - 1].push(line);
    }
    lists.pop(); // after the last separator
    if (lists.length !== messages.length) throw new Error(`trailer oracle: ${lists.length} answers for ${messages.length} messages`);
    return lists;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LoggedMessage {
  /** The message as committed (`%B`). */
  message: string;
  /** git log's own reading of its trailers (`%(trailers:only,unfold)`), one per line. */
  trailers: string[];
}

/** Committed messages and git log's reading of their trailers, for many commits in one git process. */
export function loggedTrailers(repoDir: string, shas: string[]): Map<string, LoggedMessage> {
  const out = new Map<string, LoggedMessage>();
  if (shas.length === 0) return out;
  const text = execFileSync('git', ['log', '--no-walk=unsorted', '--stdin', '--format=%x00%H%x01%B%x01%(trailers:only,unfold)'], {
    cwd: repoDir,
    input: `${shas.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  for (const record of text.split('\0').slice(1)) {
    const [sha, message, trailers] = record.split('\x01');
    out.set(sha, { message: message.replace(/\n$/, ''), trailers: trailers.split('\n').filter(Boolean) });
  }
  return out;
}
