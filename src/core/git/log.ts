// The streaming `git log`: one record per commit, parsed as it arrives, never held whole.
import { goalLinesIn, parseGoalValues } from './goalLines';
import type { GitRunner } from './runner';
import type { LogCommit, LogOptions } from './types';

export const NOTES_REF = 'refs/notes/goals';

/** The fields of one record, NUL-separated; with -z records are NUL-terminated too. */
function format(trailerKey: string): string {
  return ['%H', '%P', '%an', '%ae', '%aI', '%cI', '%s', '%N', `%(trailers:key=${trailerKey},valueonly,unfold,separator=%x1f)`, '%B'].join('%x00');
}
const FIELDS = 10;

export function logArgs(options: LogOptions): string[] {
  const args = ['log', '-z', ...(options.merges ? [] : ['--no-merges']), '--no-notes', `--notes=${NOTES_REF}`, `--format=${format(options.trailerKey)}`];
  if (options.since) args.push(`--since=${options.since.toISOString()}`);
  if (options.until) args.push(`--until=${options.until.toISOString()}`);
  return [...args, ...options.revs, '--'];
}

export async function* streamLog(runner: GitRunner, options: LogOptions): AsyncGenerator<LogCommit> {
  let fields: string[] = [];
  for await (const token of nulTokens(runner.stream(logArgs(options)))) {
    fields.push(token);
    if (fields.length === FIELDS) {
      yield toCommit(fields, options.trailerKey);
      fields = [];
    }
  }
}

function toCommit(f: string[], key: string): LogCommit {
  const trailerGoals = f[8].split('\u001f').flatMap(parseGoalValues);
  return {
    sha: f[0].replace(/^\n/, ''),
    parents: f[1] ? f[1].split(' ') : [],
    authorName: f[2],
    authorEmail: f[3],
    authorDate: f[4],
    committerDate: f[5],
    subject: f[6],
    noteGoals: f[7] ? goalLinesIn(f[7], key) : [],
    trailerGoals: [...new Set(trailerGoals)],
    messageGoals: trailerGoals.length === 0 ? goalLinesIn(f[9], key) : [],
  };
}

/** Splits a byte stream on NUL, decoding each token whole (multi-byte characters never split). */
async function* nulTokens(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let nul = chunk.indexOf(0, start); nul !== -1; nul = chunk.indexOf(0, start)) {
      pending.push(chunk.subarray(start, nul));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = nul + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0 && Buffer.concat(pending).length > 0) yield Buffer.concat(pending).toString('utf8');
}
