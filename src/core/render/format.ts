// Small number and text formatting: the one rule for every number a person reads (the CLI's text,
// Markdown and HTML, `check`, triage, the editor's tree, status bar and panel). JSON keeps the
// exact numbers. Grouping is fixed to en-US ("12,030"), not the machine's locale, so the CLI, CI
// logs and the editor print the same text.
import type { AlignmentReport } from '../alignment/reportTypes';
import { ATTRIBUTION_SOURCES } from '../attribution/attribute';

/** A share as a whole percentage: 0.314 → "31%". */
export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The rank correlation, -1..+1, two decimals: "0.87", or "n/a" where there is none. */
export function correlation(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

// Intl's default rounding (halfExpand) is half-up for the positive counts shown here.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function grouped(value: number, digits: Intl.NumberFormat, least: string): string {
  if (value === 0) return '0'; // not "-0"
  const text = digits.format(value);
  return value > 0 && /^0(\.0*)?$/.test(text) ? least : text;
}

/**
 * A count in a label: commits (fractional with 1/k splits), churn lines, days, branches.
 * Whole, half-up, with thousands separators: 12029.5 → "12,030"; work that exists but rounds
 * to nothing reads "<1", never "0".
 */
export function count(value: number): string {
  return grouped(value, WHOLE, '<1');
}

/** The exact count, for tooltips: at most one decimal, separators: 12029.5 → "12,029.5"; 0.04 → "<0.1". */
export function exact(value: number): string {
  return grouped(value, ONE_DECIMAL, '<0.1');
}

export function bar(share: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.round(share * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** "today", "1 day ago", "12 days ago". */
export function ago(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const days = Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  if (days <= 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export function rangeLabel(range: { since: string | null; until: string | null; label?: string }): string {
  const since = range.since ? `since ${range.since.slice(0, 10)}` : 'all history';
  const dates = range.until ? `${since} until ${range.until.slice(0, 10)}` : since;
  return range.label ? `${printable(range.label)} (${dates})` : dates;
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Repository text made safe for a terminal: every control character (C0 with ESC, BEL, CR and
 * newline; DEL; C1 with the 8-bit CSI and OSC) and every bidi control and line separator becomes
 * '?', so a branch name or subject can neither recolor, retitle, link or rewrite the terminal nor
 * reorder what is shown around it.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, '?');
}

/**
 * "1 commit", "12,030 commits", "<1 commit": the number as `shown` prints it (`count`, or `exact` in
 * tooltips: "1,000.5 commits"), the word singular when that printed number is one.
 */
export function plural(n: number, word: string, shown: (value: number) => string = count): string {
  const text = shown(n);
  return `${text} ${word}${text === '1' || text === '<1' ? '' : 's'}`;
}

const SOURCE_LABELS: Partial<Record<string, string>> = { issue: 'issue key' };

/**
 * The coverage line (issue 13): "Attributed 82% of 1,204 commits: note 10%, trailer 31%, issue key
 * 29%, branch 12%" — each source with commits, in rule order, as a share of all commits in range.
 */
export function coverageLine(totals: AlignmentReport['totals']): string {
  const share = (n: number) => pct(totals.commits > 0 ? n / totals.commits : 0);
  const parts = ATTRIBUTION_SOURCES.filter((s) => s !== 'untagged' && totals.sources[s] > 0).map(
    (s) => `${SOURCE_LABELS[s] ?? s} ${share(totals.sources[s])}`,
  );
  const head = `Attributed ${share(totals.attributed)} of ${plural(totals.commits, 'commit')}`;
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
