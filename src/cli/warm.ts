// The warm `report` and `check`: when a full scan of exactly these inputs was saved (scan.ts), the
// report is built from it with this run's clock and range, with three short git reads and no
// history, YAML or schema code loaded. Anything else (no saved report, other inputs, any error)
// is a miss: the caller runs the full command, which also says what went wrong.
import { resolve } from 'node:path';
import { buildReport } from '../core/alignment/buildReport';
import { EFFORT_MEASURES } from '../core/alignment/reportTypes';
import { decodeFacts, readSnapshot } from '../core/history/reportSnapshot';
import { parseSince, parseUntil } from '../core/scan/range';
import { localDate } from '../core/strategy/warnings';
import { oneOf } from './args';
import { checkCommand, reportCommand, type Scanner } from './commands/report';
import type { CliIO } from './io';
import { SAVED_CLASSES, type SavedInput, warmKey } from './warmKey';

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
  'no-long-running',
  'no-stopped',
  'max-stopped',
  'no-inversions',
]);

const warmScan: Scanner = async (io, values) => {
  if (Object.entries(values).some(([name, value]) => value !== undefined && !ANSWERED.has(name))) throw new Miss(); // --no-cache too
  const now = new Date();
  const measure = oneOf('measure', values.measure, EFFORT_MEASURES, 'commits');
  const since = parseSince(values.since as string | undefined, now);
  const until = parseUntil(values.until as string | undefined);
  const found = await warmKey(resolve(io.cwd, typeof values.repo === 'string' ? values.repo : '.'), measure);
  if (!found) throw new Miss();
  const from = since ? since.getTime() / 1000 : -Infinity;
  const to = until ? until.getTime() / 1000 : Infinity;
  const facts = await readSnapshot(found.file, found.key, from, to, localDate(now));
  if (facts === undefined) throw new Miss();
  return buildReport({ ...decodeFacts<SavedInput>(facts, SAVED_CLASSES), since, until, now });
};

/** The exit code of `report` or `check` from a saved scan, or undefined: run the full command. */
export async function warmCommand(argv: readonly string[], io: CliIO): Promise<number | undefined> {
  const [name, ...args] = argv;
  const command = name === 'report' ? reportCommand : name === 'check' ? checkCommand : undefined;
  if (!command) return undefined;
  try {
    return await command(args, io, warmScan);
  } catch {
    return undefined;
  }
}
