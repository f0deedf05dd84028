// Warnings for keys strategy.yaml does not know, at every level, each with the closest known key.
// The known keys come from the zod object shapes, so the two lists cannot drift apart.
import { closest } from './didYouMean';
import { get } from './issues';
import { KNOWN_KEYS } from './schema';
import type { Path, StrategySource } from './source';
import type { Diagnostic } from './types';

export function unknownKeys(value: object, source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (object: unknown, path: Path, known: readonly string[], where: string) => {
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return;
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const hint = closest(key, known);
      const message = `unknown key '${key}'${where}${hint ? `: did you mean '${hint}'?` : ''} (ignored)`;
      out.push(source.diagnostic('warning', message, [...path, key], true));
    }
  };
  check(value, [], KNOWN_KEYS.top, '');
  const goals = get(value, ['goals']);
  if (Array.isArray(goals)) {
    goals.forEach((goal, i) => {
      const id = get(goal, ['id']);
      const name = ` in goal #${i + 1}${typeof id === 'string' && id ? ` (${id})` : ''}`;
      check(goal, ['goals', i], KNOWN_KEYS.goal, name);
      check(get(goal, ['match']), ['goals', i, 'match'], KNOWN_KEYS.match, `${name} match`);
    });
  }
  check(get(value, ['settings']), ['settings'], KNOWN_KEYS.settings, ' in settings');
  check(get(value, ['settings', 'untagged']), ['settings', 'untagged'], KNOWN_KEYS.untagged, ' in settings.untagged');
  return out;
}
