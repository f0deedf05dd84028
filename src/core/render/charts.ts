// Inline SVG charts of the report: share vs target per goal, and weekly effort stacked by goal.
// No scripts; every label escaped; colours are CSS classes (the theme's chart colours in the
// editor); each chart has a role="img" summary and a data table next to it.
import type { AlignmentReport } from '../alignment/reportTypes';
import { escapeHtml as h } from './escape';
import { count, exact, pct } from './format';

const PALETTE_SIZE = 6;

/** A table cell of a count: the rounded label, and the exact value as its tooltip where they differ. */
export function numCell(value: number): string {
  const label = count(value);
  const full = exact(value);
  return `<td class="num"${full === label ? '' : ` title="${h(full)}"`}>${h(label)}</td>`;
}

/** A stable colour class per goal, by rank (see `.c0`… in reportCss). */
export function goalColor(rank: number): string {
  return `c${(rank - 1) % PALETTE_SIZE}`;
}
const UNTAGGED = 'c-untagged';
const UNKNOWN = 'c-unknown';

interface ShareRow {
  label: string;
  share: number;
  target: number | null;
  color: string;
  stopped: boolean;
}

function shareRows(report: AlignmentReport): ShareRow[] {
  return [
    ...report.goals.map((g) => ({
      label: `#${g.rank} ${g.title}`,
      share: g.share,
      target: g.targetShare,
      color: goalColor(g.rank),
      stopped: g.status === 'stopped',
    })),
    ...report.unknownGoals.map((u) => ({ label: `unknown: ${u.id}`, share: u.share, target: null, color: UNKNOWN, stopped: false })),
    { label: 'untagged', share: report.untagged.share, target: null, color: UNTAGGED, stopped: false },
  ];
}

/** "31% / 50%": a goal's share, then its target when it has one. */
function shareText(r: ShareRow): string {
  return `${pct(r.share)}${r.target === null ? '' : ` / ${pct(r.target)}`}`;
}

/** Horizontal bars of each goal's share, in rank order, with its target as a marker. */
export function shareChart(report: AlignmentReport): string {
  const rows = shareRows(report);
  const max = Math.max(0.01, ...rows.map((r) => Math.max(r.share, r.target ?? 0)));
  const row = 26;
  const labelWidth = 290;
  const barWidth = 360;
  const height = rows.length * row + 10;
  const x = (share: number) => labelWidth + (share / max) * barWidth;
  const bars = rows.map((r, i) => {
    const y = i * row + 5;
    const w = x(r.share) - labelWidth;
    const target =
      r.target === null
        ? ''
        : `<line x1="${x(r.target).toFixed(1)}" x2="${x(r.target).toFixed(1)}" y1="${y - 3}" y2="${y + 21}" class="target"><title>target ${pct(r.target)}</title></line>`;
    const label = h(r.label.length > 42 ? `${r.label.slice(0, 41)}…` : r.label);
    return (
      `<g class="row"><title>${h(`${r.label}: ${pct(r.share)}${r.target === null ? '' : ` (target ${pct(r.target)})`}`)}</title>` +
      `<text x="0" y="${y + 14}" class="label${r.stopped ? ' stopped' : ''}">${label}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="18" rx="2" class="bar ${r.color}${r.stopped ? ' stopped-bar' : ''}"/>` +
      `<text x="${(Math.max(x(r.share), r.target === null ? 0 : x(r.target)) + 6).toFixed(1)}" y="${y + 14}" class="value">${shareText(r)}</text>${target}</g>`
    );
  });
  const summary = rows.map((r) => `${r.label}: ${pct(r.share)}${r.target === null ? '' : ` (target ${pct(r.target)})`}`).join('; ');
  return `<svg class="chart share-chart" role="img" viewBox="0 0 ${labelWidth + barWidth + 100} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-label="${h(`Share of effort against target, by goal in rank order: ${summary}`)}">${bars.join('')}</svg>`;
}

/** The share chart's numbers as a table (its text alternative). */
export function shareTable(report: AlignmentReport): string {
  const body = shareRows(report)
    .map(
      (r) =>
        `<tr><th scope="row">${h(r.label)}</th><td class="num">${pct(r.share)}</td><td class="num">${r.target === null ? '' : pct(r.target)}</td></tr>`,
    )
    .join('');
  return `<details class="data"><summary>Share against target as a table</summary><table class="share-table"><thead><tr><th scope="col">Goal</th><th scope="col" class="num">Share</th><th scope="col" class="num">Target</th></tr></thead><tbody>${body}</tbody></table></details>`;
}

interface Series {
  name: string;
  color: string;
  value: (w: AlignmentReport['weeks'][number]) => number;
}

type Week = AlignmentReport['weeks'][number];

/** The chart's weeks: with a comparison, the previous period's first (marked), then the range's. */
function chartWeeks(report: AlignmentReport): { week: Week; previous: boolean }[] {
  return [
    ...(report.comparison?.weeks ?? []).map((week) => ({ week, previous: true })),
    ...report.weeks.map((week) => ({ week, previous: false })),
  ];
}

/** Goals by rank that got effort in some week, then unknown goals, then untagged. */
function weeklySeries(report: AlignmentReport): Series[] {
  const weeks = chartWeeks(report).map((w) => w.week);
  return [
    ...report.goals
      .filter((g) => weeks.some((w) => (w.goals[g.id] ?? 0) > 0))
      .map((g) => ({
        name: `#${g.rank} ${g.title}`,
        color: goalColor(g.rank),
        value: (w: AlignmentReport['weeks'][number]) => w.goals[g.id] ?? 0,
      })),
    ...(weeks.some((w) => w.unknown > 0)
      ? [{ name: 'unknown goals', color: UNKNOWN, value: (w: AlignmentReport['weeks'][number]) => w.unknown }]
      : []),
    { name: 'untagged', color: UNTAGGED, value: (w: AlignmentReport['weeks'][number]) => w.untagged },
  ];
}

/** Weekly effort as stacked columns: goals by rank, then unknown, then untagged. */
export function weeklyChart(report: AlignmentReport): string {
  const marked = chartWeeks(report);
  const weeks = marked.map((w) => w.week);
  if (report.weeks.length === 0 && !marked.some((w) => w.previous)) return '<p class="muted">No commits in range.</p>';
  const series = weeklySeries(report);
  const totals = weeks.map((w) => series.reduce((sum, s) => sum + s.value(w), 0));
  const max = Math.max(1, ...totals);
  const height = 160;
  const width = 720;
  const col = Math.max(3, Math.min(36, Math.floor((width - 40) / weeks.length) - 4));
  const columns = weeks.map((w, i) => {
    const x = 34 + i * (col + 4);
    let y = height;
    const parts: string[] = [];
    for (const s of series) {
      const value = s.value(w);
      if (value <= 0) continue;
      const hgt = (value / max) * (height - 10);
      y -= hgt;
      parts.push(
        `<rect x="${x}" y="${y.toFixed(1)}" width="${col}" height="${hgt.toFixed(1)}" class="${s.color}${marked[i].previous ? ' prev' : ''}"><title>${h(`${marked[i].previous ? 'previous period, ' : ''}week of ${w.start} · ${s.name}: ${exact(value)}`)}</title></rect>`,
      );
    }
    // The divider between the previous period's weeks and the range's.
    if (i > 0 && marked[i - 1].previous && !marked[i].previous)
      parts.push(`<line x1="${x - 2}" x2="${x - 2}" y1="0" y2="${height}" class="period-divider"/>`);
    const label = i % Math.ceil(weeks.length / 8) === 0 ? `<text x="${x}" y="${height + 14}" class="axis">${w.start.slice(5)}</text>` : '';
    return parts.join('') + label;
  });
  const legend = series
    .map(
      (s) =>
        `<span class="key"><svg class="swatch" width="10" height="10" aria-hidden="true"><rect width="10" height="10" class="${s.color}"/></svg>${h(s.name)}</span>`,
    )
    .join(' ');
  const alt = weeks.map((w, i) => `${marked[i].previous ? 'previous period, ' : ''}week of ${w.start}: ${count(totals[i])}`).join('; ');
  return `<svg class="chart weekly-chart" role="img" viewBox="0 0 ${width} ${height + 20}" width="100%" preserveAspectRatio="xMinYMin meet" aria-label="${h(`Weekly effort (${report.measure}): ${alt}`)}"><text x="0" y="12" class="axis">${h(count(max))}</text><line x1="30" x2="30" y1="0" y2="${height}" class="axis-line"/>${columns.join('')}</svg><div class="legend" aria-hidden="true">${legend}</div>`;
}

/** The weekly chart's numbers as a table: one row per week, one column per series. */
export function weeklyTable(report: AlignmentReport): string {
  const marked = chartWeeks(report);
  if (marked.length === 0) return '';
  const series = weeklySeries(report);
  const head = series.map((s) => `<th scope="col" class="num">${h(s.name)}</th>`).join('');
  const body = marked
    .map(
      ({ week: w, previous }) =>
        `<tr${previous ? ' class="prev"' : ''}><th scope="row">${h(w.start)}${previous ? ' (previous)' : ''}</th>${series.map((s) => numCell(s.value(w))).join('')}</tr>`,
    )
    .join('');
  return `<details class="data"><summary>Weekly effort as a table</summary><table class="weekly-table"><thead><tr><th scope="col">Week of</th>${head}</tr></thead><tbody>${body}</tbody></table></details>`;
}
