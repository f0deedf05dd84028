// The editor's report panel as a page: the same body as the standalone html, plus the pickers and
// actions, under a CSP that allows only the nonce'd stylesheet and the extension's one script.
// Pure string rendering; the extension supplies the nonce, the script's webview URI and choices.
import type { AlignmentReport } from '../alignment/reportTypes';
import { escapeHtml as h } from './escape';
import { htmlPage } from './html';
import { renderReportBody, reportTitle } from './reportBody';

export interface Choice {
  id: string;
  label: string;
}

export interface PanelPageOptions {
  nonce: string;
  scriptUri: string;
  /** The repository the panel shows (kept in the webview's state to restore it). */
  repository: string;
  ranges: readonly Choice[];
  range: string;
  measures: readonly Choice[];
  measure: string;
  /** A multi-root workspace's choice of repository ("All repositories" first); absent with one. */
  repositories?: readonly Choice[];
  /** The "Compare with previous period" checkbox's state (absent: not offered). */
  compare?: boolean;
  /** Where a restored panel's reader was: the focused control's id and the scroll position. */
  restore?: { focus?: string; scrollY?: number };
  /** Shown instead of a report (not scanned yet, no strategy, git failed). */
  message?: string;
  now?: Date;
}

const MEASURE_LABELS: Record<string, string> = {
  commits: 'Commits',
  days: 'Active days (author-days)',
  churn: 'Churn (lines added + deleted)',
};

/** A readable label for an effort measure; new measures show their id until they get one. */
export function measureLabel(measure: string): string {
  return MEASURE_LABELS[measure] ?? measure;
}

export function panelCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;`;
}

function select(id: string, label: string, choices: readonly Choice[], current: string): string {
  const options = choices.map((c) => `<option value="${h(c.id)}"${c.id === current ? ' selected' : ''}>${h(c.label)}</option>`).join('');
  return `<label for="${id}">${h(label)}<select id="${id}" name="${id}">${options}</select></label>`;
}

export function renderControls(
  o: Pick<PanelPageOptions, 'ranges' | 'range' | 'measures' | 'measure' | 'compare' | 'repositories' | 'repository'>,
): string {
  const repositories =
    o.repositories && o.repositories.length > 1 ? `${select('repository', 'Repository', o.repositories, o.repository)}\n` : '';
  // All history has no previous period: the checkbox is off and disabled there.
  const compare =
    o.compare === undefined
      ? ''
      : `<label class="check" for="compare"><input type="checkbox" id="compare" name="compare"${o.compare && o.range !== 'all' ? ' checked' : ''}${o.range === 'all' ? ' disabled' : ''}> Compare with previous period</label>`;
  return `<form class="controls" aria-label="Report options">
${repositories}${select('range', 'Time range', o.ranges, o.range)}
${select('measure', 'Effort measure', o.measures, o.measure)}
${compare}
<button type="button" class="secondary" id="refresh" data-action="refresh">Refresh</button>
<button type="button" class="secondary" id="copy" data-action="copy">Copy as Markdown</button>
<button type="button" class="secondary" id="save" data-action="save">Save Report…</button>
<span class="status" id="status" role="status" aria-live="polite"></span>
</form>`;
}

export function renderPanelPage(report: AlignmentReport | undefined, o: PanelPageOptions): string {
  const controls = renderControls(o);
  const body = report
    ? renderReportBody(report, { now: o.now ?? new Date(report.generatedAt), controls, branchActions: true })
    : `<main><header><h1>Strategy alignment</h1></header>${controls}<p class="empty">${h(o.message ?? 'Reading history…')}</p></main>`;
  return htmlPage({
    title: report ? reportTitle(report) : 'Strategy alignment',
    head: `<meta http-equiv="Content-Security-Policy" content="${panelCsp(o.nonce)}">\n`,
    styleNonce: o.nonce,
    body,
    bodyAttributes: ` data-repository="${h(o.repository)}"${o.restore?.focus ? ` data-restore-focus="${h(o.restore.focus)}"` : ''}${o.restore?.scrollY !== undefined ? ` data-restore-scroll="${Math.round(o.restore.scrollY)}"` : ''}`,
    tail: `<script nonce="${h(o.nonce)}" src="${h(o.scriptUri)}"></script>\n`,
  });
}
