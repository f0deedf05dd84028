// strategy.yaml → a validated Strategy plus line:column diagnostics. Never throws.
import { readFile } from 'node:fs/promises';
import { closest } from './didYouMean';
import { describeIssue, get } from './issues';
import { checkRules } from './rules';
import { KNOWN_KEYS, settingsSchema, strategySchema } from './schema';
import { type Path, StrategySource } from './source';
import type { Diagnostic, LoadResult, Strategy } from './types';

export interface LoadOptions {
  /** "Today" for the past-due warning (default: now). */
  now?: Date;
}

export function parseStrategy(text: string, options: LoadOptions = {}): LoadResult {
  const read = StrategySource.read(text);
  if (!read.source) return { diagnostics: sorted(read.diagnostics) };
  const { source, value } = read;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostics: [source.diagnostic('error', 'strategy.yaml must be a mapping with version, goals and (optionally) settings', [])] };
  }
  const diagnostics: Diagnostic[] = [...unknownKeys(value, source)];
  if (!('version' in value)) diagnostics.push({ severity: 'warning', message: "add 'version: 1' at the top (read as version 1)", line: 1, column: 1 });

  const parsed = strategySchema.safeParse(value);
  if (!parsed.success) {
    diagnostics.push(...parsed.error.issues.map((issue) => describeIssue(issue, value, source)));
    return { diagnostics: sorted(diagnostics) };
  }
  diagnostics.push(...checkRules(parsed.data, source, options.now ?? new Date()));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics: sorted(diagnostics) };

  const data = parsed.data;
  const strategy: Strategy = {
    version: 1,
    ...(data.period !== undefined ? { period: String(data.period) } : {}),
    goals: data.goals.map((goal, i) => ({
      ...goal,
      rank: i + 1,
      match: { paths: goal.match?.paths ?? [], branches: goal.match?.branches ?? [], keywords: goal.match?.keywords ?? [] },
    })),
    settings: data.settings ?? settingsSchema.parse({}),
  };
  return { strategy, diagnostics: sorted(diagnostics) };
}

export async function loadStrategyFile(file: string, options: LoadOptions = {}): Promise<LoadResult & { found: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { found: false, diagnostics: [] };
    return { found: true, diagnostics: [{ severity: 'error', message: `cannot read strategy.yaml: ${code ?? (error as Error).message}`, line: 1, column: 1 }] };
  }
  return { found: true, ...parseStrategy(text, options) };
}

export function formatDiagnostic(d: Diagnostic, file = 'strategy.yaml'): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** Unknown keys at every level, each with the closest known key. */
function unknownKeys(value: object, source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (object: unknown, path: Path, known: readonly string[], where: string) => {
    if (object === null || typeof object !== 'object' || Array.isArray(object)) return;
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const hint = closest(key, known);
      out.push(source.diagnostic('warning', `unknown key '${key}'${where}${hint ? `: did you mean '${hint}'?` : ''} (ignored)`, [...path, key], true));
    }
  };
  check(value, [], KNOWN_KEYS.top, '');
  const goals = get(value, ['goals']);
  if (Array.isArray(goals)) {
    goals.forEach((goal, i) => {
      check(goal, ['goals', i], KNOWN_KEYS.goal, ` in goal #${i + 1}`);
      check(get(goal, ['match']), ['goals', i, 'match'], KNOWN_KEYS.match, ` in goal #${i + 1} match`);
    });
  }
  check(get(value, ['settings']), ['settings'], KNOWN_KEYS.settings, ' in settings');
  check(get(value, ['settings', 'untagged']), ['settings', 'untagged'], KNOWN_KEYS.untagged, ' in settings.untagged');
  return out;
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}
