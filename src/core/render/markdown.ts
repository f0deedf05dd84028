// The Markdown rendering of the report, for PR comments and CI job summaries. Every
// repository-derived string is escaped: commit subjects and branch names are untrusted.
import type { AlignmentReport } from '../alignment/reportTypes';
import { repositoryMarkdown } from './repositories';
import { ago, correlation, count, coverageLine, pct, plural, rangeLabel } from './format';
import { compareMarkdown } from './compareSection';

/** Escapes text for a Markdown table cell or paragraph: no links, HTML, code or table breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ' ') // controls, bidi overrides
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#]|\d+\.)/, '$1\\$2');
}

export function renderMarkdown(report: AlignmentReport, now = new Date(report.generatedAt)): string {
  const a = report.alignment;
  const out: string[] = [];
  out.push(`## Strategy alignment${report.period ? ` · ${escapeMarkdown(report.period)}` : ''}`, '');
  out.push(
    `**${plural(report.totals.commits, 'commit')}**, ${rangeLabel(report.range)}, effort by ${report.measure}: top ${a.topN} active goals **${pct(a.topShare)}** · untagged **${pct(a.untaggedShare)}** · unknown **${pct(a.unknownShare)}** · stopped **${pct(a.stoppedShare)}** · rank correlation **${correlation(a.rankCorrelation)}**`,
    '',
    coverageLine(report.totals),
    '',
  );
  out.push('| # | Goal | Status | Commits | Share | Target |', '|---:|---|---|---:|---:|---:|');
  for (const g of report.goals) {
    out.push(
      `| ${g.rank} | ${escapeMarkdown(g.title)} (\`${g.id}\`) | ${g.status} | ${count(g.commits)} | ${pct(g.share)} | ${g.targetShare === null ? '' : pct(g.targetShare)} |`,
    );
  }
  out.push(`|  | *untagged* |  | ${count(report.untagged.commits)} | ${pct(report.untagged.share)} |  |`);
  for (const u of report.unknownGoals) out.push(`|  | *unknown:* ${escapeMarkdown(u.id)} |  | ${count(u.commits)} | ${pct(u.share)} |  |`);

  out.push(...compareMarkdown(report));
  if (a.inversions.length > 0 || a.staleGoals.length > 0) {
    out.push('', '### Against the ranking', '');
    for (const inv of a.inversions) out.push(`- ${escapeMarkdown(inv.message)}`);
    if (a.staleGoals.length > 0) out.push(`- No work in the last 14 days on: ${a.staleGoals.map((id) => `\`${id}\``).join(', ')}`);
  }
  out.push(...repositoryMarkdown(report, escapeMarkdown));
  if (report.untagged.branches.length > 0) {
    out.push('', '### Untagged branches', '', '| Branch | Commits | Oldest | Long-running |', '|---|---:|---|---|');
    for (const b of report.untagged.branches) {
      out.push(`| ${escapeMarkdown(b.name)} | ${count(b.commits)} | ${ago(b.oldest, now)} | ${b.longRunning ? '⚠️ yes' : 'no'} |`);
    }
  }
  if (report.warnings.length > 0) {
    out.push('', '### Warnings', '');
    for (const w of report.warnings) out.push(`- ${escapeMarkdown(w)}`);
  }
  return `${out.join('\n')}\n`;
}
