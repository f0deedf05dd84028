// The history read of the cache (DESIGN §6): ONE `git log` over every branch, merges included (the
// graph is needed for `base..branch`), parsed record by record straight from git's output chunks.
// No per-commit objects, no async step per commit: a record is handed to the sink as byte offsets.
import type { GitRunner } from './runner';

/** The fields of one record, in order; each is NUL-terminated (with -z, so is the record). */
export const HISTORY_FIELDS = [
  'sha',
  'parents',
  'authorName',
  'authorEmail',
  'authorTime',
  'authorTz',
  'committerTime',
  'subject',
  'trailers',
  'body',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];
export const F = Object.fromEntries(HISTORY_FIELDS.map((name, i) => [name, i])) as Record<HistoryField, number>;

const FORMAT_CODES: Record<HistoryField, (key: string) => string> = {
  sha: () => '%H',
  parents: () => '%P',
  authorName: () => '%an',
  authorEmail: () => '%ae',
  authorTime: () => '%at',
  authorTz: () => '%ad', // with --date=format:%z: "+0130"
  committerTime: () => '%ct',
  subject: () => '%s',
  trailers: (key) => `%(trailers:key=${key},valueonly,unfold,separator=%x1f)`,
  body: () => '%B',
};

/**
 * The arguments of the history log (the benchmark runs exactly these as "raw git log"); with
 * `numstat`, each commit's lines added/deleted per file follow its record (the churn measure).
 */
export function historyLogArgs(trailerKey: string, numstat = false): string[] {
  const format = HISTORY_FIELDS.map((f) => FORMAT_CODES[f](trailerKey)).join('%x00');
  return [
    'log',
    '-z',
    '--no-notes',
    '--date=format:%z',
    `--format=${format}`,
    ...(numstat ? ['--numstat', '-M'] : []),
    '--branches',
    '--remotes',
    '--ignore-missing',
    '--stdin',
  ];
}

/**
 * The environment of the history and numstat reads: into a pipe git flushes after every commit
 * unless GIT_FLUSH=0, and that costs it (and us) half the time on large histories. The benchmark's
 * "raw git log" runs with the same environment.
 */
export const BUFFERED: Record<string, string> = { GIT_FLUSH: '0' };

/** The stdin of the history log: the tips to read, then the tips read before, negated. */
export function historyLogInput(tips: readonly string[], known: readonly string[]): string {
  return [...tips, ...known.map((sha) => `^${sha}`)].map((line) => `${line}\n`).join('');
}

/** One file of the commit whose record came last: binary files count 0; a rename names the new path. */
export type FileSink = (added: number, deleted: number, path: string) => void;

/**
 * A record: `data` holds it whole; field i spans [starts[i], starts[i + 1] - 1) (the -1 skips the
 * field's NUL). `data` and `starts` are reused: copy what must outlive the call.
 */
export type RecordSink = (data: Buffer, starts: Int32Array) => void;

/**
 * Streams the history log of every local and remote-tracking branch and of `tips` (the branch tips
 * as the caller listed them, so what it records as read was read even if a branch moved since),
 * without the commits reachable from `known` (tips already read; missing ones are ignored).
 */
export async function readHistoryLog(
  runner: GitRunner,
  trailerKey: string,
  tips: readonly string[],
  known: readonly string[],
  sink: RecordSink,
  files?: FileSink,
): Promise<void> {
  const input = historyLogInput(tips, known);
  const split = recordSplitter(HISTORY_FIELDS.length, sink, files);
  await runner.each([...historyLogArgs(trailerKey, files !== undefined), '--'], split.push, input, BUFFERED, true);
  split.end();
}

/**
 * Cuts a NUL-separated byte stream, pushed chunk by chunk, into records of `fields` fields, never
 * copying a chunk twice. With `files`, numstat entries (`added\tdeleted\tpath`, or
 * `added\tdeleted\t` then the old and the new path) may follow each record; a token without a tab
 * starts the next record. `end()` throws when the stream stopped inside a record.
 */
export function recordSplitter(fields: number, sink: RecordSink, files?: FileSink): { push: (chunk: Buffer) => void; end: () => void } {
  const starts = new Int32Array(fields + 1);
  let rename: { added: number; deleted: number; paths: number } | undefined;

  /** Handles every complete record or numstat token of data[pos..]; returns where the first incomplete one starts. */
  const consume = (data: Buffer, pos: number): number => {
    for (;;) {
      let start = pos;
      if (data[start] === 10) start++; // git puts a newline before the numstat of a record
      const nul = data.indexOf(0, start);
      if (nul === -1) return pos;
      if (files && rename) {
        if (--rename.paths === 0) {
          files(rename.added, rename.deleted, data.toString('utf8', start, nul));
          rename = undefined;
        }
        pos = nul + 1;
        continue;
      }
      const tab = files ? numstatTab(data, start, nul) : -1;
      if (tab !== -1) {
        const tab2 = data.indexOf(9, tab + 1);
        const added = numberAt(data, start, tab);
        const deleted = numberAt(data, tab + 1, tab2);
        if (tab2 + 1 === nul) rename = { added, deleted, paths: 2 };
        else files!(added, deleted, data.toString('utf8', tab2 + 1, nul));
        pos = nul + 1;
        continue;
      }
      // A record: all its fields must be here.
      let end = start;
      for (let i = 0; i < fields; i++) {
        starts[i] = end;
        const next = data.indexOf(0, end);
        if (next === -1) return pos;
        end = next + 1;
      }
      starts[fields] = end;
      sink(data, starts);
      pos = end;
    }
  };

  let carry: Buffer | undefined;
  const push = (chunk: Buffer): void => {
    let pos = 0;
    // A record cut by the chunk boundary: complete it from the chunk a token at a time (small copies),
    // then go on in the chunk itself.
    while (carry) {
      const nul = chunk.indexOf(0, pos);
      if (nul === -1) {
        carry = Buffer.concat([carry, chunk.subarray(pos)]);
        pos = chunk.length;
        break;
      }
      const head = Buffer.concat([carry, chunk.subarray(pos, nul + 1)]);
      pos = nul + 1;
      const done = consume(head, 0);
      carry = done < head.length ? head.subarray(done) : undefined;
    }
    if (pos >= chunk.length) return;
    const done = consume(chunk, pos);
    carry = done < chunk.length ? chunk.subarray(done) : undefined;
  };
  const end = (): void => {
    if (carry && carry.some((byte) => byte !== 10)) throw new Error('git log ended in the middle of a commit record');
  };
  return { push, end };
}

/** The first tab of a numstat token (`12\t3\tpath`, `-\t-\tpath`) in data[start, nul), else -1 (a record's sha). */
function numstatTab(data: Buffer, start: number, nul: number): number {
  let i = start;
  if (data[i] === 45)
    i++; // '-': a binary file
  else while (i < nul && data[i] >= 48 && data[i] <= 57) i++;
  return i > start && i < nul && data[i] === 9 ? i : -1;
}

/** A numstat count; `-` (a binary file) is 0. */
function numberAt(data: Buffer, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = data[i];
    if (c < 48 || c > 57) return 0;
    value = value * 10 + (c - 48);
  }
  return value;
}
