// One history-log record into the commit table: the sink of readHistoryLog.
import { goalLinesIn, parseGoalValues } from '../git/goalLines';
import { F, type FileSink, type RecordSink } from '../git/historyLog';
import { type CommitTable, FLAG_GOALS_IN_BODY, FLAG_MERGE, FLAG_READ, Interner } from './commitTable';
import { endOfLine, firstKeyCandidate, hasByte, issueKeysOfMessage, keyLine } from './messageScan';

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
      const candidate = firstKeyCandidate(data, bodyStart, bodyStart, bodyEnd);
      table.keys[row] = candidate === -1 ? 0 : keySet(table, issueKeysOfMessage(data, bodyStart, bodyEnd, candidate));
    }
    table.goals[row] = set;
  };
  return { sink, files, read: () => read };
}

function keySet(table: CommitTable, keys: string[]): number {
  return keys.length === 0 ? 0 : table.keySets.id(keys.join('\u001f'));
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
