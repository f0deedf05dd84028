// The report's stylesheet, for the standalone page and the panel alike. Colours come from the
// VS Code theme's variables in the editor (charts.*, button.*, dropdown.*, focusBorder) and fall
// back to the system's light or dark colours in a browser.
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: var(--vscode-foreground, CanvasText); --bg: var(--vscode-editor-background, Canvas);
  --muted: var(--vscode-descriptionForeground, GrayText); --border: var(--vscode-panel-border, #8884);
  --bad: var(--vscode-errorForeground, #d33); --warn: var(--vscode-editorWarning-foreground, #b80);
  --focus: var(--vscode-focusBorder, Highlight); }
body { font: 14px/1.5 var(--vscode-font-family, system-ui, sans-serif); color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 16px 24px 32px; }
h1 { font-size: 1.5em; margin: 0 0 4px; } h2 { font-size: 1.1em; margin: 24px 0 8px; }
.muted, .hint, .axis { color: var(--muted); fill: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: 10px 14px; background: var(--vscode-editorWidget-background, transparent); }
.card .value { font-size: 1.8em; font-weight: 600; line-height: 1.2; } .card.bad .value { color: var(--bad); }
.chart { max-width: 760px; display: block; } .chart text { font-size: 12px; fill: var(--fg); }
.chart .label.stopped { text-decoration: line-through; } .chart .stopped-bar { opacity: .6; }
.chart .target { stroke: var(--fg); stroke-width: 2; stroke-dasharray: 3 2; } .axis-line { stroke: var(--border); }
.c0 { fill: var(--vscode-charts-blue, #3b82f6); } .c1 { fill: var(--vscode-charts-green, #10b981); }
.c2 { fill: var(--vscode-charts-orange, #f59e0b); } .c3 { fill: var(--vscode-charts-purple, #8b5cf6); }
.c4 { fill: var(--vscode-charts-yellow, #eab308); } .c5 { fill: var(--vscode-terminal-ansiCyan, #14b8a6); }
.c-unknown { fill: var(--vscode-charts-red, #ef4444); } .c-untagged { fill: var(--vscode-disabledForeground, #9ca3af); }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; margin-top: 4px; } .swatch { margin-right: 4px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); }
tbody th { font-weight: normal; } .num { text-align: right; font-variant-numeric: tabular-nums; }
tr.bad td, tr.bad th { color: var(--bad); } tr.warn td, tr.warn th { color: var(--warn); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: .9em; }
.branch { word-break: break-all; min-width: 10em; } .nowrap { white-space: nowrap; }
.scroll { overflow-x: auto; } table.goals tbody th { min-width: 14em; }
.callouts ul { margin: 0; padding-left: 20px; } .callouts li { color: var(--warn); margin: 2px 0; }
details.data { margin: 8px 0 0; font-size: 13px; } details.data summary { cursor: pointer; color: var(--muted); }
details.data table { margin-top: 6px; width: auto; min-width: 50%; }
.controls { display: flex; flex-wrap: wrap; align-items: end; gap: 8px 16px; margin: 12px 0 4px; }
.controls label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.controls label.check { flex-direction: row; align-items: center; align-self: center; gap: 6px; font-size: 13px; }
select, button { font: inherit; font-size: 13px; }
select { color: var(--vscode-dropdown-foreground, CanvasText); background: var(--vscode-dropdown-background, Canvas);
  border: 1px solid var(--vscode-dropdown-border, var(--border)); border-radius: 2px; padding: 3px 6px; min-width: 140px; }
button { color: var(--vscode-button-foreground, ButtonText); background: var(--vscode-button-background, ButtonFace);
  border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground, ButtonFace); }
button.secondary { color: var(--vscode-button-secondaryForeground, ButtonText); background: var(--vscode-button-secondaryBackground, ButtonFace); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground, ButtonFace); }
select:focus-visible, button:focus-visible, summary:focus-visible { outline: 1px solid var(--focus); outline-offset: 2px; }
.chart .prev { opacity: .45; } .period-divider { stroke: var(--fg); stroke-width: 1; stroke-dasharray: 4 3; } tr.prev th, tr.prev td { color: var(--muted); }
.change.better { color: var(--vscode-charts-green, #16a34a); } .change.worse { color: var(--bad); } .compare-summary { margin: 8px 0 0; padding-left: 20px; }
.actions button { margin: 1px 0; } .status { font-size: 12px; color: var(--muted); align-self: center; }
`;
