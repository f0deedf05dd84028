// One history-log record into the commit table: the sink of readHistoryLog.
import { goalLinesIn, parseGoalValues } from '../git/goalLines';
import { F, type FileSink, type RecordSink } from '../git/historyLog';
import { issueKeysIn } from '../issueKeys';
import { type CommitTable, FLAG_GOALS_IN_BODY, FLAG_MERGE, FLAG_READ, Interner } from './commitTable';

/**
 * A sink filling `table` (trailer key `key`), and with `counts` a numstat sink adding each new
 * commit's churn (lines of the files `counts` accepts); `read()` says how many new commits came.
 */
export function ingestInto(
  table: CommitTable,
  key: string,
  counts?: (path: string) => boolean,
): { sink: RecordSink; files: FileSink | undefined; read: () => number } {
  let read = 0;
  const keyBytes = Buffer.from(key.toLowerCase(), 'latin1');
  const trailerTexts = new Interner(); // trailer field text → goal set: teams repeat the same few
  const trailerSets: number[] = [];
  const keyLines = new Interner(); // a message's one `Key: …` line → goal set, as for trailers
  const keyLineSets: number[] = [];
  const asciiKey = /^[\x00-\x7f]*$/.test(key);
  let current = -1; // the row numstat entries belong to, -1 for a commit read before
  const end = (starts: Int32Array, field: number) => starts[field + 1] - 1;
  const files: FileSink | undefined =
    counts &&
    ((added, deleted, path) => {
      if (current >= 0 && counts(path)) table.churn[current] += added + deleted;
    });
  const sink = (data: Buffer, s: Int32Array) => {
    const shaStart = s[F.sha];
    const row = table.rowOfHex(data, shaStart, end(s, F.sha) - shaStart);
    current = -1;
    if (table.isRead(row)) return; // read before (a tip that vanished from the known list)
    read++;
    if (counts) {
      table.churn[row] = 0;
      current = row;
    }
    // Parents: space-separated hex names.
    const parentsEnd = end(s, F.parents);
    let p = s[F.parents];
    let n = 0;
    while (p < parentsEnd) {
      let q = data.indexOf(32, p);
      if (q === -1 || q > parentsEnd) q = parentsEnd;
      const parent = table.rowOfHex(data, p, q - p);
      if (n === 0) table.parent1[row] = parent;
      else if (n === 1) table.parent2[row] = parent;
      else {
        const more = table.moreParents.get(row) ?? [];
        more.push(parent);
        table.moreParents.set(row, more);
      }
      n++;
      p = q + 1;
    }
    table.flags[row] = FLAG_READ | (n > 1 ? FLAG_MERGE : 0);
    table.name[row] = table.names.idOfBytes(data, s[F.authorName], end(s, F.authorName));
    table.email[row] = table.emails.idOfBytes(data, s[F.authorEmail], end(s, F.authorEmail));
    table.authorTime[row] = decimal(data, s[F.authorTime], end(s, F.authorTime));
    table.authorTz[row] = offsetMinutes(data, s[F.authorTz], end(s, F.authorTz));
    table.committerTime[row] = decimal(data, s[F.committerTime], end(s, F.committerTime));
    table.setSubject(row, data, s[F.subject], end(s, F.subject));
    // Trailers on every commit (a merge's say what the range it brings in serves); the Goal-line
    // fallback for squashes on single-parent commits only.
    const trailerEnd = s[F.trailers + 1] - 1;
    let set = 0;
    if (trailerEnd > s[F.trailers]) {
      const text = trailerTexts.idOfBytes(data, s[F.trailers], trailerEnd);
      trailerSets[text] ??= table.goalSets.id(
        [...new Set(trailerTexts.values[text].split('\u001f').flatMap(parseGoalValues))].join('\u001f'),
      );
      set = trailerSets[text];
    }
    if (n <= 1) {
      const bodyStart = s[F.body];
      const bodyEnd = s[F.body + 1] - 1;
      const line = set === 0 ? keyLine(data, bodyStart, bodyStart, bodyEnd, keyBytes) : -1;
      if (line !== -1) {
        // DESIGN §3 rule 2 fallback: `Key: id` lines anywhere in the message (squash merges). One
        // such line, in a message whose only line breaks are \n and \r (U+2028/9 are the only other
        // ones of a RegExp, and their UTF-8 starts with 0xE2), says what the whole message would:
        // teams repeat the same few lines, so each is read once, the message never decoded.
        const lineEnd = endOfLine(data, line, bodyEnd);
        if (asciiKey && keyLine(data, bodyStart, lineEnd, bodyEnd, keyBytes) === -1 && !hasByte(data, bodyStart, bodyEnd, 0xe2)) {
          const text = keyLines.idOfBytes(data, line, lineEnd);
          set = keyLineSets[text] ??= table.goalSets.id(goalLinesIn(keyLines.values[text], key).join('\u001f'));
        } else set = table.goalSets.id(goalLinesIn(data.toString('utf8', bodyStart, bodyEnd), key).join('\u001f'));
        if (set !== 0) table.flags[row] |= FLAG_GOALS_IN_BODY;
      }
      // Issue keys (issue 13) are read here, once per commit: the message is not kept.
      table.keys[row] = mayNameKey(data, bodyStart, bodyEnd) ? keySet(table, data.toString('utf8', bodyStart, bodyEnd)) : 0;
    }
    table.goals[row] = set;
  };
  return { sink, files, read: () => read };
}

/** Whether data[start, end) holds `-` or `#` before a digit 1-9, as every issue key does: most messages have none. */
function mayNameKey(data: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) {
    const c = data[i];
    if ((c === 45 || c === 35) && data[i + 1] >= 49 && data[i + 1] <= 57) return true;
  }
  return false;
}

function keySet(table: CommitTable, message: string): number {
  const keys = issueKeysIn(message);
  return keys.length === 0 ? 0 : table.keySets.id(keys.join('\u001f'));
}

/**
 * Where the first line of the message data[start, end) starting at or after `from` begins
 * with `key:` (ASCII case-insensitive), else -1: most messages have none. Lines end at \n or \r,
 * as for `^` in a multiline RegExp. A byte loop: a Buffer#indexOf call per colon costs more.
 */
function keyLine(data: Buffer, start: number, from: number, end: number, key: Buffer): number {
  for (let at = from; at < end; at = endOfLine(data, at, end) + 1) {
    if (at !== start && data[at - 1] !== 10 && data[at - 1] !== 13) continue;
    if (at + key.length >= end || data[at + key.length] !== 58) continue;
    let same = true;
    for (let i = 0; i < key.length && same; i++) same = (data[at + i] | 0x20) === key[i] || data[at + i] === key[i];
    if (same) return at;
  }
  return -1;
}

function hasByte(data: Buffer, start: number, end: number, byte: number): boolean {
  for (let i = start; i < end; i++) if (data[i] === byte) return true;
  return false;
}

/** The first \n or \r of data[at, end), else end. */
function endOfLine(data: Buffer, at: number, end: number): number {
  while (at < end && data[at] !== 10 && data[at] !== 13) at++;
  return at;
}

function decimal(data: Buffer, start: number, end: number): number {
  let value = 0;
  let sign = 1;
  for (let i = start; i < end; i++) {
    const c = data[i];
    if (c === 45) sign = -1;
    else value = value * 10 + (c - 48);
  }
  return sign * value;
}

/** "+0130" → 90, "-0500" → -300. */
function offsetMinutes(data: Buffer, start: number, end: number): number {
  if (end - start !== 5) return 0;
  const sign = data[start] === 45 ? -1 : 1;
  return sign * (decimal(data, start + 1, start + 3) * 60 + decimal(data, start + 3, start + 5));
}
