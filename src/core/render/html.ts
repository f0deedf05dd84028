// The report as one standalone HTML file (inline CSS and SVG, no scripts): what
// `report --format html` writes and what the report panel shows. Everything from the repository is
// escaped; colours follow the VS Code theme inside the editor and the OS theme elsewhere.
import type { AlignmentReport } from '../alignment/reportTypes';
import { shareChart, weeklyChart } from './charts';
import { escapeHtml as h } from './escape';
import { ago, count, pct, plural, rangeLabel } from './format';

export interface HtmlOptions {
  /** Extra attributes for <style> (the webview passes its CSP nonce). */
  styleNonce?: string;
  /** Extra markup after the header (the webview's controls). */
  controls?: string;
  now?: Date;
}

export function renderHtml(report: AlignmentReport, options: HtmlOptions = {}): string {
  const now = options.now ?? new Date(report.generatedAt);
  const a = report.alignment;
  const title = `Strategy alignment${report.period ? ` · ${report.period}` : ''}`;
  const card = (label: string, value: string, hint: string, bad = false) =>
    `<div class="card${bad ? ' bad' : ''}"><div class="value">${h(value)}</div><div class="label">${h(label)}</div><div class="hint">${h(hint)}</div></div>`;
  const goalsTable = report.goals.map((g) => `<tr${g.status === 'stopped' && g.commits > 0 ? ' class="bad"' : ''}><td>${g.rank}</td><td>${h(g.title)} <code>${h(g.id)}</code></td><td>${h(g.status)}</td><td class="num">${count(g.commits)}</td><td class="num">${pct(g.share)}</td><td class="num">${g.targetShare === null ? '' : pct(g.targetShare)}</td><td class="num">${g.activeDays}</td><td>${h(ago(g.lastActivity, now))}</td></tr>`).join('');
  const unknownRows = report.unknownGoals.map((u) => `<tr class="bad"><td></td><td><em>unknown:</em> <code>${h(u.id)}</code></td><td></td><td class="num">${count(u.commits)}</td><td class="num">${pct(u.share)}</td><td></td><td></td><td></td></tr>`).join('');
  const callouts = [
    ...a.inversions.map((i) => `<li>${h(i.message)}</li>`),
    ...(a.staleGoals.length ? [`<li>No work in the last 14 days on ${a.staleGoals.map((id) => `<code>${h(id)}</code>`).join(', ')}</li>`] : []),
  ];
  const branches = report.untagged.branches.map((b) => `<tr${b.longRunning ? ' class="warn"' : ''}><td>${h(b.name)}</td><td class="num">${b.commits}</td><td>${h(ago(b.oldest, now))}</td><td>${b.longRunning ? 'long-running' : ''}</td><td>${b.suggested.map((s) => `<code>${h(s)}</code>`).join(' ')}</td></tr>`).join('');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style${options.styleNonce ? ` nonce="${h(options.styleNonce)}"` : ''}>${CSS}</style>
</head>
<body>
<main>
<header><h1>${h(title)}</h1><p class="muted">${h(rangeLabel(report.range))} · ${report.totals.commits} commits · effort by ${h(report.measure)}${report.base ? ` · base ${h(report.base)}` : ''}</p></header>
${options.controls ?? ''}
<section class="cards" aria-label="Headline numbers">
${card(`top ${a.topN} active goals`, pct(a.topShare), 'share of all effort')}
${card('untagged', pct(a.untaggedShare), plural(report.untagged.commits, 'commit'), a.untaggedShare > 0.25)}
${card('stopped goals', pct(a.stoppedShare), 'work on the stop list', a.stoppedShare > 0)}
${card('rank correlation', a.rankCorrelation === null ? 'n/a' : a.rankCorrelation.toFixed(2), '+1: effort follows the ranking', (a.rankCorrelation ?? 1) < 0)}
</section>
<section aria-labelledby="share-h"><h2 id="share-h">Effort against target, in rank order</h2>${shareChart(report)}</section>
${callouts.length ? `<section aria-labelledby="against-h" class="callouts"><h2 id="against-h">Against the ranking</h2><ul>${callouts.join('')}</ul></section>` : ''}
<section aria-labelledby="weeks-h"><h2 id="weeks-h">Weekly effort</h2>${weeklyChart(report)}</section>
<section aria-labelledby="goals-h"><h2 id="goals-h">Goals</h2>
<table><thead><tr><th scope="col">#</th><th scope="col">Goal</th><th scope="col">Status</th><th scope="col" class="num">Commits</th><th scope="col" class="num">Share</th><th scope="col" class="num">Target</th><th scope="col" class="num">Active days</th><th scope="col">Last activity</th></tr></thead>
<tbody>${goalsTable}<tr class="muted"><td></td><td><em>untagged</em></td><td></td><td class="num">${count(report.untagged.commits)}</td><td class="num">${pct(report.untagged.share)}</td><td></td><td></td><td></td></tr>${unknownRows}</tbody></table></section>
${branches ? `<section aria-labelledby="untagged-h"><h2 id="untagged-h">Untagged branches</h2><table><thead><tr><th scope="col">Branch</th><th scope="col" class="num">Commits</th><th scope="col">Oldest</th><th scope="col">Status</th><th scope="col">Suggested</th></tr></thead><tbody>${branches}</tbody></table></section>` : ''}
${report.warnings.length ? `<section aria-labelledby="warn-h"><h2 id="warn-h">Warnings</h2><ul>${report.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul></section>` : ''}
</main>
</body>
</html>
`;
}

const CSS = `
:root { color-scheme: light dark; --fg: var(--vscode-foreground, CanvasText); --bg: var(--vscode-editor-background, Canvas);
  --muted: var(--vscode-descriptionForeground, GrayText); --border: var(--vscode-panel-border, #8884);
  --bad: var(--vscode-errorForeground, #d33); --warn: var(--vscode-editorWarning-foreground, #b80); }
body { font: 14px/1.5 var(--vscode-font-family, system-ui, sans-serif); color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 1.5em; margin: 0 0 4px; } h2 { font-size: 1.1em; margin: 24px 0 8px; }
.muted, .hint, .axis { color: var(--muted); fill: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: 10px 14px; }
.card .value { font-size: 1.8em; font-weight: 600; } .card.bad .value { color: var(--bad); }
.chart { max-width: 720px; display: block; } .chart text { font-size: 12px; fill: var(--fg); }
.chart .label.stopped { text-decoration: line-through; } .chart .stopped-bar { opacity: .55; }
.chart .target { stroke: var(--fg); stroke-width: 2; stroke-dasharray: 3 2; } .axis-line { stroke: var(--border); }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; } .swatch { margin-right: 4px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); }
.num { text-align: right; font-variant-numeric: tabular-nums; } tr.bad td { color: var(--bad); } tr.warn td { color: var(--warn); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: .9em; }
.callouts li { color: var(--warn); }
`;
