// Which tips a branch NAME had, read from HEAD's reflog (issue 12): `git branch -D` deletes the
// branch's own reflog but not HEAD's, so a branch worked on with plain git and deleted before
// anything recorded it can still be found. Pure: the text of each worktree's logs/HEAD and HEAD.
//
// The reflog is read as visits: a visit runs from one `checkout: moving from A to B` to the next.
// The NEXT checkout's "from" names the branch the visit was on (git writes a sha there when HEAD
// was detached, even after `git checkout --detach main`, whose own entry says "to main"); the last
// visit is on the branch HEAD names now. A visit's tip is the sha of its last entry (commit, amend,
// merge, reset, cherry-pick, `rebase (finish): returning to refs/heads/B`); the entries of a rebase
// in progress (start, pick, …) are detached and skipped. A branch name's tips are the last tip of
// each of its lives: a visit that starts where the name's previous visit ended continues that life.

import type { ReflogFile } from '../git/reflogFiles';

export interface NameTip {
  name: string;
  tip: string;
  /** Reflog time (seconds) of the tip's entry. */
  time: number;
}

const SHA = /^[0-9a-f]{40,64}$/;
const CHECKOUT = /^checkout: moving from (\S+) to (\S+)$/;
const RETURNING = /returning to refs\/heads\/(\S+)$/;
const IN_REBASE = /^(rebase|pull --rebase)\b/;
const NOT_A_NAME = /^[0-9a-f]{7,64}$|^HEAD$|[~^:@\\]|^$/;

interface Visit {
  name?: string;
  start: string;
  tip: string;
  time: number;
}

/** `<old> <new> <name> <<email>> <time> <zone>\t<message>`, or undefined (by hand: a regular expression costs 10× on big reflogs). */
function parseEntry(line: string): { sha: string; time: string; message: string } | undefined {
  const tab = line.indexOf('\t');
  const width = line.indexOf(' ');
  if (tab < 0 || (width !== 40 && width !== 64) || line[2 * width + 1] !== ' ') return undefined;
  const sha = line.slice(width + 1, 2 * width + 1);
  const zone = line.lastIndexOf(' ', tab);
  const at = line.lastIndexOf(' ', zone - 1);
  const time = line.slice(at + 1, zone);
  if (!SHA.test(sha) || !/^\d+$/.test(time)) return undefined;
  return { sha, time, message: line.slice(tab + 1) };
}

/** The visits of one reflog, each with the branch it was on (undefined: detached or unknown). */
function visits(file: ReflogFile): Visit[] {
  const out: Visit[] = [];
  let visit: Visit | undefined;
  for (const line of file.log.split('\n')) {
    const entry = parseEntry(line);
    if (!entry) continue; // a malformed or cut line
    const { sha, time, message } = entry;
    const checkout = CHECKOUT.exec(message);
    if (checkout) {
      if (visit) out.push({ ...visit, name: NOT_A_NAME.test(checkout[1]) ? undefined : checkout[1] });
      visit = { start: sha, tip: sha, time: Number(time) };
      continue;
    }
    visit ??= { start: sha, tip: sha, time: Number(time) };
    if (IN_REBASE.test(message) && !RETURNING.test(message)) continue;
    visit.tip = sha;
    visit.time = Number(time);
  }
  const current = /^ref: refs\/heads\/(\S+)\s*$/.exec(file.head)?.[1];
  if (visit) out.push({ ...visit, name: current });
  return out;
}

/** Every branch name's tips as HEAD's reflogs tell them, oldest first: the last tip of each life of the name. */
export function reflogBranchTips(files: readonly ReflogFile[]): NameTip[] {
  const byName = new Map<string, Visit[]>();
  for (const file of files) {
    for (const v of visits(file)) {
      if (!v.name || NOT_A_NAME.test(v.name)) continue;
      const list = byName.get(v.name);
      if (list) list.push(v);
      else byName.set(v.name, [v]);
    }
  }
  const out: NameTip[] = [];
  for (const [name, list] of byName) {
    list.sort((a, b) => a.time - b.time);
    list.forEach((v, i) => {
      const next = list[i + 1];
      if (next && next.start === v.tip) {
        next.start = v.start; // the life goes on
        return;
      }
      if (v.tip !== v.start) out.push({ name, tip: v.tip, time: v.time });
    });
  }
  return out.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
