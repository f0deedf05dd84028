// `strategy-align merge a.json b.json …`: JSON reports made elsewhere (e.g. one CI job per
// repository) combined into one report, exactly as `report --repo A --repo B …` would make it: the
// same combination of the reports' parts (core/alignment/reportParts.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { combinedReport, PARTS_VERSION, type PreviousPeriod, type ReportParts, type StrategyPart } from '../../core/alignment/reportParts';
import type { AlignmentReport, ReportRange } from '../../core/alignment/reportTypes';
import { oneOf, parse } from '../args';
import { CliError, type CliIO, EXIT } from '../io';
import { REPORT_FORMATS, writeReport } from '../output';

export const MERGE_HELP = `Usage: strategy-align merge REPORT.json… [--format text|md|json|html] [--out FILE]

Combines JSON reports (strategy-align report --format json, of one repository or several, e.g. one
CI job per repository) into one report, exactly as one run over all their repositories would make
it. They must have the same schemaVersion, range (same --since/--until, run the same day) and
measure, and no repository twice. Reports made with --compare previous merge their comparisons
too, when all were made with it and compare the same previous period (a calendar period such as
--since 2026-Q3, or a closed --since/--until). The first report's strategy gives the goals; the
clock is the newest report's generatedAt.
  --format F      text (default), md, json, html
  --out FILE      write to FILE instead of standard output
`;

interface Loaded {
  file: string;
  report: AlignmentReport;
  parts: ReportParts[];
  /** With --compare previous: the previous period's parts. */
  previous?: ReportParts[];
}

/** "2026-04-01T00:00:00.000Z to 2026-06-30T23:59:59.999Z" (the start or now when open). */
const span = (range: ReportRange) => `${range.since ?? 'the start'} to ${range.until ?? 'now'}`;

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
  for (const { file, report, parts, previous } of loaded) {
    if (report.measure !== first.report.measure)
      throw new CliError(
        `${file} measures effort by ${report.measure}, ${first.file} by ${first.report.measure}: merge reports of one measure`,
      );
    if (span(report.range) !== span(first.report.range))
      throw new CliError(
        `${file} covers ${span(report.range)}, ${first.file} ${span(first.report.range)}: merge reports of one range (the same --since/--until, made the same day)`,
      );
    if ((previous === undefined) !== (first.previous === undefined)) {
      const [has, lacks] = previous ? [file, first.file] : [first.file, file];
      throw new CliError(`${has} has a comparison (--compare previous), ${lacks} has none: merge reports made alike, all with it or none`);
    }
    const [was, firstWas] = [report.comparison?.range, first.report.comparison?.range];
    if (was && firstWas && span(was) !== span(firstWas))
      throw new CliError(
        `${file} compares with ${span(was)}, ${first.file} with ${span(firstWas)}: merge reports compared with one previous period (a calendar period such as --since 2026-Q3, or a closed --since/--until)`,
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
  const { since, until } = first.report.range;
  const label = shared(loaded.map((l) => l.report.range.label));
  const was = first.report.comparison?.range;
  const previous: PreviousPeriod | undefined = was && {
    since: date(was.since),
    until: date(was.until),
    label: shared(loaded.map((l) => l.report.comparison!.range.label)),
    parts: loaded.flatMap((l) => l.previous!),
  };
  const report = combinedReport(parts, { reference, since: date(since), until: date(until), label, now, previous });
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
  return { file, report, parts, previous: previousParts(file, report, parts) };
}

/** A comparison's previous-period parts: one per repository of the report, of its measure; undefined without a comparison. */
function previousParts(file: string, report: AlignmentReport, parts: ReportParts[]): ReportParts[] | undefined {
  const comparison = report.comparison;
  if (comparison === undefined || comparison === null) return undefined;
  const previous = comparison.parts;
  const names = (list: ReportParts[]) =>
    list
      .map((p) => p.repository)
      .sort()
      .join('\n');
  if (
    typeof comparison.range !== 'object' ||
    comparison.range === null ||
    !Array.isArray(previous) ||
    previous.some((p) => p?.partsVersion !== PARTS_VERSION || typeof p.repository !== 'string' || p.measure !== report.measure) ||
    names(previous) !== names(parts)
  )
    throw new CliError(
      `${file} has a comparison that cannot be merged (no previous parts): make it with strategy-align report --compare previous --format json (this version or later)`,
    );
  return previous;
}

/** The value every report has, else undefined (e.g. a period's label where one report gave the same range as dates). */
function shared<T>(values: readonly (T | undefined)[]): T | undefined {
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}
