// Weekly effort buckets (DESIGN §4 `weeks`): ISO weeks starting Monday, by the author's local date.

export interface WeekBucket {
  start: string;
  goals: Map<string, number>;
  untagged: number;
  unknown: number;
  /** `unknown` by goal id (report parts keep it: another strategy may know the goal). */
  unknownGoals?: Map<string, number>;
}

/** `YYYY-MM-DD` of the Monday of the week holding `day` (`YYYY-MM-DD`). */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A week's amounts by goal in a fixed order: the ids in `order` first (the strategy's rank), then the rest by
 * id. The buckets fill in history order, which a warm scan visits differently from a cold one: without
 * this the same report would print its keys in another order after a cache refresh.
 */
export function inOrder(amounts: Iterable<[string, number]>, order: readonly string[] = []): [string, number][] {
  const rank = new Map(order.map((id, i) => [id, i]));
  const at = (id: string) => rank.get(id) ?? order.length;
  return [...amounts].sort(([a], [b]) => at(a) - at(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export class WeekSeries {
  private readonly buckets = new Map<string, WeekBucket>();
  /** day → its week's start: a scan adds many commits per day. */
  private readonly starts = new Map<string, string>();

  add(day: string, target: { goal?: string; unknown?: boolean }, amount: number): void {
    let start = this.starts.get(day);
    if (start === undefined) this.starts.set(day, (start = weekStart(day)));
    let bucket = this.buckets.get(start);
    if (!bucket) this.buckets.set(start, (bucket = { start, goals: new Map(), untagged: 0, unknown: 0 }));
    if (target.goal !== undefined && !target.unknown) bucket.goals.set(target.goal, (bucket.goals.get(target.goal) ?? 0) + amount);
    else if (target.unknown) {
      bucket.unknown += amount;
      const byGoal = (bucket.unknownGoals ??= new Map());
      byGoal.set(target.goal!, (byGoal.get(target.goal!) ?? 0) + amount);
    } else bucket.untagged += amount;
  }

  /** The weeks that got effort (no gap filled), in no order. */
  actual(): IterableIterator<WeekBucket> {
    return this.buckets.values();
  }

  /** The same weeks without the day → week memo (what a saved report keeps). */
  withoutMemo(): WeekSeries {
    const copy = new WeekSeries();
    for (const [start, bucket] of this.buckets) copy.buckets.set(start, bucket);
    return copy;
  }

  /** Every week from the first to the last with data, gaps filled with empty weeks. */
  toArray(): WeekBucket[] {
    const starts = [...this.buckets.keys()].sort();
    if (starts.length === 0) return [];
    const out: WeekBucket[] = [];
    for (let t = Date.parse(`${starts[0]}T00:00:00Z`); t <= Date.parse(`${starts[starts.length - 1]}T00:00:00Z`); t += 7 * 86_400_000) {
      const start = new Date(t).toISOString().slice(0, 10);
      out.push(this.buckets.get(start) ?? { start, goals: new Map(), untagged: 0, unknown: 0 });
    }
    return out;
  }
}
