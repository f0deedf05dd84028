// Glob patterns of `match.paths` / `match.branches`, compiled to anchored regular expressions:
// `**` (any number of segments), `*` and `?` (within a segment), `[abc]`, `[!abc]`, `{a,b}`.

export class GlobError extends Error {}

export function compileGlob(pattern: string): RegExp {
  if (pattern.length === 0) throw new GlobError('empty glob pattern');
  return new RegExp(`^${translate(pattern, 0, pattern.length)}$`);
}

export function globMatches(pattern: string, path: string): boolean {
  try {
    return compileGlob(pattern).test(path);
  } catch {
    return false;
  }
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
      if (p[i + 1] === '*') {
        const atStart = i === start || p[i - 1] === '/';
        const slashAfter = p[i + 2] === '/';
        if (atStart && slashAfter) {
          out += '(?:[^/]*(?:/|$))*'; // `**/`: zero or more whole segments
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (c === '?') {
      out += '[^/]';
      i += 1;
    } else if (c === '[') {
      const close = findClass(p, i, end);
      let body = p.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body.length === 0) throw new GlobError(`glob '${p}' has an empty [] class`);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`).replace(/\\\\(.)/g, '\\$1')}]`;
      i = close + 1;
    } else if (c === '{') {
      const close = findBrace(p, i, end);
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

function findClass(p: string, open: number, end: number): number {
  for (let i = open + 1; i < end; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']' && i > open + 1 + (p[open + 1] === '!' || p[open + 1] === '^' ? 1 : 0)) return i;
  }
  throw new GlobError(`glob '${p}' has an unclosed '[' at position ${open + 1}`);
}

function findBrace(p: string, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '[') i = findClass(p, i, end);
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
    else if (p[i] === '[') i = findClass(p, i, end);
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
