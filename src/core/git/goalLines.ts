// Goal ids as written in trailers, notes and messages: `Goal: a` or `Goal: a, b`.

const GOAL_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** "a, B ,b" → ['a', 'b']: trimmed, lowercased, empties dropped, each id once. */
export function parseGoalValues(value: string): string[] {
  const ids = value
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0);
  return [...new Set(ids)];
}

/**
 * Ids from lines of exactly `<key>: <ids>` (key case-insensitive) anywhere in `text`. Only values
 * shaped like goal ids count, so prose such as "Goal: make checkout fast" is not read as a tag.
 */
export function goalLinesIn(text: string, key: string): string[] {
  const line = lineRegex(key);
  const ids: string[] = [];
  for (const match of text.matchAll(line)) {
    const values = parseGoalValues(match[1]);
    if (values.length > 0 && values.every((v) => GOAL_ID.test(v))) for (const v of values) ids.push(v);
  }
  return [...new Set(ids)];
}

const lineRegexes = new Map<string, RegExp>();

/** The `<key>: …` line pattern, compiled once per key (matchAll copies it, so sharing is safe). */
function lineRegex(key: string): RegExp {
  let regex = lineRegexes.get(key);
  if (!regex) {
    if (lineRegexes.size > 100) lineRegexes.clear();
    // Greedy and trimmed after: a lazy value followed by optional blanks backtracks quadratically
    // on a long line of spaces (seconds for one hostile commit message).
    lineRegexes.set(key, (regex = new RegExp(`^${escapeRegex(key)}:(.*)$`, 'gim')));
  }
  return regex;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
