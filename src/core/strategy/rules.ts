// The rules of DESIGN §1 that a schema cannot express: ids, parents, globs, regexes, and the
// warnings that keep a strategy honest ("choose, don't balance").
import { compileGlob, GlobError } from '../glob';
import { closest } from './didYouMean';
import type { StrategyParsed } from './schema';
import type { StrategySource } from './source';
import type { Diagnostic } from './types';

type ParsedGoal = StrategyParsed['goals'][number];

export function checkRules(parsed: StrategyParsed, source: StrategySource, now: Date): Diagnostic[] {
  const out: Diagnostic[] = [];
  const goals = parsed.goals;
  const ids = new Map<string, number>();
  goals.forEach((goal, i) => {
    const first = ids.get(goal.id);
    if (first === undefined) ids.set(goal.id, i);
    else out.push(source.diagnostic('error', `duplicate goal id '${goal.id}' (goal #${first + 1} has it already)`, ['goals', i, 'id']));
  });

  goals.forEach((goal, i) => {
    if (goal.parent !== undefined && !ids.has(goal.parent)) {
      const hint = closest(goal.parent, [...ids.keys()]);
      out.push(source.diagnostic('error', `goal #${i + 1} (${goal.id}): parent '${goal.parent}' is not a goal in this file${hint ? ` (did you mean '${hint}'?)` : ''}`, ['goals', i, 'parent']));
    }
  });
  out.push(...parentCycles(goals, ids, source));

  goals.forEach((goal, i) => {
    for (const kind of ['paths', 'branches'] as const) {
      (goal.match?.[kind] ?? []).forEach((pattern, j) => {
        try {
          compileGlob(pattern);
        } catch (error) {
          if (!(error instanceof GlobError)) throw error;
          out.push(source.diagnostic('error', `goal #${i + 1} (${goal.id}): invalid glob in match.${kind}: ${error.message}`, ['goals', i, 'match', kind, j]));
        }
      });
    }
    if (goal.due !== undefined && !isRealDate(goal.due)) {
      out.push(source.diagnostic('error', `goal #${i + 1} (${goal.id}): 'due' ${goal.due} is not a calendar date`, ['goals', i, 'due']));
    }
  });

  const pattern = parsed.settings?.branchPattern;
  if (pattern !== undefined) {
    const problem = branchPatternProblem(pattern);
    if (problem) out.push(source.diagnostic('error', `settings: branchPattern ${problem}`, ['settings', 'branchPattern']));
  }

  out.push(...warnings(parsed, source, now));
  return out;
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
  return groups && 'goal' in groups ? undefined : 'needs a named group (?<goal>…) that captures the goal id';
}

function parentCycles(goals: readonly ParsedGoal[], ids: Map<string, number>, source: StrategySource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  goals.forEach((goal, i) => {
    const chain: string[] = [goal.id];
    let current = goal.parent;
    while (current !== undefined && ids.has(current) && !chain.includes(current)) {
      chain.push(current);
      current = goals[ids.get(current)!].parent;
    }
    if (current === goal.id && !reported.has(goal.id)) {
      chain.forEach((id) => reported.add(id));
      out.push(source.diagnostic('error', `parent cycle: ${[...chain, goal.id].join(' → ')}`, ['goals', i, 'parent']));
    }
  });
  return out;
}

function warnings(parsed: StrategyParsed, source: StrategySource, now: Date): Diagnostic[] {
  const out: Diagnostic[] = [];
  const goals = parsed.goals;
  const maxActive = parsed.settings?.maxActive ?? 3;
  const active = goals.map((g, i) => ({ g, i })).filter(({ g }) => g.status === 'active');
  if (active.length > maxActive) {
    const top = active.slice(0, maxActive).map(({ g }) => `'${g.id}'`).join(', ');
    out.push(source.diagnostic('warning', `${active.length} active goals, more than maxActive ${maxActive}: choose, don't balance. The top ${maxActive} are ${top}; pause or stop the rest`, ['goals', active[maxActive].i, 'id']));
  }
  const total = goals.reduce((sum, g) => sum + (g.share ?? 0), 0);
  if (total > 100) out.push(source.diagnostic('warning', `intended shares add up to ${total}%, more than 100%`, ['goals'], true));
  const titles = new Map<string, number>();
  const today = now.toISOString().slice(0, 10);
  goals.forEach((goal, i) => {
    if (goal.share !== undefined && goal.status !== 'active') {
      out.push(source.diagnostic('warning', `goal #${i + 1} (${goal.id}) is ${goal.status} but has a share of ${goal.share}%: shares are for active goals`, ['goals', i, 'share']));
    }
    const key = goal.title.trim().toLowerCase();
    const first = titles.get(key);
    if (first === undefined) titles.set(key, i);
    else out.push(source.diagnostic('warning', `goal #${i + 1} (${goal.id}) has the same title as goal #${first + 1}: '${goal.title}'`, ['goals', i, 'title']));
    if (goal.status === 'active' && goal.due !== undefined && isRealDate(goal.due) && goal.due < today) {
      out.push(source.diagnostic('warning', `goal #${i + 1} (${goal.id}) is active but was due ${goal.due}: mark it done, stopped, or move the date`, ['goals', i, 'due']));
    }
  });
  return out;
}

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
