// `strategy-align report` and `strategy-align check`: both scan, one renders, one judges. The scan
// is given (src/cli/scan.ts: the full one; src/cli/warm.ts: a saved result), so this module loads
// no git, history or strategy-parsing code.
import { appendFileSync } from 'node:fs';
import { checkReport } from '../../core/alignment/check';
import type { AlignmentReport } from '../../core/alignment/reportTypes';
import { escapeMarkdown, renderMarkdown } from '../../core/render/markdown';
import { pct, plural, printable } from '../../core/render/format';
import { exactPositionals, oneOf, type Options, parse, percentOption, type Values } from '../args';
import { type CliIO, EXIT } from '../io';
import { writeReport } from '../output';

export const REPORT_HELP = `Usage: strategy-align report [--repo DIR]… [--repos FILE] [--strategy FILE]
                             [--since 90d|DATE|PERIOD|all] [--until DATE|PERIOD] [--compare previous]
                             [--format text|md|json|html] [--measure commits|days|churn]
                             [--out FILE] [--no-cache] [--jobs N]

Where effort went, against the ranked goals of strategy.yaml.
  --repo DIR      repository (default: the current directory); repeat it for one report over
                  several (NAME=DIR names one; by default a repository is named by its folder)
  --repos FILE    more repositories: one folder a line, relative to FILE's folder (# comments)
  --strategy FILE one strategy for every repository (default: each one's strategy.yaml; the
                  first repository's goals are the combined report's)
  --jobs N        history logs read at a time (default: CPU count, at most 4)
  --since SPAN    90d (default), 12w, 6mo, 1y (counted from today's 00:00 UTC), all, a date, or a
                  period (UTC): 2026-Q3, 2026-07, 2026, this-quarter, last-quarter (alone: that
                  period; with --until: its start)
  --until DATE    last day included (a period: its last day)
  --compare previous
                  each goal's share beside the previous period (the quarter before a quarter, else
                  the same length right before the range), the change in points and what moved
  --format F      text (default), md (PR comments, CI summaries), json (schemaVersion 1; what
                  strategy-align merge combines),
                  html (a standalone page with charts, no scripts)
  --measure M     effort by commits (default), active days (distinct author-days) or churn
                  (lines added + deleted, without settings.churn.exclude: lock files, dist/**, …)
  --out FILE      write to FILE instead of standard output
  --no-cache      read the whole history from git, neither reading nor writing the cache
                  (kept in <git common dir>/strategy-align/; safe to delete)
  --fetch         bring in the team's tags first (as sync does, without publishing): for CI
  --remote NAME   the remote --fetch reads (default: origin, else the only remote)
`;

export const CHECK_HELP = `Usage: strategy-align check [--repo DIR]… [--repos FILE] [--strategy FILE]
                            [--since SPAN|PERIOD] [--until DATE|PERIOD] [--compare previous]
                            [--max-untagged PCT] [--min-top PCT] [--min-attributed PCT] [--max-stopped PCT]
                            [--no-long-running] [--no-stopped] [--no-inversions]

Fails (exit 1, one line per failed rule) when effort drifts from the strategy. With several
repositories (--repo, --repos, --strategy, --jobs as for report) the rules judge the combined report.
  --max-untagged PCT   fail when untagged work is above PCT% of effort
  --min-top PCT        fail when the top maxActive active goals get less than PCT%
  --min-attributed PCT fail when less than PCT% of the commits is attributed to a goal (note, trailer,
                       issue key, branch, merge…; the report's "Attributed" line)
  --max-stopped PCT    allow stopped goals up to PCT% of effort (default: any work fails)
  --no-long-running    do not fail on long-running untagged branches
  --no-stopped         do not fail when stopped goals still get work
  --no-inversions      do not fail when a lower-ranked goal got more effort than a higher one
  --no-cache           read the whole history from git, without the cache
  --fetch              bring in the team's tags first (--remote NAME; default origin)
  --compare previous   add the comparison to the step summary (the rules judge the range only)
When $GITHUB_STEP_SUMMARY is set, a Markdown summary (the rules and the report) is appended to it.
`;

export const SCAN_OPTIONS: Options = {
  repo: { type: 'string', multiple: true },
  repos: { type: 'string' },
  strategy: { type: 'string' },
  jobs: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  compare: { type: 'string' },
  measure: { type: 'string' },
  'no-cache': { type: 'boolean' },
  fetch: { type: 'boolean' },
  remote: { type: 'string' },
};

/** Gives the report of the repository for the options in `values` (the full scan, or its saved result). */
export type Scanner = (io: CliIO, values: Values) => Promise<AlignmentReport>;

export async function reportCommand(args: string[], io: CliIO, scan: Scanner): Promise<number> {
  const { values, positionals } = parse('report', args, { ...SCAN_OPTIONS, format: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return (io.stdout(REPORT_HELP), EXIT.ok);
  exactPositionals('report', positionals, []);
  const format = oneOf('format', values.format, ['text', 'md', 'json', 'html'] as const, 'text');
  const report = await scan(io, values);
  writeReport(io, report, format, values.out);
  return EXIT.ok;
}

export async function checkCommand(args: string[], io: CliIO, scan: Scanner): Promise<number> {
  const { values, positionals } = parse('check', args, {
    ...SCAN_OPTIONS,
    'max-untagged': { type: 'string' },
    'min-top': { type: 'string' },
    'min-attributed': { type: 'string' },
    'no-long-running': { type: 'boolean' },
    'no-stopped': { type: 'boolean' },
    'max-stopped': { type: 'string' },
    'no-inversions': { type: 'boolean' },
  });
  if (values.help) return (io.stdout(CHECK_HELP), EXIT.ok);
  exactPositionals('check', positionals, []);
  const rules = {
    maxUntagged: percentOption('max-untagged', values['max-untagged']),
    minTop: percentOption('min-top', values['min-top']),
    minAttributed: percentOption('min-attributed', values['min-attributed']),
    longRunning: !values['no-long-running'],
    stopped: !values['no-stopped'],
    maxStopped: percentOption('max-stopped', values['max-stopped']),
    inversions: !values['no-inversions'],
  };
  const report = await scan(io, values);
  const failures = checkReport(report, rules);
  for (const failure of failures) io.stdout(`✗ ${printable(failure)}\n`); // branch names are repository text
  if (failures.length === 0)
    io.stdout(`✓ strategy check passed (${plural(report.totals.commits, 'commit')}, untagged ${pct(report.alignment.untaggedShare)})\n`);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    const verdict =
      failures.length === 0
        ? '### ✅ Strategy check passed\n'
        : `### ❌ Strategy check failed\n\n${failures.map((f) => `- ${escapeMarkdown(f)}`).join('\n')}\n`;
    try {
      appendFileSync(summary, `${verdict}\n${renderMarkdown(report)}\n`);
    } catch (error) {
      io.stderr(
        `strategy-align: cannot write the step summary to ${summary}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
      );
    }
  }
  return failures.length > 0 ? EXIT.checkFailed : EXIT.ok;
}
