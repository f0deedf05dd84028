// The warnings of DESIGN §1 that keep a strategy honest ("choose, don't balance"). They never
// block loading: the strategy stays usable.
import type { ParsedGoal } from './schema';
import type { StrategySource } from './source';
import type { Diagnostic } from './types';

export interface WarningInput {
  /** Parsed goals by list position; undefined where the goal has schema errors. */
  goals: readonly (ParsedGoal | undefined)[];
  maxActive: number;
  now: Date;
}

export function checkWarnings(input: WarningInput, source: StrategySource): Diagnostic[] {
  const complete = input.goals.every((g) => g !== undefined);
  return [
    // Totals over the list only mean something when every goal could be read.
    ...(complete ? tooManyActive(input.goals as ParsedGoal[], input.maxActive, source) : []),
    ...(complete ? sharesOver100(input.goals as ParsedGoal[], source) : []),
    ...perGoal(input.goals, input.now, source),
  ];
}

function tooManyActive(goals: readonly ParsedGoal[], maxActive: number, source: StrategySource): Diagnostic[] {
  const active = goals.map((goal, i) => ({ goal, i })).filter(({ goal }) => goal.status === 'active');
  if (active.length <= maxActive) return [];
  const top = active
    .slice(0, maxActive)
    .map(({ goal }) => `'${goal.id}'`)
    .join(', ');
  const rest = active
    .slice(maxActive)
    .map(({ goal }) => `'${goal.id}'`)
    .join(', ');
  const message = `${active.length} active goals, more than maxActive ${maxActive}: focus on ${top}; pause or stop ${rest}`;
  return [source.diagnostic('warning', message, ['goals', active[maxActive].i])];
}

function sharesOver100(goals: readonly ParsedGoal[], source: StrategySource): Diagnostic[] {
  const total = goals.reduce((sum, g) => sum + (g.share ?? 0), 0);
  if (total <= 100) return [];
  const parts = goals
    .filter((g) => g.share !== undefined)
    .map((g) => `${g.id} ${g.share}`)
    .join(', ');
  return [source.diagnostic('warning', `intended shares add up to ${round(total)}%, more than 100% (${parts})`, ['goals'], true)];
}

function perGoal(goals: readonly (ParsedGoal | undefined)[], now: Date, source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const titles = new Map<string, number>();
  const today = localDate(now);
  goals.forEach((goal, i) => {
    if (!goal) return;
    const name = `goal #${i + 1} (${goal.id})`;
    if (goal.share !== undefined && goal.status !== 'active') {
      out.push(
        source.diagnostic('warning', `${name} is ${goal.status} but has a share of ${goal.share}%: shares are for active goals`, [
          'goals',
          i,
          'share',
        ]),
      );
    }
    const title = goal.title.trim().toLowerCase();
    const first = titles.get(title);
    if (first === undefined) titles.set(title, i);
    else
      out.push(
        source.diagnostic('warning', `${name} has the same title as goal #${first + 1} (${goals[first]!.id}): '${goal.title}'`, [
          'goals',
          i,
          'title',
        ]),
      );
    if (goal.status === 'active' && goal.due !== undefined && goal.due < today) {
      out.push(
        source.diagnostic('warning', `${name} is active but was due ${goal.due}: mark it done or stopped, or move the date`, [
          'goals',
          i,
          'due',
        ]),
      );
    }
  });
  return out;
}

/** YYYY-MM-DD of `now` in local time: "past due" is about the user's calendar day. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
