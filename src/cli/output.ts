// A report rendered in the chosen format, to standard output or to --out FILE (report and merge).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AlignmentReport } from '../core/alignment/reportTypes';
import { renderHtml } from '../core/render/html';
import { renderMarkdown } from '../core/render/markdown';
import { renderText } from '../core/render/text';
import type { Value } from './args';
import { CliError, type CliIO, useColor } from './io';

export type ReportFormat = 'text' | 'md' | 'json' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'md', 'json', 'html'];

export function writeReport(io: CliIO, report: AlignmentReport, format: ReportFormat, out: Value): void {
  const rendered =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'md'
        ? renderMarkdown(report)
        : format === 'html'
          ? renderHtml(report)
          : renderText(report, { color: useColor(io) && out === undefined, width: Number(io.env.COLUMNS) || 100 });
  if (typeof out === 'string') {
    const file = resolve(io.cwd, out);
    try {
      writeFileSync(file, rendered);
    } catch (error) {
      throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout(rendered);
  }
}
