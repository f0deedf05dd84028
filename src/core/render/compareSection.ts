// The "Compared with <previous range>" section of every rendering (`--compare previous`): goal,
// previous share, share, change in points, then the summary lines. Repository strings (titles,
// branch names in the summary) go through each format's escaping.
import { pct1, pp } from '../alignment/compare';
import type { AlignmentReport, Comparison, ShareChange } from '../alignment/reportTypes';
import { escapeHtml as h } from './escape';
import { escapeMarkdown } from './markdown';
import { printable, truncate } from './format';

/** "Compared with 2026-Q2 (2026-04-01 to 2026-06-30)", or the dates alone. */
export function comparedWith(comparison: Comparison): string {
  const { since, until, label } = comparison.range;
  const dates = `${since?.slice(0, 10) ?? '…'} to ${until?.slice(0, 10) ?? '…'}`;
  return `Compared with ${label ? `${printable(label)} (${dates})` : dates}`;
}

interface Row extends ShareChange {
  label: string;
  id?: string;
  /** More is worse: untagged work, a stopped goal. */
  lessIsBetter?: boolean;
}

function rows(c: Comparison): Row[] {
  return [
    ...c.goals.map((g) => ({ ...g, label: g.title, lessIsBetter: g.status === 'stopped' })),
    { ...c.untagged, label: 'untagged', lessIsBetter: true },
    { ...c.attributedShare, label: 'attributed (coverage)' },
  ];
}

export function compareText(
  report: AlignmentReport,
  style: { bold: (t: string) => string; dim: (t: string) => string },
  width = 44,
): string[] {
  const c = report.comparison;
  if (!c) return [];
  const lines = ['', style.bold(comparedWith(c))];
  lines.push(style.dim(`  ${'goal'.padEnd(width)}  before     now     change`));
  for (const r of rows(c)) {
    const label = truncate(r.id ? `${printable(r.label)} (${printable(r.id)})` : r.label, width).padEnd(width);
    lines.push(`  ${label}  ${pct1(r.previousShare).padStart(6)}  ${pct1(r.share).padStart(6)}  ${pp(r.change).padStart(9)}`);
  }
  for (const s of c.summary) lines.push(`  ${printable(s)}`);
  return lines;
}

export function compareMarkdown(report: AlignmentReport): string[] {
  const c = report.comparison;
  if (!c) return [];
  const out = ['', `### ${escapeMarkdown(comparedWith(c))}`, '', '| Goal | Before | Now | Change |', '|---|---:|---:|---:|'];
  for (const r of rows(c)) {
    const label = r.id ? `${escapeMarkdown(r.label)} (\`${escapeMarkdown(r.id)}\`)` : `*${r.label}*`;
    out.push(`| ${label} | ${pct1(r.previousShare)} | ${pct1(r.share)} | ${pp(r.change)} |`);
  }
  out.push('');
  for (const s of c.summary) out.push(`- ${escapeMarkdown(s)}`);
  return out;
}

export function compareHtml(report: AlignmentReport): string {
  const c = report.comparison;
  if (!c) return '';
  const body = rows(c)
    .map((r) => {
      const label = r.id ? `${h(r.label)} <code>${h(r.id)}</code>` : `<em>${h(r.label)}</em>`;
      const trend = r.change === 0 ? '' : r.change > 0 !== (r.lessIsBetter ?? false) ? ' better' : ' worse';
      return `<tr><th scope="row">${label}</th><td class="num">${pct1(r.previousShare)}</td><td class="num">${pct1(r.share)}</td><td class="num change${trend}">${h(pp(r.change))}</td></tr>`;
    })
    .join('');
  const summary = c.summary.map((s) => `<li>${h(s)}</li>`).join('');
  return `<section aria-labelledby="compare-h" class="compare"><h2 id="compare-h">${h(comparedWith(c))}</h2>
<div class="scroll"><table class="comparison"><thead><tr><th scope="col">Goal</th><th scope="col" class="num">Before</th><th scope="col" class="num">Now</th><th scope="col" class="num">Change</th></tr></thead><tbody>${body}</tbody></table></div>
<ul class="compare-summary">${summary}</ul></section>`;
}
