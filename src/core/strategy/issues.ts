// zod issues turned into one-line messages a person understands, placed on the offending node.
import type { z } from 'zod';
import type { Path, StrategySource } from './source';
import type { Diagnostic } from './types';

export function describeIssue(issue: z.core.$ZodIssue, value: unknown, source: StrategySource): Diagnostic {
  const path = issue.path as (string | number)[];
  const field = String(path[path.length - 1] ?? 'strategy.yaml');
  const where = owner(path, value);
  const actual = get(value, path);
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return source.diagnostic('error', `${where}is missing required '${field}'`, path.slice(0, -1));
      return source.diagnostic('error', `${where}'${field}' must be ${article(issue.expected)}, not ${kind(actual)}`, path);
    case 'invalid_format':
      return source.diagnostic('error', `${where}${formatMessage(field, actual)}`, path);
    case 'too_small':
    case 'too_big':
      return source.diagnostic('error', `${where}${rangeMessage(field, issue)}`, path);
    case 'invalid_value':
      return source.diagnostic('error', `${where}'${field}' must be ${issue.values.map((v) => String(v)).join(', ').replace(/, ([^,]*)$/, ' or $1')}, not ${JSON.stringify(actual)}`, path);
    case 'invalid_union':
      return source.diagnostic('error', `${where}'${field}' must be text or a number, not ${kind(actual)}`, path);
    default:
      return source.diagnostic('error', `${where}'${field}': ${issue.message}`, path);
  }
}

function formatMessage(field: string, actual: unknown): string {
  if (field === 'id') return `goal id '${String(actual)}' must be lowercase letters, digits and dashes, starting with a letter or digit, at most 63 long`;
  if (field === 'due') return `'due' must be a date YYYY-MM-DD, not '${String(actual)}'`;
  if (field === 'trailer') return `'trailer' must be a git trailer key (letters, digits and dashes), not '${String(actual)}'`;
  return `'${field}' has the wrong format: '${String(actual)}'`;
}

function rangeMessage(field: string, issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  if (field === 'title') return "'title' must not be empty";
  if (field === 'share') return "'share' must be a percentage between 0 and 100";
  if (issue.code === 'too_small') return `'${field}' must be at least ${String(issue.minimum)}`;
  return `'${field}' must be at most ${String(issue.maximum)}`;
}

/** "goal #2 (faster-checkout): " for paths inside a goal, "settings: " inside settings. */
export function owner(path: Path, value: unknown): string {
  if (path[0] === 'goals' && typeof path[1] === 'number' && path.length > 2) {
    const id = get(value, ['goals', path[1], 'id']);
    return `goal #${path[1] + 1}${typeof id === 'string' && id ? ` (${id})` : ''}: `;
  }
  if (path[0] === 'settings' && path.length > 1) return 'settings: ';
  return '';
}

export function get(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function kind(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text '${value}'`;
  return `${typeof value} ${String(value)}`;
}

function article(expected: string): string {
  const names: Record<string, string> = { string: 'text', number: 'a number', array: 'a list', object: 'a mapping', boolean: 'true or false', int: 'a whole number' };
  return names[expected] ?? expected;
}
