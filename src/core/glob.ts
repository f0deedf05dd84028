// Glob patterns of `match.paths` / `match.branches` / `churn.exclude` over '/'-separated paths:
// `**` (any number of whole segments, including none), `*` and `?` (within one segment), `[abc]`,
// `[a-z]`, `[!abc]` / `[^abc]`, `{a,b}` (nestable) and backslash escapes. One walk over the syntax
// writes both the meaning as an anchored regex source and the automaton that matches.
import { GlobNfa } from './globNfa';

export class GlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobError';
  }
}

/** A compiled pattern: `source` is its meaning as an anchored regular expression (to read and to
 *  compare), `test` runs the same pattern as an automaton, without backtracking (see globNfa.ts). */
export interface Glob {
  readonly source: string;
  test(path: string): boolean;
}

/** The compiled pattern; throws GlobError when the pattern is malformed. */
export function compileGlob(pattern: string): Glob {
  if (pattern.length === 0) throw new GlobError('empty glob pattern');
  // `**/**/` means `**/`: one state loop instead of sixteen.
  const collapsed = pattern.replace(/(^|\/)(?:\*\*\/)+/g, '$1**/');
  const source = `^${translate(collapsed, 0, collapsed.length, REGEX)}$`;
  try {
    new RegExp(source); // validates the character classes
  } catch (error) {
    // Only a character class can still be wrong here, e.g. a range out of order: [z-a].
    throw new GlobError(`glob '${pattern}' is not valid: ${(error as Error).message.replace(/^.*: /, '')}`);
  }
  // As a regex, `*a*a*a*a*a*a*x` takes half a second on a 60-character name and doubles with
  // every star; the automaton is linear in the path (states × characters).
  const nfa = new GlobNfa();
  const entry = translate(collapsed, 0, collapsed.length, nfa)(nfa.accept);
  return { source, test: (path) => nfa.run(entry, path) };
}

const compiledGlobs = new Map<string, Glob | null>();

/** compileGlob, remembered (bounded): null for a malformed pattern. For hot paths such as edits. */
export function cachedGlob(pattern: string): Glob | null {
  let regex = compiledGlobs.get(pattern);
  if (regex === undefined) {
    try {
      regex = compileGlob(pattern);
    } catch {
      regex = null;
    }
    if (compiledGlobs.size > 5000) compiledGlobs.clear();
    compiledGlobs.set(pattern, regex);
  }
  return regex;
}

/** Whether `path` matches `pattern`; a malformed pattern matches nothing. */
export function globMatches(pattern: string, path: string): boolean {
  return cachedGlob(pattern)?.test(path) ?? false;
}

/** What a pattern is built of; one emitter writes a regex source, another an automaton. */
export interface GlobEmitter<T> {
  literal(c: string): T;
  /** Any run of characters within one segment (the regex `[^/]` repeated). */
  star(): T;
  /** `[^/]`: one character within a segment. */
  one(): T;
  /** Zero or more whole segments, each ending in '/'. */
  segments(): T;
  /** `.*`: everything below. */
  rest(): T;
  /** A character class as regex source, `[…]` (always excluding '/' when negated). */
  cls(source: string): T;
  alt(parts: T[]): T;
  seq(parts: T[]): T;
}

const REGEX: GlobEmitter<string> = {
  literal: (c) => escapeRegex(c),
  star: () => '[^/]*',
  one: () => '[^/]',
  segments: () => '(?:[^/]*/)*',
  rest: () => '.*',
  cls: (source) => source,
  alt: (parts) => `(?:${parts.join('|')})`,
  seq: (parts) => parts.join(''),
};

function translate<T>(p: string, start: number, end: number, emit: GlobEmitter<T>): T {
  const out: T[] = [];
  let i = start;
  while (i < end) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 >= end) throw new GlobError(`glob '${p}' ends with a lone backslash`);
      out.push(emit.literal(p[i + 1]));
      i += 2;
    } else if (c === '*') {
      let stars = 1;
      while (p[i + stars] === '*') stars++;
      const segmentStart = i === start || p[i - 1] === '/';
      const segmentEnd = i + stars === end || p[i + stars] === '/';
      if (stars >= 2 && segmentStart && p[i + stars] === '/') {
        out.push(emit.segments()); // `**/`: zero or more whole segments
        i += stars + 1;
      } else if (stars >= 2 && segmentStart && segmentEnd) {
        out.push(emit.rest()); // a trailing `**`: everything below
        i += stars;
      } else {
        out.push(emit.star()); // `*`, or `**` inside a segment (which means the same)
        i += stars;
      }
    } else if (c === '?') {
      out.push(emit.one());
      i += 1;
    } else if (c === '[') {
      const close = findClassEnd(p, i, end);
      out.push(emit.cls(translateClass(p, i + 1, close)));
      i = close + 1;
    } else if (c === '{') {
      const close = findBraceEnd(p, i, end);
      out.push(emit.alt(splitAlternatives(p, i + 1, close).map(([s, e]) => translate(p, s, e, emit))));
      i = close + 1;
    } else {
      out.push(emit.literal(c));
      i += 1;
    }
  }
  return emit.seq(out);
}

/** Index of the `]` closing the class opened at `open`; a `]` right after `[` or `[!` is literal. */
function findClassEnd(p: string, open: number, end: number): number {
  let i = open + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < end; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  throw new GlobError(`glob '${p}' has an unclosed '[' at position ${open + 1}`);
}

function translateClass(p: string, start: number, end: number): string {
  let i = start;
  const negate = p[i] === '!' || p[i] === '^';
  if (negate) i++;
  let body = '';
  for (; i < end; i++) {
    if (p[i] === '\\') {
      i++;
      body += /[\\\]^[-]/.test(p[i]) ? `\\${p[i]}` : p[i]; // an escaped character is literal
    } else {
      body += /[\\\]^[]/.test(p[i]) ? `\\${p[i]}` : p[i]; // `-` stays the range operator
    }
  }
  return negate ? `[^/${body}]` : `[${body}]`;
}

function findBraceEnd(p: string, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '[') i = findClassEnd(p, i, end);
    else if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  throw new GlobError(`glob '${p}' has an unclosed '{' at position ${open + 1}`);
}

function splitAlternatives(p: string, start: number, end: number): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '[') i = findClassEnd(p, i, end);
    else if (p[i] === '{') depth++;
    else if (p[i] === '}') depth--;
    else if (p[i] === ',' && depth === 0) {
      parts.push([from, i]);
      from = i + 1;
    }
  }
  parts.push([from, end]);
  return parts;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
