// Glob patterns of `match.paths` / `match.branches`, compiled to anchored regular expressions over
// '/'-separated paths: `**` (any number of whole segments, including none), `*` and `?` (within one
// segment), `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`, `{a,b}` (nestable) and backslash escapes.

export class GlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobError';
  }
}

/** The pattern as an anchored RegExp; throws GlobError when the pattern is malformed. */
export function compileGlob(pattern: string): RegExp {
  if (pattern.length === 0) throw new GlobError('empty glob pattern');
  // `**/**/` means `**/`; kept apart, each pair doubles the regex's backtracking (16 of them took
  // minutes on a path of 30 segments, on every edit checked against the stop list).
  const collapsed = pattern.replace(/(^|\/)(?:\*\*\/)+/g, '$1**/');
  const source = `^${translate(collapsed, 0, collapsed.length)}$`;
  try {
    return new RegExp(source);
  } catch (error) {
    // Only a character class can still be wrong here, e.g. a range out of order: [z-a].
    throw new GlobError(`glob '${pattern}' is not valid: ${(error as Error).message.replace(/^.*: /, '')}`);
  }
}

const compiledGlobs = new Map<string, RegExp | null>();

/** compileGlob, remembered (bounded): null for a malformed pattern. For hot paths such as edits. */
export function cachedGlob(pattern: string): RegExp | null {
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

function translate(p: string, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 >= end) throw new GlobError(`glob '${p}' ends with a lone backslash`);
      out += escapeRegex(p[i + 1]);
      i += 2;
    } else if (c === '*') {
      let stars = 1;
      while (p[i + stars] === '*') stars++;
      const segmentStart = i === start || p[i - 1] === '/';
      const segmentEnd = i + stars === end || p[i + stars] === '/';
      if (stars >= 2 && segmentStart && p[i + stars] === '/') {
        out += '(?:[^/]*/)*'; // `**/`: zero or more whole segments
        i += stars + 1;
      } else if (stars >= 2 && segmentStart && segmentEnd) {
        out += '.*'; // a trailing `**`: everything below
        i += stars;
      } else {
        out += '[^/]*'; // `*`, or `**` inside a segment (which means the same)
        i += stars;
      }
    } else if (c === '?') {
      out += '[^/]';
      i += 1;
    } else if (c === '[') {
      const close = findClassEnd(p, i, end);
      out += translateClass(p, i + 1, close);
      i = close + 1;
    } else if (c === '{') {
      const close = findBraceEnd(p, i, end);
      const alternatives = splitAlternatives(p, i + 1, close).map(([s, e]) => translate(p, s, e));
      out += `(?:${alternatives.join('|')})`;
      i = close + 1;
    } else {
      out += escapeRegex(c);
      i += 1;
    }
  }
  return out;
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
