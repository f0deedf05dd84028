// One history-log record into the commit table: the sink of readHistoryLog.
import { goalLinesIn, parseGoalValues } from '../git/goalLines';
import { F, type FileSink, type RecordSink } from '../git/historyLog';
import { type CommitTable, FLAG_GOALS_IN_BODY, FLAG_MERGE, FLAG_READ } from './commitTable';

/**
 * A sink filling `table` (trailer key `key`), and with `counts` a numstat sink adding each new
 * commit's churn (lines of the files `counts` accepts); `read()` says how many new commits came.
 */
export function ingestInto(table: CommitTable, key: string, counts?: (path: string) => boolean): { sink: RecordSink; files: FileSink | undefined; read: () => number } {
  let read = 0;
  let current = -1; // the row numstat entries belong to, -1 for a commit read before
  const end = (starts: Int32Array, field: number) => starts[field + 1] - 1;
  const files: FileSink | undefined = counts && ((added, deleted, path) => {
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
    table.name[row] = table.names.id(data.toString('utf8', s[F.authorName], end(s, F.authorName)));
    table.email[row] = table.emails.id(data.toString('utf8', s[F.authorEmail], end(s, F.authorEmail)));
    table.authorTime[row] = decimal(data, s[F.authorTime], end(s, F.authorTime));
    table.authorTz[row] = offsetMinutes(data, s[F.authorTz], end(s, F.authorTz));
    table.committerTime[row] = decimal(data, s[F.committerTime], end(s, F.committerTime));
    table.setSubject(row, data, s[F.subject], end(s, F.subject));
    if (n <= 1) {
      const { goals, inBody } = messageGoals(data, s, key);
      table.goals[row] = table.goalSets.id(goals.join('\u001f'));
      if (inBody) table.flags[row] |= FLAG_GOALS_IN_BODY;
    }
  };
  return { sink, files, read: () => read };
}

/** DESIGN §3 rule 2: the trailer block's goals, else `Key: id` lines anywhere in the message. */
function messageGoals(data: Buffer, s: Int32Array, key: string): { goals: string[]; inBody: boolean } {
  const trailerEnd = s[F.trailers + 1] - 1;
  if (trailerEnd > s[F.trailers]) {
    const goals = data.toString('utf8', s[F.trailers], trailerEnd).split('\u001f').flatMap(parseGoalValues);
    if (goals.length > 0) return { goals: [...new Set(goals)], inBody: false };
  }
  const bodyEnd = s[F.body + 1] - 1;
  const colon = data.indexOf(58, s[F.body]);
  if (colon === -1 || colon >= bodyEnd) return { goals: [], inBody: false }; // no ':' at all
  return { goals: goalLinesIn(data.toString('utf8', s[F.body], bodyEnd), key), inBody: true };
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
