// The terminal rendering of the report: ranked goals with bars, untagged work, alignment.
import type { AlignmentReport } from '../alignment/reportTypes';
import { repositoryLines } from './repositories';
import { ago, bar, correlation, count, coverageLine, pct, plural, printable, rangeLabel, truncate } from './format';
import { compareText } from './compareSection';

export interface TextOptions {
  color: boolean;
  now?: Date;
  width?: number;
}

const STATUS_MARK: Record<string, string> = { active: ' ', paused: '‖', done: '✓', stopped: '✗' };

export function renderText(report: AlignmentReport, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const bold = (t: string) => paint('1', t);
  const dim = (t: string) => paint('2', t);
  const warn = (t: string) => paint('33', t);
  const bad = (t: string) => paint('31', t);
  const now = options.now ?? new Date(report.generatedAt);
  const titleWidth = Math.max(20, Math.min(44, (options.width ?? 100) - 50));
  const lines: string[] = [];

  const head = report.period ? `Strategy alignment · ${printable(report.period)}` : 'Strategy alignment';
  lines.push(bold(head), dim(`${rangeLabel(report.range)} · ${plural(report.totals.commits, 'commit')} · effort by ${report.measure}`));
  lines.push(dim(coverageLine(report.totals)), '');
  lines.push(dim(`  #  ${'goal'.padEnd(titleWidth)}  ${'effort'.padEnd(20)}  share  target  commits`));
  for (const goal of report.goals) {
    const title = truncate(printable(goal.title), titleWidth).padEnd(titleWidth);
    const target = goal.targetShare === null ? '     ' : pct(goal.targetShare).padStart(5);
    const under = goal.targetShare !== null && goal.share < goal.targetShare;
    const row = `${String(goal.rank).padStart(3)}${STATUS_MARK[goal.status] ?? ' '} ${title}  ${bar(goal.share, 20)}  ${pct(goal.share).padStart(5)}  ${target}  ${count(goal.commits).padStart(7)}`;
    lines.push(goal.status === 'stopped' && goal.commits > 0 ? bad(row) : goal.status === 'active' ? (under ? warn(row) : row) : dim(row));
  }
  lines.push(
    `     ${'(untagged)'.padEnd(titleWidth)}  ${bar(report.untagged.share, 20)}  ${pct(report.untagged.share).padStart(5)}         ${count(report.untagged.commits).padStart(7)}`,
  );
  for (const unknown of report.unknownGoals) {
    lines.push(
      warn(
        `     ${truncate(`(unknown: ${printable(unknown.id)})`, titleWidth).padEnd(titleWidth)}  ${bar(unknown.share, 20)}  ${pct(unknown.share).padStart(5)}         ${count(unknown.commits).padStart(7)}`,
      ),
    );
  }

  lines.push(...compareText(report, { bold, dim }, titleWidth));

  const a = report.alignment;
  lines.push('', bold('Alignment'));
  lines.push(
    `  top ${a.topN} active goals ${pct(a.topShare)} · untagged ${pct(a.untaggedShare)} · unknown ${pct(a.unknownShare)} · stopped ${pct(a.stoppedShare)} · rank correlation ${correlation(a.rankCorrelation)}`,
  );
  for (const inversion of a.inversions) lines.push(warn(`  ! ${printable(inversion.message)}`));
  if (a.staleGoals.length > 0) lines.push(warn(`  stale (no work in 14 days): ${a.staleGoals.join(', ')}`));

  lines.push(...repositoryLines(report).map((l, i) => (i === 1 ? bold(l) : i === 2 ? dim(l) : l)));
  if (report.untagged.branches.length > 0) {
    lines.push('', bold('Untagged branches'));
    for (const b of report.untagged.branches) {
      const text = `  ${b.longRunning ? '⚠' : '·'} ${printable(b.name)}: ${plural(b.commits, 'commit')}, oldest ${ago(b.oldest, now)}${b.longRunning ? ' (long-running)' : ''}${b.suggested.length ? dim(` · suggested: ${b.suggested.join(', ')}`) : ''}`;
      lines.push(b.longRunning ? warn(text) : text);
    }
  }
  if (report.warnings.length > 0) {
    lines.push('', bold('Warnings'));
    for (const w of report.warnings) lines.push(warn(`  ${printable(w)}`));
  }
  return `${lines.join('\n')}\n`;
}
