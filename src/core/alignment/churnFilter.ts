// Which files count toward churn (lines added + deleted): every file but those `settings.churn.exclude`
// names. A pattern without '/' matches the file name in any folder (`*.lock`, `package-lock.json`);
// one with '/' matches the whole path from the repository root (`dist/**`, `web/**/generated/*`).
import { compileGlob, type Glob } from '../glob';
import { DEFAULT_CHURN_EXCLUDE } from '../strategy/schema';
import type { Strategy } from '../strategy/types';

export function churnExclude(strategy: Strategy): string[] {
  return strategy.settings.churn?.exclude ?? [...DEFAULT_CHURN_EXCLUDE];
}

/** `path` → whether its lines count; malformed patterns (validation reports them) exclude nothing. */
export function churnCounts(exclude: readonly string[]): (path: string) => boolean {
  const byName: Glob[] = [];
  const byPath: Glob[] = [];
  for (const pattern of exclude) {
    try {
      (pattern.includes('/') ? byPath : byName).push(compileGlob(pattern.replace(/^\//, '')));
    } catch {
      // reported by strategy validation
    }
  }
  return (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return !byName.some((r) => r.test(name)) && !byPath.some((r) => r.test(path));
  };
}
