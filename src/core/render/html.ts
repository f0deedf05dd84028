// The report as one standalone HTML file (inline CSS and SVG, no scripts): what
// `report --format html` writes and Save Report… saves. The editor's panel shows the same body
// (see panelPage.ts). Everything from the repository is escaped by the body.
import type { AlignmentReport } from '../alignment/reportTypes';
import { escapeHtml as h } from './escape';
import { REPORT_CSS } from './reportCss';
import { renderReportBody, reportTitle } from './reportBody';

export interface HtmlOptions {
  now?: Date;
}

export function renderHtml(report: AlignmentReport, options: HtmlOptions = {}): string {
  const body = renderReportBody(report, { now: options.now ?? new Date(report.generatedAt) });
  return htmlPage({ title: reportTitle(report), body });
}

export interface PageParts {
  title: string;
  body: string;
  /** Extra <head> markup (the panel's CSP). */
  head?: string;
  /** Nonce of the inline stylesheet (the panel's CSP allows only it). */
  styleNonce?: string;
  /** Markup at the end of <body> (the panel's script tag). */
  tail?: string;
  bodyAttributes?: string;
}

export function htmlPage(parts: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${parts.head ?? ''}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(parts.title)}</title>
<style${parts.styleNonce ? ` nonce="${h(parts.styleNonce)}"` : ''}>${REPORT_CSS}</style>
</head>
<body${parts.bodyAttributes ?? ''}>
${parts.body}
${parts.tail ?? ''}</body>
</html>
`;
}
