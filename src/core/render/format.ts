// Small number and text formatting shared by the text and Markdown renderers.
import type { AlignmentReport } from '../alignment/reportTypes';
import { ATTRIBUTION_SOURCES } from '../attribution/attribute';

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Commit counts are fractional (1/k splits): show at most one decimal. */
export function count(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
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

export function rangeLabel(range: { since: string | null; until: string | null }): string {
  const since = range.since ? `since ${range.since.slice(0, 10)}` : 'all history';
  return range.until ? `${since} until ${range.until.slice(0, 10)}` : since;
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

/** "1 commit", "2.5 commits". */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
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
  const head = `Attributed ${share(totals.attributed)} of ${totals.commits.toLocaleString('en-US')} commit${totals.commits === 1 ? '' : 's'}`;
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
