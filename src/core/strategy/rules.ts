// The errors of DESIGN §1 that a schema cannot express: duplicate ids, unknown parents, parent
// cycles, globs and the branchPattern regex. They run on every goal that passed the schema, so one
// broken goal does not hide the problems of the others.
import { compileGlob } from '../glob';
import { closest } from './didYouMean';
import { issuesClaimedTwice } from './issueClaims';
import { exponentialRisk } from './regexRisk';
import type { ParsedGoal, ParsedSettings } from './schema';
import type { StrategySource } from './source';
import type { Diagnostic } from './types';

export interface CheckInput {
  /** Parsed goals by list position; undefined where the goal itself has schema errors. */
  goals: readonly (ParsedGoal | undefined)[];
  /** Every goal's id as written when it is text, even in goals with other errors. */
  ids: readonly (string | undefined)[];
  /** The goals as written (for the rules that must see goals with schema errors too). */
  written?: readonly unknown[];
  settings?: ParsedSettings;
}

export function checkRules(input: CheckInput, source: StrategySource): Diagnostic[] {
  return [
    ...duplicateIds(input.ids, source),
    ...unknownParents(input, source),
    ...parentCycles(input.goals, source),
    ...invalidGlobs(input.goals, source),
    ...issuesClaimedTwice(input.written ?? [], input.ids, source),
    ...branchPatternErrors(input.settings, source),
    ...churnGlobErrors(input.settings, source),
  ];
}

const MAX_PARENT_HINTS = 20;

const label = (i: number, id: string | undefined) => `goal #${i + 1}${id ? ` (${id})` : ''}`;

function duplicateIds(ids: readonly (string | undefined)[], source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else out.push(source.diagnostic('error', `duplicate goal id '${id}': goal #${earlier + 1} has it already`, ['goals', i, 'id']));
  });
  return out;
}

function unknownParents(input: CheckInput, source: StrategySource): Diagnostic[] {
  const known = new Set(input.ids.filter((id): id is string => id !== undefined));
  const candidates = [...known];
  const out: Diagnostic[] = [];
  input.goals.forEach((goal, i) => {
    if (goal?.parent === undefined || known.has(goal.parent)) return;
    // Hints for the first few only: thousands of unknown parents are no typo, and each hint reads every id.
    const hint = out.length < MAX_PARENT_HINTS ? closest(goal.parent, candidates) : undefined;
    const message = `${label(i, goal.id)}: parent '${goal.parent}' is not a goal in this file${hint ? `; did you mean '${hint}'?` : ''}`;
    out.push(source.diagnostic('error', message, ['goals', i, 'parent']));
  });
  return out;
}

/** Each cycle once, named from its first goal in the file and placed on that goal's parent. */
function parentCycles(goals: readonly (ParsedGoal | undefined)[], source: StrategySource): Diagnostic[] {
  const index = new Map<string, number>();
  goals.forEach((g, i) => {
    if (g && !index.has(g.id)) index.set(g.id, i);
  });
  const state = new Array<'open' | 'done' | undefined>(goals.length);
  const out: Diagnostic[] = [];
  goals.forEach((_, startAt) => {
    const path: number[] = [];
    let i: number | undefined = startAt;
    while (i !== undefined && state[i] === undefined) {
      state[i] = 'open';
      path.push(i);
      const parent: string | undefined = goals[i]?.parent;
      i = parent === undefined ? undefined : index.get(parent);
    }
    if (i !== undefined && state[i] === 'open') {
      const cycle = path.slice(path.indexOf(i));
      const first = Math.min(...cycle);
      const ordered = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first];
      out.push(source.diagnostic('error', `parent cycle: ${cycleText(ordered.map((n) => goals[n]!.id))}`, ['goals', first, 'parent']));
    }
    for (const n of path) state[n] = 'done';
  });
  return out;
}

/** `a → b → a`; a long cycle keeps its ends: `a → b → c → d → … → y → z → a (26 goals)`. */
function cycleText(ids: string[]): string {
  if (ids.length <= 9) return ids.join(' → ');
  return `${[...ids.slice(0, 4), '…', ...ids.slice(-3)].join(' → ')} (${ids.length - 1} goals)`;
}

function invalidGlobs(goals: readonly (ParsedGoal | undefined)[], source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  goals.forEach((goal, i) => {
    if (!goal?.match) return;
    for (const kind of ['paths', 'branches'] as const) {
      goal.match[kind].forEach((pattern, j) => {
        try {
          compileGlob(pattern);
        } catch (error) {
          out.push(
            source.diagnostic('error', `${label(i, goal.id)}: invalid glob in match.${kind}: ${(error as Error).message}`, [
              'goals',
              i,
              'match',
              kind,
              j,
            ]),
          );
        }
      });
    }
  });
  return out;
}

function churnGlobErrors(settings: ParsedSettings | undefined, source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  (settings?.churn?.exclude ?? []).forEach((pattern, j) => {
    try {
      compileGlob(pattern);
    } catch (error) {
      out.push(
        source.diagnostic('error', `settings: invalid glob in churn.exclude: ${(error as Error).message}`, [
          'settings',
          'churn',
          'exclude',
          j,
        ]),
      );
    }
  });
  return out;
}

function branchPatternErrors(settings: ParsedSettings | undefined, source: StrategySource): Diagnostic[] {
  const problem = settings ? branchPatternProblem(settings.branchPattern) : undefined;
  return problem ? [source.diagnostic('error', `settings: branchPattern ${problem}`, ['settings', 'branchPattern'])] : [];
}

/** Why a branchPattern cannot be used, or undefined when it can. */
export function branchPatternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`;
  }
  // An empty alternative makes exec('') match, which lists every named group of the pattern.
  const groups = new RegExp(`(?:${pattern})|`).exec('')?.groups;
  if (!groups || !('goal' in groups)) return 'needs a named group (?<goal>…) that captures the goal id';
  return exponentialRisk(pattern);
}
