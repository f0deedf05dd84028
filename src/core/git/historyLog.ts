// The history read of the cache (DESIGN §6): ONE `git log` over every branch, merges included (the
// graph is needed for `base..branch`), parsed record by record straight from git's output chunks.
// No per-commit objects, no async step per commit: a record is handed to the sink as byte offsets.
import type { GitRunner } from './runner';

/** The fields of one record, in order; each is NUL-terminated (with -z, so is the record). */
export const HISTORY_FIELDS = ['sha', 'parents', 'authorName', 'authorEmail', 'authorTime', 'authorTz', 'committerTime', 'subject', 'trailers', 'body'] as const;
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

/** The arguments of the history log (the benchmark runs exactly these as "raw git log"). */
export function historyLogArgs(trailerKey: string): string[] {
  const format = HISTORY_FIELDS.map((f) => FORMAT_CODES[f](trailerKey)).join('%x00');
  return ['log', '-z', '--no-notes', '--date=format:%z', `--format=${format}`, '--branches', '--remotes', '--ignore-missing', '--stdin'];
}

/**
 * A record: `data` holds it whole; field i spans [starts[i], starts[i + 1] - 1) (the -1 skips the
 * field's NUL). `data` and `starts` are reused: copy what must outlive the call.
 */
export type RecordSink = (data: Buffer, starts: Int32Array) => void;

/**
 * Streams the history log of every local and remote-tracking branch, without the commits reachable
 * from `known` (tips already read: only the new commits come; missing objects are ignored).
 */
export async function readHistoryLog(runner: GitRunner, trailerKey: string, known: readonly string[], sink: RecordSink): Promise<void> {
  const input = known.map((sha) => `^${sha}\n`).join('');
  await splitRecords(runner.stream([...historyLogArgs(trailerKey), '--'], input), HISTORY_FIELDS.length, sink);
}

/** Cuts a NUL-separated byte stream into records of `fields` fields, never copying a chunk twice. */
export async function splitRecords(chunks: AsyncIterable<Buffer>, fields: number, sink: RecordSink): Promise<void> {
  const starts = new Int32Array(fields + 1);
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const data = carry ? Buffer.concat([carry, chunk]) : chunk;
    let recordStart = 0;
    for (;;) {
      let pos = recordStart;
      if (data[pos] === 10) pos++; // git puts a newline between -z records of some formats
      let complete = true;
      for (let i = 0; i < fields; i++) {
        starts[i] = pos;
        const nul = data.indexOf(0, pos);
        if (nul === -1) {
          complete = false;
          break;
        }
        pos = nul + 1;
      }
      if (!complete) break;
      starts[fields] = pos;
      sink(data, starts);
      recordStart = pos;
    }
    carry = recordStart < data.length ? data.subarray(recordStart) : undefined;
  }
  if (carry && carry.some((byte) => byte !== 10)) throw new Error('git log ended in the middle of a commit record');
}
