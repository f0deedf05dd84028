// The report's content as HTML, shared by the standalone page (`report --format html`) and the
// editor's report panel, so both show the same thing. Every repository string is escaped here.
import type { AlignmentReport } from '../alignment/reportTypes';
import { compareHtml } from './compareSection';
import { numCell, shareChart, shareTable, weeklyChart, weeklyTable } from './charts';
import { escapeHtml as h } from './escape';
import { repositoryHtml } from './repositories';
import { ago, correlation, coverageLine, pct, plural, rangeLabel } from './format';

export interface BodyOptions {
  now: Date;
  /** Markup after the header: the panel's pickers. */
  controls?: string;
  /** Buttons on each untagged branch (the panel; a standalone page has nothing to act on). */
  branchActions?: boolean;
}

export function reportTitle(report: AlignmentReport): string {
  return `Strategy alignment${report.period ? ` · ${report.period}` : ''}`;
}

export function renderReportBody(report: AlignmentReport, options: BodyOptions): string {
  const { now } = options;
  const a = report.alignment;
  const card = (id: string, label: string, value: string, hint: string, bad = false) =>
    `<div class="card${bad ? ' bad' : ''}" data-card="${id}"><div class="value">${h(value)}</div><div class="label">${h(label)}</div><div class="hint">${h(hint)}</div></div>`;
  const titleOf = new Map(report.goals.map((g) => [g.id, `#${g.rank} '${g.title}'`]));
  const callouts = [
    ...a.inversions.map((i) => `<li class="inversion">${h(i.message)}</li>`),
    ...a.staleGoals.map((id) => `<li class="stale">${h(`${titleOf.get(id) ?? id} had no work in the last 14 days`)}</li>`),
  ];
  const byMeasure = report.measure !== 'commits';
  const goalRows = report.goals
    .map(
      (g) =>
        `<tr${g.status === 'stopped' && g.commits > 0 ? ' class="bad"' : ''}><td class="num">${g.rank}</td><th scope="row">${h(g.title)} <code>${h(g.id)}</code></th><td>${h(g.status)}</td>${numCell(g.commits)}${byMeasure ? numCell(g.effort) : ''}<td class="num">${pct(g.share)}</td><td class="num">${g.targetShare === null ? '' : pct(g.targetShare)}</td>${numCell(g.activeDays)}<td>${h(g.inProgress.join(', '))}</td><td class="nowrap">${h(ago(g.lastActivity, now))}</td></tr>`,
    )
    .join('');
  const filler = byMeasure ? '<td></td>' : '';
  const unknownRows = report.unknownGoals
    .map(
      (u) =>
        `<tr class="bad"><td></td><th scope="row"><em>unknown:</em> <code>${h(u.id)}</code></th><td></td>${numCell(u.commits)}${filler}<td class="num">${pct(u.share)}</td><td></td><td></td><td></td><td></td></tr>`,
    )
    .join('');
  const untaggedRow = `<tr class="muted"><td></td><th scope="row"><em>untagged</em></th><td></td>${numCell(report.untagged.commits)}${filler}<td class="num">${pct(report.untagged.share)}</td><td></td><td></td><td></td><td></td></tr>`;
  const branches = report.untagged.branches
    .map((b, i) => {
      const actions = options.branchActions
        ? `<td class="actions"><button type="button" id="tag-${i}" data-action="tag" data-branch="${h(b.name)}" aria-label="${h(`Tag branch ${b.name} with a goal`)}">Tag…</button> <button type="button" class="secondary" id="open-${i}" data-action="open" data-branch="${h(b.name)}" aria-label="${h(`Show branch ${b.name} in the Goals view`)}">Show in Goals view</button></td>`
        : '';
      return `<tr${b.longRunning ? ' class="warn"' : ''}><th scope="row" class="branch">${h(b.name)}</th>${numCell(b.commits)}<td class="nowrap">${h(ago(b.oldest, now))}</td><td>${b.longRunning ? 'long-running' : ''}</td><td>${b.suggested.map((s) => `<code>${h(s)}</code>`).join(' ')}</td>${actions}</tr>`;
    })
    .join('');

  return `<main>
<header><h1>${h(reportTitle(report))}</h1><p class="muted" id="summary">${h(rangeLabel(report.range))} · ${h(plural(report.totals.commits, 'commit'))} · effort by ${h(report.measure)}${report.base ? ` · base ${h(report.base)}` : ''}</p><p class="muted" id="coverage">${h(coverageLine(report.totals))}</p></header>
${options.controls ?? ''}
<section class="cards" aria-label="Headline numbers">
${card('top', `top ${a.topN} active goals`, pct(a.topShare), 'share of all effort')}
${card('untagged', 'untagged', pct(a.untaggedShare), plural(report.untagged.commits, 'commit'), a.untaggedShare > 0.25)}
${card('stopped', 'stopped goals', pct(a.stoppedShare), 'work on the stop list', a.stoppedShare > 0)}
${card('correlation', 'rank correlation', correlation(a.rankCorrelation), '+1: effort follows the ranking', (a.rankCorrelation ?? 1) < 0)}
</section>
${callouts.length ? `<section aria-labelledby="against-h" class="callouts"><h2 id="against-h">Against the ranking</h2><ul>${callouts.join('')}</ul></section>` : ''}
<section aria-labelledby="share-h"><h2 id="share-h">Effort against target, in rank order</h2>${shareChart(report)}${shareTable(report)}</section>
${compareHtml(report)}
<section aria-labelledby="weeks-h"><h2 id="weeks-h">Weekly effort (${h(report.measure)})</h2>${weeklyChart(report)}${weeklyTable(report)}</section>
<section aria-labelledby="goals-h"><h2 id="goals-h">Goals</h2>
<div class="scroll"><table class="goals"><thead><tr><th scope="col" class="num">#</th><th scope="col">Goal</th><th scope="col">Status</th><th scope="col" class="num">Commits</th>${byMeasure ? `<th scope="col" class="num">Effort (${h(report.measure)})</th>` : ''}<th scope="col" class="num">Share</th><th scope="col" class="num">Target</th><th scope="col" class="num">Active days</th><th scope="col">In progress</th><th scope="col">Last activity</th></tr></thead>
<tbody>${goalRows}${untaggedRow}${unknownRows}</tbody></table></div></section>
${repositoryHtml(report)}${branches ? `<section aria-labelledby="untagged-h"><h2 id="untagged-h">Untagged branches</h2><div class="scroll"><table class="branches"><thead><tr><th scope="col">Branch</th><th scope="col" class="num">Commits</th><th scope="col">Oldest</th><th scope="col">Status</th><th scope="col">Suggested</th>${options.branchActions ? '<th scope="col">Actions</th>' : ''}</tr></thead><tbody>${branches}</tbody></table></div></section>` : ''}
${report.warnings.length ? `<section aria-labelledby="warn-h"><h2 id="warn-h">Warnings</h2><ul>${report.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></section>` : ''}
</main>`;
}
