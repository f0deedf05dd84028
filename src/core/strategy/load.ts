// strategy.yaml → a validated Strategy plus line:column diagnostics. Never throws.
import { readFile, stat } from 'node:fs/promises';
import { decodeStrategy } from './encoding';
import { describeIssue, get } from './issues';
import { checkRules } from './rules';
import { goalSchema, type ParsedGoal, type ParsedSettings, settingsSchema, type StrategyParsed, strategySchema } from './schema';
import { MAX_BYTES, StrategySource, tooLarge } from './source';
import type { Diagnostic, LoadResult, Strategy } from './types';
import { unknownKeys } from './unknownKeys';
import { checkWarnings } from './warnings';

export interface LoadOptions {
  /** "Today" for the past-due warning (default: now). */
  now?: Date;
}

export function parseStrategy(text: string, options: LoadOptions = {}): LoadResult {
  try {
    return validate(text, options.now ?? new Date());
  } catch (error) {
    // A safety net: a bug here must show up as a diagnostic, not take the editor or the CLI down.
    return {
      diagnostics: [{ severity: 'error', message: `strategy.yaml could not be checked: ${(error as Error).message}`, line: 1, column: 1 }],
    };
  }
}

function validate(text: string, now: Date): LoadResult {
  const read = StrategySource.read(text);
  if (!read.source) return { diagnostics: sorted(read.diagnostics) };
  const { source, value } = read;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a single value`;
    return {
      diagnostics: [
        source.diagnostic('error', `strategy.yaml must be a mapping with version, goals and (optionally) settings, not ${what}`, []),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [...read.diagnostics, ...unknownKeys(value, source)];
  if (!('version' in value))
    diagnostics.push(source.diagnostic('warning', "no 'version': add 'version: 1' at the top (read as version 1)", []));

  const parsed = strategySchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) diagnostics.push(describeIssue(issue, value, source));

  // The rules run on every part that passed the schema, so all problems show at once.
  const rawGoals = get(value, ['goals']);
  const goalList: unknown[] = Array.isArray(rawGoals) ? rawGoals : [];
  const goals: (ParsedGoal | undefined)[] = parsed.success ? parsed.data.goals : goalList.map((g) => goalSchema.safeParse(g).data);
  const ids = goalList.map((g) => {
    const id = get(g, ['id']);
    return typeof id === 'string' ? id : undefined;
  });
  const settings: ParsedSettings | undefined = parsed.success
    ? (parsed.data.settings ?? settingsSchema.parse({}))
    : settingsSchema.safeParse(get(value, ['settings']) ?? {}).data;
  // Loops, not push(...list): a list of 150,000 problems overflows the call stack as arguments.
  for (const d of checkRules({ goals, ids, written: goalList, settings }, source)) diagnostics.push(d);
  for (const d of checkWarnings({ goals, maxActive: settings?.maxActive ?? 3, now }, source)) diagnostics.push(d);

  if (!parsed.success || diagnostics.some((d) => d.severity === 'error')) return { diagnostics: sorted(diagnostics) };
  return { strategy: toStrategy(parsed.data, source), diagnostics: sorted(diagnostics) };
}

function toStrategy(data: StrategyParsed, source: StrategySource): Strategy {
  // A number period (`period: 2026.10`) is kept as written, not as the number YAML reads.
  const period = typeof data.period === 'number' ? source.written(['period']) : data.period;
  return {
    version: 1,
    ...(period !== undefined ? { period } : {}),
    goals: data.goals.map((goal, i) => ({
      ...goal,
      rank: i + 1,
      match: { paths: goal.match?.paths ?? [], branches: goal.match?.branches ?? [], keywords: goal.match?.keywords ?? [] },
    })),
    settings: data.settings ?? settingsSchema.parse({}),
  };
}

/** Reads and validates a strategy file; `found` is false (and nothing else is said) when it does not exist. */
export async function loadStrategyFile(file: string, options: LoadOptions = {}): Promise<LoadResult & { found: boolean }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { found: true, diagnostics: [atStart(`${file} is a directory, not a file`)] };
    if (info.size > MAX_BYTES) return { found: true, diagnostics: [tooLarge(info.size)] };
    const decoded = decodeStrategy(await readFile(file));
    if ('problem' in decoded) return { found: true, diagnostics: [decoded.problem] };
    return { found: true, ...parseStrategy(decoded.text, options) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { found: false, diagnostics: [] };
    return { found: true, diagnostics: [atStart(`cannot read strategy.yaml: ${code ?? (error as Error).message}`)] };
  }
}

export function formatDiagnostic(d: Diagnostic, file = 'strategy.yaml'): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

function atStart(message: string): Diagnostic {
  return { severity: 'error', message, line: 1, column: 1 };
}

/** At most this many diagnostics are listed (as language servers cap Problems); one more line counts the rest. */
export const MAX_DIAGNOSTICS = 1000;

/** By position, the first MAX_DIAGNOSTICS of them, then one that says how many more there are. */
function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
  const rest = diagnostics.slice(MAX_DIAGNOSTICS);
  const errors = rest.filter((d) => d.severity === 'error').length;
  const [next] = rest;
  const counts = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    rest.length - errors ? `${rest.length - errors} warning${rest.length - errors === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const more: Diagnostic = {
    severity: errors ? 'error' : 'warning',
    message: `… and ${counts} more from here on; only the first ${MAX_DIAGNOSTICS} problems are listed`,
    line: next.line,
    column: next.column,
  };
  return [...diagnostics.slice(0, MAX_DIAGNOSTICS), more];
}
