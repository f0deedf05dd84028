// A scan's report parts (core/alignment/reportParts.ts): what a combined report over several
// repositories takes of each one's scan, for the CLI (several --repo) and the editor (a multi-root
// workspace) alike. Taken, the scan itself (its history and rows) can be let go.
import { type EffortParts, effortParts } from '../alignment/effortParts';
import { type ReportParts, reportParts } from '../alignment/reportParts';
import type { ScanResult } from './scan';

/**
 * The parts of the repository named `name` (keep `parts`; `effort` is the part of them the CLI saves for its warm report;
 * `previous`: the previous period's, when the scan compared).
 */
export function scanParts(name: string, result: ScanResult): { parts: ReportParts; effort: EffortParts; previous?: ReportParts } {
  const effort = effortParts(result.input.effort, result.view);
  const before = result.previousInput;
  const previous = before && reportParts(name, before, effortParts(before.effort, result.view));
  return { parts: reportParts(name, result.input, effort), effort, previous };
}
