// The compact text of a target's (author, day) pairs in report parts (effortParts.ts writes it,
// reportParts.ts reads it): per author, `authorIndex:firstDay,+days,+days` with days counted from
// 1970-01-01 and each after the first as the days since the one before (git/git: 385 KB as
// `author:YYYY-MM-DD` tokens, 3x smaller so). The days measure's weights follow the same order.

export interface DayPair {
  author: number;
  /** Days since 1970-01-01. */
  day: number;
  /** The days measure's commit weight (else 0). */
  weight: number;
}

const DAY = 86_400_000;

export const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY;
export const dayText = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);

/** Module level, not inline: see listFilters.ts. */
const byAuthorThenDay = (a: DayPair, b: DayPair): number => a.author - b.author || a.day - b.day;

export function encodePairs(list: DayPair[]): { pairs: string; weights: string } {
  list.sort(byAuthorThenDay);
  const groups: string[] = [];
  for (let i = 0; i < list.length;) {
    const { author } = list[i];
    const days = [String(list[i].day)];
    for (i++; i < list.length && list[i].author === author; i++) days.push(String(list[i].day - list[i - 1].day));
    groups.push(`${author}:${days.join(',')}`);
  }
  return { pairs: groups.join(' '), weights: list.map((p) => p.weight).join(' ') };
}

/** The pairs of `encodePairs`, in its order, with the weights when given. */
export function decodePairs(pairs: string, weights: string | undefined): DayPair[] {
  const w = weights === undefined || weights === '' ? [] : weights.split(' ').map(Number);
  const out: DayPair[] = [];
  if (pairs === '') return out;
  for (const group of pairs.split(' ')) {
    const colon = group.indexOf(':');
    const author = Number(group.slice(0, colon));
    let day = 0;
    group
      .slice(colon + 1)
      .split(',')
      .forEach((d, i) => {
        day = i === 0 ? Number(d) : day + Number(d);
        out.push({ author, day, weight: w[out.length] ?? 0 });
      });
  }
  return out;
}
