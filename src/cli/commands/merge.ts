// `strategy-align merge a.json b.json …`: JSON reports made elsewhere (e.g. one CI job per
// repository) combined into one report, exactly as `report --repo A --repo B …` would make it: the
// same combination of the reports' parts (core/alignment/reportParts.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { combinedReport, PARTS_VERSION, type ReportParts, type StrategyPart } from '../../core/alignment/reportParts';
import type { AlignmentReport } from '../../core/alignment/reportTypes';
import { oneOf, parse } from '../args';
import { CliError, type CliIO, EXIT } from '../io';
import { REPORT_FORMATS, writeReport } from '../output';

export const MERGE_HELP = `Usage: strategy-align merge REPORT.json… [--format text|md|json|html] [--out FILE]

Combines JSON reports (strategy-align report --format json, of one repository or several, e.g. one
CI job per repository) into one report, exactly as one run over all their repositories would make
it. They must have the same schemaVersion, range (same --since/--until, run the same day) and
measure, and no repository twice. The first report's strategy gives the goals; the clock is the
newest report's generatedAt.
  --format F      text (default), md, json, html
  --out FILE      write to FILE instead of standard output
`;

interface Loaded {
  file: string;
  report: AlignmentReport;
  parts: ReportParts[];
}

export async function mergeCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('merge', args, { format: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return (io.stdout(MERGE_HELP), EXIT.ok);
  if (values.repo !== undefined)
    throw new CliError('merge reads JSON reports, not repositories: give the files (see strategy-align merge --help)');
  if (positionals.length === 0) throw new CliError('merge: expected REPORT.json files, got none (see strategy-align merge --help)');
  const format = oneOf('format', values.format, REPORT_FORMATS, 'text');
  const loaded = positionals.map((path) => load(resolve(io.cwd, path)));
  const [first] = loaded;
  const owner = new Map<string, string>();
  for (const { file, report, parts } of loaded) {
    if (report.measure !== first.report.measure)
      throw new CliError(
        `${file} measures effort by ${report.measure}, ${first.file} by ${first.report.measure}: merge reports of one measure`,
      );
    const range = (r: AlignmentReport) => `${r.range.since ?? 'the start'} to ${r.range.until ?? 'now'}`;
    if (range(report) !== range(first.report))
      throw new CliError(
        `${file} covers ${range(report)}, ${first.file} ${range(first.report)}: merge reports of one range (the same --since/--until, made the same day)`,
      );
    for (const part of parts) {
      const other = owner.get(part.repository);
      if (other !== undefined)
        throw new CliError(`repository '${part.repository}' is in both ${other} and ${file}: merge each repository once`);
      owner.set(part.repository, file);
    }
  }
  const reference: StrategyPart = first.report.referenceStrategy ?? first.parts[0].strategy;
  const now = new Date(Math.max(...loaded.map((l) => Date.parse(l.report.generatedAt))));
  const date = (iso: string | null) => (iso === null ? undefined : new Date(iso));
  const parts = loaded.flatMap((l) => l.parts);
  const report = combinedReport(parts, { reference, since: date(first.report.range.since), until: date(first.report.range.until), now });
  writeReport(io, report, format, values.out);
  return EXIT.ok;
}

/** A report file with its parts, or a one-line error naming the file. */
function load(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let report: AlignmentReport;
  try {
    report = JSON.parse(text) as AlignmentReport;
  } catch {
    throw new CliError(`${file} is not JSON (made by strategy-align report --format json?)`);
  }
  if (report === null || typeof report !== 'object' || !('schemaVersion' in report))
    throw new CliError(`${file} is not a strategy-align JSON report (no schemaVersion)`);
  if (report.schemaVersion !== 1)
    throw new CliError(`${file} has schemaVersion ${String(report.schemaVersion)}; this strategy-align merges schemaVersion 1`);
  if (Number.isNaN(Date.parse(report.generatedAt)) || typeof report.range !== 'object' || report.range === null)
    throw new CliError(`${file} is not a complete report (generatedAt or range missing)`);
  const parts = report.parts;
  if (
    !Array.isArray(parts) ||
    parts.length === 0 ||
    parts.some((p) => p?.partsVersion !== PARTS_VERSION || typeof p.repository !== 'string')
  )
    throw new CliError(`${file} has no mergeable parts: make it with strategy-align report --format json (this version or later)`);
  if (parts.some((p) => p.measure !== report.measure)) throw new CliError(`${file}: its parts and report disagree on the measure`);
  return { file, report, parts };
}
