// Inline SVG charts of the report: share vs target per goal, and weekly effort stacked by goal.
// No scripts; every label escaped; each chart has a text alternative.
import type { AlignmentReport } from '../alignment/reportTypes';
import { escapeHtml } from './escape';
import { pct } from './format';

const PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#f97316', '#6366f1'];
export const UNTAGGED_COLOR = '#9ca3af';
export const UNKNOWN_COLOR = '#ef4444';

/** A stable colour per goal, by rank. */
export function goalColor(rank: number): string {
  return PALETTE[(rank - 1) % PALETTE.length];
}

/** Horizontal bars of each goal's share, in rank order, with its target as a marker. */
export function shareChart(report: AlignmentReport): string {
  const rows = [
    ...report.goals.map((g) => ({ label: `#${g.rank} ${g.title}`, share: g.share, target: g.targetShare, color: goalColor(g.rank), stopped: g.status === 'stopped' })),
    { label: 'untagged', share: report.untagged.share, target: null, color: UNTAGGED_COLOR, stopped: false },
  ];
  const max = Math.max(0.01, ...rows.map((r) => Math.max(r.share, r.target ?? 0)));
  const row = 26;
  const labelWidth = 220;
  const barWidth = 360;
  const height = rows.length * row + 10;
  const bars = rows.map((r, i) => {
    const y = i * row + 5;
    const w = (r.share / max) * barWidth;
    const target = r.target === null ? '' : `<line x1="${labelWidth + (r.target / max) * barWidth}" x2="${labelWidth + (r.target / max) * barWidth}" y1="${y - 2}" y2="${y + 20}" class="target"><title>target ${pct(r.target)}</title></line>`;
    const label = escapeHtml(r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label);
    return `<g><text x="0" y="${y + 14}" class="label${r.stopped ? ' stopped' : ''}">${label}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="18" rx="2" fill="${r.color}"${r.stopped ? ' class="stopped-bar"' : ''}/>` +
      `<text x="${labelWidth + Math.max(w, r.target === null ? 0 : (r.target / max) * barWidth) + 6}" y="${y + 14}" class="value">${pct(r.share)}${r.target === null ? '' : ` / ${pct(r.target)}`}</text>${target}</g>`;
  });
  const summary = rows.map((r) => `${r.label}: ${pct(r.share)}${r.target === null ? '' : ` (target ${pct(r.target)})`}`).join('; ');
  return `<svg class="chart" role="img" viewBox="0 0 ${labelWidth + barWidth + 90} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-label="${escapeHtml(`Share of effort against target, by goal in rank order: ${summary}`)}">${bars.join('')}</svg>`;
}

/** Weekly effort as stacked columns: goals by rank, then unknown, then untagged. */
export function weeklyChart(report: AlignmentReport): string {
  const weeks = report.weeks;
  if (weeks.length === 0) return '<p class="muted">No commits in range.</p>';
  const totals = weeks.map((w) => w.untagged + w.unknown + Object.values(w.goals).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const height = 160;
  const width = 720;
  const col = Math.max(3, Math.min(36, Math.floor((width - 40) / weeks.length) - 4));
  const columns = weeks.map((w, i) => {
    const x = 30 + i * (col + 4);
    let y = height;
    const parts: string[] = [];
    const stack = (value: number, color: string, label: string) => {
      if (value <= 0) return;
      const h = (value / max) * (height - 10);
      y -= h;
      parts.push(`<rect x="${x}" y="${y.toFixed(1)}" width="${col}" height="${h.toFixed(1)}" fill="${color}"><title>${escapeHtml(`${w.start} · ${label}: ${round1(value)}`)}</title></rect>`);
    };
    for (const goal of report.goals) stack(w.goals[goal.id] ?? 0, goalColor(goal.rank), goal.title);
    stack(w.unknown, UNKNOWN_COLOR, 'unknown goals');
    stack(w.untagged, UNTAGGED_COLOR, 'untagged');
    const label = i % Math.ceil(weeks.length / 8) === 0 ? `<text x="${x}" y="${height + 14}" class="axis">${w.start.slice(5)}</text>` : '';
    return parts.join('') + label;
  });
  const legend = [...report.goals.filter((g) => weeks.some((w) => (w.goals[g.id] ?? 0) > 0)).map((g) => [goalColor(g.rank), g.title] as const), [UNKNOWN_COLOR, 'unknown'] as const, [UNTAGGED_COLOR, 'untagged'] as const]
    .map(([color, name]) => `<span class="key"><svg class="swatch" width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${color}"/></svg>${escapeHtml(name)}</span>`)
    .join(' ');
  const alt = weeks.map((w, i) => `week of ${w.start}: ${round1(totals[i])}`).join('; ');
  return `<svg class="chart" role="img" viewBox="0 0 ${width} ${height + 20}" width="100%" preserveAspectRatio="xMinYMin meet" aria-label="${escapeHtml(`Weekly effort (${report.measure}): ${alt}`)}"><text x="0" y="12" class="axis">${round1(max)}</text><line x1="28" x2="28" y1="0" y2="${height}" class="axis-line"/>${columns.join('')}</svg><div class="legend">${legend}</div>`;
}

function round1(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
