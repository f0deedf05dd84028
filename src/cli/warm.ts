// The warm `report` and `check`: when a full scan of exactly these inputs was saved (scan.ts), the
// report is built from it with this run's clock and range, with three short git reads and no
// history, YAML or schema code loaded. Anything else (no saved report, other inputs, any error)
// is a miss: the caller runs the full command, which also says what went wrong. What a warm run
// prints is saved for the entry to print again (printed.ts) while it provably holds.
import { resolve } from 'node:path';
import { buildReport } from '../core/alignment/buildReport';
import type { EffortParts } from '../core/alignment/effortParts';
import { type ReportParts, reportParts } from '../core/alignment/reportParts';
import { type AlignmentReport, EFFORT_MEASURES } from '../core/alignment/reportTypes';
import { readReportInput } from '../core/scan/savedReport';
import { resolveRange } from '../core/scan/period';
import { oneOf } from './args';
import { checkCommand, reportCommand, type Scanner } from './commands/report';
import type { CliIO } from './io';
import { type PrintedPlace, printedPlace, repoArgument, writePrinted } from './printed';
import { warmKey } from './warmKey';

class Miss extends Error {}

/**
 * The options a saved scan can answer. Any other (a new one with an effect before the scan, e.g. a
 * fetch) is a miss until it is added here deliberately.
 */
const ANSWERED = new Set([
  'repo',
  'help',
  'since',
  'until',
  'measure',
  'format',
  'out',
  'max-untagged',
  'min-top',
  'min-attributed',
  'no-long-running',
  'no-stopped',
  'max-stopped',
  'no-inversions',
]);

/** What a warm scan saw of its options: the repository it read, and whether the output goes to a file. */
interface Seen {
  dir?: string;
  toFile?: boolean;
}

/** The saved scan's report at the clock `now`. */
const warmScanAt =
  (now: Date, seen: Seen): Scanner =>
  async (io, values) => {
    if (Object.entries(values).some(([name, value]) => value !== undefined && !ANSWERED.has(name))) throw new Miss(); // --no-cache too
    const measure = oneOf('measure', values.measure, EFFORT_MEASURES, 'commits');
    const { since, until, label } = resolveRange(values.since as string | undefined, values.until as string | undefined, now);
    const repos = values.repo as string[] | undefined;
    if (repos && repos.length > 1) throw new Miss(); // several repositories: the full command
    const dir = resolve(io.cwd, repos?.[0] ?? '.');
    const found = await warmKey(dir, measure);
    if (!found) throw new Miss();
    const saved = await readReportInput(found.file, found.key, since, until, now);
    if (!saved?.parts) throw new Miss();
    Object.assign(seen, { dir, toFile: values.out !== undefined });
    const input = { ...saved, since, until, label, now };
    const { repository, effort } = saved.parts;
    const report: AlignmentReport = { ...buildReport(input), repository: { name: repository } };
    // The parts are made when read (JSON output): the text and Markdown reports do not parse them.
    let parts: ReportParts[] | undefined;
    const get = () => (parts ??= [reportParts(repository, input, JSON.parse(effort) as EffortParts)]);
    return Object.defineProperty(report, 'parts', { enumerable: true, get });
  };

/** An io that keeps what is written to standard output (and passes it on when `forward`), and whether anything went to stderr. */
function recording(io: CliIO, forward: boolean): { io: CliIO; out: string[]; stderr: boolean } {
  const record = { out: [] as string[], stderr: false, io };
  record.io = {
    ...io,
    stdout: (text) => (record.out.push(text), forward && io.stdout(text)),
    stderr: (text) => ((record.stderr = true), io.stderr(text)),
    get isTTY() {
      return io.isTTY;
    },
  };
  return record;
}

/** How far ahead a printed output is proven to hold (the first that does): an hour, else a minute. */
const AHEAD = [3_600_000, 60_000];

type Command = typeof reportCommand;

/**
 * Saves what the run at `now` printed for the entry to replay (printed.ts) when the same command
 * line, rendered at a later clock, prints the same but for the clock's ISO time: every way the
 * clock enters a report (the range, ages in days, long-running branches, due dates, weeks) only
 * moves one way with time, so equal at both ends means equal in between. Saved only if nothing
 * changed in the repository meanwhile (the place, which holds the inputs' key, is read again).
 */
async function remember(
  command: Command,
  argv: readonly string[],
  io: CliIO,
  place: PrintedPlace,
  now: Date,
  run: { code: number; out: string[] },
) {
  const clock = now.toISOString();
  const parts = run.out.join('').split(clock);
  for (const ahead of AHEAD) {
    const later = new Date(now.getTime() + ahead);
    const again = recording(io, false);
    // A miss at `later` (the saved scan is for today's date, and `later` is tomorrow's) only rules that instant out.
    const code = await command(argv.slice(1), again.io, warmScanAt(later, {})).catch(() => undefined);
    if (code !== run.code || again.stderr || again.out.join('').split(later.toISOString()).join(clock) !== parts.join(clock)) continue;
    const after = await printedPlace(argv, io);
    if (after?.key === place.key) writePrinted(place, { code, parts, from: now.getTime(), until: later.getTime() });
    return;
  }
}

/**
 * The exit code of `report` or `check` from a saved scan, or undefined: run the full command.
 * With `place` (printed.ts: where the entry looked for this command line's output), the output
 * is saved there for the next run when it can be.
 */
export async function warmCommand(argv: readonly string[], io: CliIO, place?: PrintedPlace): Promise<number | undefined> {
  const [name, ...args] = argv;
  const command = name === 'report' ? reportCommand : name === 'check' ? checkCommand : undefined;
  if (!command) return undefined;
  try {
    const now = new Date();
    const seen: Seen = {};
    const run = recording(io, true);
    const code = await command(args, run.io, warmScanAt(now, seen));
    const sameRepo = seen.dir !== undefined && seen.dir === resolve(io.cwd, repoArgument(args) ?? '.');
    if (place && sameRepo && !seen.toFile && !run.stderr)
      await remember(command, argv, io, place, now, { code, out: run.out }).catch(() => undefined);
    return code;
  } catch {
    return undefined;
  }
}
