// Calendar periods in `--since` / `--until` (issue 15): `2026-Q3`, `2026-07`, `2026`, `this-quarter`,
// `last-quarter`, all in UTC. A period in `--since` alone is that period; with `--until` it starts
// the range and `--until` ends it (a period there ends it at the period's end). And the previous
// period `--compare previous` sets the range beside.
import { parseSince, parseUntil, RangeSpecError } from './range';

export type PeriodKind = 'quarter' | 'month' | 'year';

export interface Period {
  kind: PeriodKind;
  /** The first millisecond and the last (inclusive), UTC. */
  start: Date;
  end: Date;
  label: string;
}

/** A report's range: dates, and the period's label when it was given as one. */
export interface ResolvedRange {
  since?: Date;
  until?: Date;
  label?: string;
  /** The one calendar period the range is, if it is one (its previous period is the one before it). */
  period?: Period;
}

const MONTHS: Record<PeriodKind, number> = { quarter: 3, month: 1, year: 12 };

/** The period starting in `year`, month `month0` (0-based, may run past 11 or below 0), of `kind`. */
function period(kind: PeriodKind, year: number, month0: number): Period {
  const start = new Date(Date.UTC(year, month0, 1));
  const next = new Date(Date.UTC(year, month0 + MONTHS[kind], 1));
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const label = kind === 'year' ? String(y) : kind === 'quarter' ? `${y}-Q${m / 3 + 1}` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { kind, start, end: new Date(next.getTime() - 1), label };
}

/** The period of the same kind right before `p`. */
export function periodBefore(p: Period): Period {
  return period(p.kind, p.start.getUTCFullYear(), p.start.getUTCMonth() - MONTHS[p.kind]);
}

/** `text` as a period, undefined when it is not written as one; a period that does not exist (2026-Q5) is an error. */
export function parsePeriod(text: string, now: Date, what = 'since'): Period | undefined {
  const spec = text.trim().toLowerCase();
  if (spec === 'this-quarter' || spec === 'last-quarter') {
    const current = period('quarter', now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3);
    return spec === 'this-quarter' ? current : periodBefore(current);
  }
  const quarter = /^(\d{4})-q(\d+)$/.exec(spec);
  if (quarter) {
    const q = Number(quarter[2]);
    if (q < 1 || q > 4) throw new RangeSpecError(`--${what} '${text.trim()}' is not a quarter: quarters are Q1 to Q4 (e.g. 2026-Q3)`);
    return period('quarter', Number(quarter[1]), (q - 1) * 3);
  }
  const month = /^(\d{4})-(\d{2})$/.exec(spec);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) throw new RangeSpecError(`--${what} '${text.trim()}' is not a month: months are 01 to 12 (e.g. 2026-07)`);
    return period('month', Number(month[1]), m - 1);
  }
  const year = /^(\d{4})$/.exec(spec);
  return year ? period('year', Number(year[1]), 0) : undefined;
}

/** `--since` and `--until` as dates, periods resolved (see the top of this file). */
export function resolveRange(sinceSpec: string | undefined, untilSpec: string | undefined, now: Date): ResolvedRange {
  const from = sinceSpec === undefined ? undefined : parsePeriod(sinceSpec, now, 'since');
  const to = untilSpec === undefined ? undefined : parsePeriod(untilSpec, now, 'until');
  const since = from ? from.start : parseSince(sinceSpec, now);
  const until = to ? to.end : untilSpec !== undefined ? parseUntil(untilSpec) : from?.end;
  if ((from || to) && since && until && until < since) {
    throw new RangeSpecError(`--until '${untilSpec?.trim()}' ends before --since '${sinceSpec?.trim()}' starts`);
  }
  const single = from && (!to || to.label === from.label) && (untilSpec === undefined || to) ? from : undefined;
  const label = single ? single.label : from && to ? `${from.label} to ${to.label}` : undefined;
  return { since, until, ...(label ? { label } : {}), ...(single ? { period: single } : {}) };
}

/**
 * The range `--compare previous` sets beside `range`: the calendar period before it when the range
 * is one period (2026-Q3 → 2026-Q2), else the same length right before it (an open end counts to
 * `now`). All history has no previous period: an error.
 */
export function previousRange(range: ResolvedRange, now: Date): ResolvedRange {
  if (range.period) {
    const before = periodBefore(range.period);
    return { since: before.start, until: before.end, label: before.label, period: before };
  }
  if (!range.since) throw new RangeSpecError('--compare previous needs a range with a start: all history has no previous period');
  const end = range.until ? range.until.getTime() + 1 : now.getTime();
  const length = Math.max(0, end - range.since.getTime());
  return { since: new Date(range.since.getTime() - length), until: new Date(range.since.getTime() - 1) };
}
