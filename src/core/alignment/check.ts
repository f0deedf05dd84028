// `strategy-align check`: CI rules over the report. One line per failed rule.
import { ago, pct, plural } from '../render/format';
import type { AlignmentReport } from './reportTypes';

export interface CheckRules {
  /** Fail when the untagged share is above this percentage. */
  maxUntagged?: number;
  /** Fail when the top-N active goals get less than this percentage. */
  minTop?: number;
  /** Fail when less than this percentage of the commits in range is attributed (any source; issue 13). */
  minAttributed?: number;
  /** Fail on long-running untagged branches (default on). */
  longRunning: boolean;
  /** Fail when stopped goals still get work (default on). */
  stopped: boolean;
  /** Fail when stopped goals get more than this percentage (instead of any work at all). */
  maxStopped?: number;
  /** Fail on rank inversions among active goals (default on). */
  inversions: boolean;
}

export function checkReport(report: AlignmentReport, rules: CheckRules, now = new Date(report.generatedAt)): string[] {
  const failures: string[] = [];
  const a = report.alignment;
  if (rules.maxUntagged !== undefined && a.untaggedShare * 100 > rules.maxUntagged) {
    failures.push(`untagged work is ${pct(a.untaggedShare)} of effort, above --max-untagged ${rules.maxUntagged}%`);
  }
  if (rules.minTop !== undefined && a.topShare * 100 < rules.minTop) {
    failures.push(`the top ${a.topN} active goals got ${pct(a.topShare)} of effort, below --min-top ${rules.minTop}%`);
  }
  const { attributed, commits } = report.totals;
  if (rules.minAttributed !== undefined && commits > 0 && (attributed / commits) * 100 < rules.minAttributed) {
    failures.push(
      `${pct(attributed / commits)} of ${plural(commits, 'commit')} attributed to a goal, below --min-attributed ${rules.minAttributed}%`,
    );
  }
  const longRunning = report.untagged.branches.filter((b) => b.longRunning);
  if (rules.longRunning && longRunning.length > 0) {
    const list = longRunning.map((b) => `'${b.name}' (${plural(b.commits, 'commit')}, oldest ${ago(b.oldest, now)})`).join(', ');
    failures.push(`long-running untagged branches: ${list}`);
  }
  const stopped = report.goals.filter((g) => g.status === 'stopped' && g.commits > 0);
  const stoppedLimit = rules.maxStopped ?? 0;
  if (rules.stopped && stopped.length > 0 && a.stoppedShare * 100 > stoppedLimit) {
    const limit = rules.maxStopped === undefined ? '' : `, above --max-stopped ${rules.maxStopped}%`;
    failures.push(`stopped goals still get work: ${stopped.map((g) => `'${g.id}' ${pct(g.share)}`).join(', ')}${limit}`);
  }
  if (rules.inversions && a.inversions.length > 0) {
    failures.push(`effort runs against the ranking: ${a.inversions.map((i) => i.message).join('; ')}`);
  }
  return failures;
}
