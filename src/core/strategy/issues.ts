// zod issues turned into one-line messages a person understands, placed on the offending node.
import type { z } from 'zod';
import { issuePatternProblem } from '../issueKeys';
import type { Path, StrategySource } from './source';
import type { Diagnostic } from './types';

export function describeIssue(issue: z.core.$ZodIssue, value: unknown, source: StrategySource): Diagnostic {
  const path = issue.path as (string | number)[];
  const actual = get(value, path);
  const { prefix, field } = split(path, value);
  const error = (message: string, at: Path = path) => source.diagnostic('error', message, at);
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return error(`${owner(path.slice(0, -1), value)} is missing '${field}' (required)`, path.slice(0, -1));
      if (actual === null && /^issues\[\d+\]$/.test(field))
        return error(`${prefix}'${field}' is empty: quote a number key ("#88"), a bare # starts a YAML comment`);
      if (path.length === 2 && path[0] === 'goals')
        return error(`${owner(path, value)} must be a mapping with at least id and title, not ${kind(actual)}`);
      return error(`${prefix}'${field}' must be ${field === 'due' ? 'a date YYYY-MM-DD' : expected(issue.expected)}, not ${kind(actual)}`);
    case 'invalid_format':
      return error(`${prefix}${formatMessage(field, actual)}`);
    case 'too_small':
    case 'too_big':
      return error(`${prefix}${rangeMessage(field, issue)}`);
    case 'invalid_value':
      return error(
        `${prefix}'${field}' must be ${issue.values
          .map((v) => String(v))
          .join(', ')
          .replace(/, ([^,]*)$/, ' or $1')}, not ${kind(actual)}`,
      );
    case 'invalid_union':
      return error(`${prefix}'${field}' must be text or a number, not ${kind(actual)}`);
    default:
      return error(`${prefix}'${field}': ${issue.message}`);
  }
}

function formatMessage(field: string, actual: unknown): string {
  if (field === 'id')
    return `goal id '${String(actual)}' must match ^[a-z0-9][a-z0-9-]{0,62}$ (lowercase letters, digits and dashes, at most 63)`;
  if (field === 'due') return `'due' must be a calendar date YYYY-MM-DD, not '${String(actual)}'`;
  if (/^issues\[\d+\]$/.test(field)) return issuePatternProblem(String(actual)) ?? `'${field}' has the wrong format`;
  if (field === 'trailer') return `'trailer' must be a git trailer key (letters, digits and dashes), not '${String(actual)}'`;
  return `'${field}' has the wrong format: '${String(actual)}'`;
}

function rangeMessage(field: string, issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  if (field === 'title') return "'title' must not be empty";
  if (field === 'share') return "'share' must be a percentage between 0 and 100";
  if (issue.origin === 'string') return `'${field}' must not be empty`;
  if (issue.code === 'too_small') return `'${field}' must be at least ${String(issue.minimum)}`;
  return `'${field}' must be at most ${String(issue.maximum)}`;
}

/** Who a path belongs to, for the start of a message: "goal #2 (faster-checkout)", "settings.untagged". */
export function owner(path: Path, value: unknown): string {
  if (path[0] === 'goals' && typeof path[1] === 'number') {
    const id = get(value, ['goals', path[1], 'id']);
    return `goal #${path[1] + 1}${typeof id === 'string' && id ? ` (${id})` : ''}${render(path.slice(2), '.')}`;
  }
  return path.length === 0 ? 'strategy.yaml' : render(path, '');
}

/** "goal #1 (a): " + "match.paths[0]" for a path inside a goal; "settings: " + "maxActive" in settings. */
function split(path: Path, value: unknown): { prefix: string; field: string } {
  if (path[0] === 'goals' && typeof path[1] === 'number' && path.length > 2) {
    return { prefix: `${owner(path.slice(0, 2), value)}: `, field: render(path.slice(2), '') };
  }
  if (path[0] === 'settings' && path.length > 1) return { prefix: 'settings: ', field: render(path.slice(1), '') };
  return { prefix: '', field: render(path, '') || 'strategy.yaml' };
}

function render(path: Path, lead: string): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? lead : '.'}${s}`)).join('');
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
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // .nan, .inf, 1e999
  return `${typeof value} ${String(value)}`;
}

function expected(name: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    array: 'a list',
    object: 'a mapping',
    boolean: 'true or false',
    int: 'a whole number',
  };
  return names[name] ?? name;
}
