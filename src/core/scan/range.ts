// The commit range of a scan: `--since 90d|12w|6mo|1y|all|DATE`, `--until DATE` (DESIGN §3).

export interface Range {
  since?: Date;
  until?: Date;
}

export const DEFAULT_SINCE = '90d';
const DAY = 86_400_000;
const UNITS: Record<string, number> = { d: 1, w: 7, mo: 30, m: 30, y: 365 };

export class RangeSpecError extends Error {}

/** Parses `--since`: a relative span counted back from `now`, `all`, or a date / ISO timestamp. */
export function parseSince(spec: string | undefined, now: Date): Date | undefined {
  const text = (spec ?? DEFAULT_SINCE).trim();
  if (text === 'all') return undefined;
  const relative = /^(\d+)\s*(d|w|mo|m|y)$/i.exec(text);
  if (relative) return new Date(Math.floor(now.getTime() / DAY) * DAY - Number(relative[1]) * UNITS[relative[2].toLowerCase()] * DAY);
  return parseDate(text, 'since', false);
}

/** Parses `--until`: a date (inclusive: the end of that day, UTC) or an ISO timestamp. */
export function parseUntil(spec: string | undefined): Date | undefined {
  return spec === undefined ? undefined : parseDate(spec.trim(), 'until', true);
}

function parseDate(text: string, what: string, endOfDay: boolean): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = new Date(dateOnly ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new RangeSpecError(
      `--${what} '${text}' is not a date (YYYY-MM-DD)${what === 'since' ? ', a span like 90d, 12w, 6mo, 1y, all,' : ''} or a period (2026-Q3, 2026-07, 2026, this-quarter, last-quarter)`,
    );
  }
  return date;
}
