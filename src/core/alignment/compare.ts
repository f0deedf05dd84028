// `--compare previous` (issue 15): two finished reports, the range's and the previous period's,
// side by side, and in words what moved. A pure function of the two reports, so reports built any
// way (one repository, several, merged) compare alike.
import { plural, printable } from '../render/format';
import { round } from './metrics';
import type { AlignmentReport, Comparison, ShareChange } from './reportTypes';

/** A goal's (or untagged work's) share moving by at least this many percentage points is worth a sentence. */
export const NOTABLE_PP = 2;

const change = (share: number, previousShare: number): ShareChange => ({ share, previousShare, change: round(share - previousShare) });

/** "+4.0 pp", "−3.5 pp" (a real minus), "0.0 pp". */
export function pp(value: number): string {
  const points = Math.round(value * 1000) / 10;
  if (points === 0) return '0.0 pp';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
}

/** "12.0%": shares in the comparison are read to a tenth of a point, as the changes are. */
export const pct1 = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

/** Up to this many new long-running branches get a sentence each; more are named in one. */
const BRANCH_SENTENCES = 3;

export function compareReports(current: AlignmentReport, previous: AlignmentReport): Comparison {
  const before = new Map(previous.goals.map((g) => [g.id, g]));
  const ids = new Set(current.goals.map((g) => g.id));
  const goals = [
    ...current.goals.map((g) => ({ id: g.id, title: g.title, status: g.status, ...change(g.share, before.get(g.id)?.share ?? 0) })),
    ...previous.goals.filter((g) => !ids.has(g.id)).map((g) => ({ id: g.id, title: g.title, status: g.status, ...change(0, g.share) })),
  ];
  const wasLongRunning = new Set(previous.untagged.branches.filter((b) => b.longRunning).map((b) => b.name));
  const newLongRunning = current.untagged.branches.filter((b) => b.longRunning && !wasLongRunning.has(b.name));
  const untagged = change(current.untagged.share, previous.untagged.share);

  const summary: string[] = [];
  const name = (g: { id: string; title: string }) => `'${printable(g.title)}' (${g.id})`;
  const moved = (g: ShareChange) => `${pct1(g.previousShare)} → ${pct1(g.share)}, ${pp(g.change)}`;
  const notable = (c: ShareChange) => Math.abs(c.change) * 100 >= NOTABLE_PP - 1e-9;
  const byChange = goals.filter(notable).sort((a, b) => b.change - a.change || a.id.localeCompare(b.id));
  const gained = byChange[0]?.change > 0 ? byChange[0] : undefined;
  const lost = byChange.length > 0 && byChange[byChange.length - 1].change < 0 ? byChange[byChange.length - 1] : undefined;
  if (gained) summary.push(`${name(gained)} gained most: ${moved(gained)}.`);
  if (lost) summary.push(`${name(lost)} lost most: ${moved(lost)}.`);
  if (notable(untagged)) summary.push(`Untagged work ${untagged.change > 0 ? 'rose' : 'fell'}: ${moved(untagged)}.`);
  for (const goal of current.goals) {
    if (goal.status !== 'stopped' || goal.commits <= 0) continue;
    const was = before.get(goal.id)?.share ?? 0;
    summary.push(
      `Stopped goal ${name(goal)} still gets work: ${pct1(goal.share)} of the effort${was > 0 ? ` (${pct1(was)} before)` : ', none before'}.`,
    );
  }
  if (newLongRunning.length > BRANCH_SENTENCES) {
    const named = newLongRunning.slice(0, BRANCH_SENTENCES).map((b) => `'${printable(b.name)}'`);
    summary.push(
      `${newLongRunning.length} branches became long-running untagged work: ${named.join(', ')} and ${newLongRunning.length - BRANCH_SENTENCES} more.`,
    );
  } else {
    for (const b of newLongRunning) {
      summary.push(
        `Branch '${printable(b.name)}' became long-running untagged work (${plural(b.commits, 'commit')}, oldest ${b.oldest.slice(0, 10)}).`,
      );
    }
  }
  if (summary.length === 0) {
    summary.push(
      `No notable change: no share moved by ${NOTABLE_PP} pp or more, no stopped goal got work, no new long-running untagged branch.`,
    );
  }
  return {
    range: previous.range,
    goals,
    untagged,
    attributedShare: change(current.totals.attributedShare, previous.totals.attributedShare),
    newLongRunning: newLongRunning.map((b) => b.name),
    summary,
    weeks: previous.weeks,
  };
}
