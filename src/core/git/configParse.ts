// One config file's entries as git 2.39 parses them (config.c: git_parse_source, get_base_var,
// get_extended_base_var, get_value, parse_value), for reading the branch goals without starting
// `git config --list` (configGoals.ts). Names come as `--list` prints them: the section and the key
// lower-cased, a quoted subsection as written. Anything git would reject, and a key before any
// section, is undefined: the caller asks git, which then says what is wrong.

/** `[name, value]`; value undefined for a key written without `=` (a boolean true). */
export type ConfigEntry = [name: string, value: string | undefined];

/** git's isspace (ctype.c): space, tab, newline, carriage return; not \v or \f. */
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isKeyChar = (c: string) => isAlpha(c) || (c >= '0' && c <= '9') || c === '-';

class Rejected extends Error {}

/** The entries of a config file's text in order, or undefined when git would not read it as such. */
export function parseConfig(text: string): ConfigEntry[] | undefined {
  if (text.includes('\0')) return undefined; // git's strings would end there
  let at = text.startsWith('\uFEFF') ? 1 : 0; // a UTF-8 byte order mark is skipped
  let eof = false;
  /** get_next_char: CR LF reads as LF, the end of the text as one more LF. */
  const next = (): string => {
    if (at >= text.length) {
      eof = true;
      return '\n';
    }
    const c = text[at++];
    if (c === '\r' && text[at] === '\n') {
      at++;
      return '\n';
    }
    return c;
  };
  const fail = (): never => {
    throw new Rejected();
  };

  /** parse_value: quotes, escapes, comments, inner whitespace as one space each, a trailing backslash joining lines. */
  const value = (): string => {
    let quote = false;
    let comment = false;
    let space = 0;
    let out = '';
    for (;;) {
      let c = next();
      if (c === '\n') return quote ? fail() : out;
      if (comment) continue;
      if (isSpace(c) && !quote) {
        if (out.length > 0) space++;
        continue;
      }
      if (!quote && (c === ';' || c === '#')) {
        comment = true;
        continue;
      }
      out += ' '.repeat(space);
      space = 0;
      if (c === '\\') {
        c = next();
        if (c === '\n') continue;
        if (c === 't') c = '\t';
        else if (c === 'b') c = '\b';
        else if (c === 'n') c = '\n';
        else if (c !== '\\' && c !== '"') fail();
        out += c;
        continue;
      }
      if (c === '"') {
        quote = !quote;
        continue;
      }
      out += c;
    }
  };

  /** get_base_var and get_extended_base_var: `[section]`, `[section.legacy]` (lower-cased) or `[section "subsection"]`. */
  const header = (): string => {
    let name = '';
    for (;;) {
      let c = next();
      if (eof) fail();
      if (c === ']') break;
      if (isSpace(c)) {
        do {
          if (c === '\n') fail();
          c = next();
        } while (isSpace(c));
        if (c !== '"') fail();
        name += '.';
        for (;;) {
          c = next();
          if (c === '\n') fail();
          if (c === '"') break;
          if (c === '\\') {
            c = next();
            if (c === '\n') fail();
          }
          name += c;
        }
        if (next() !== ']') fail();
        break;
      }
      if (!isKeyChar(c) && c !== '.') fail();
      name += c.toLowerCase();
    }
    return name.length > 0 ? `${name}.` : fail();
  };

  /** get_value: the key (its first letter already read), blanks, then `=` and a value, or the end of the line. */
  const entry = (first: string, section: string): ConfigEntry => {
    let name = section + first.toLowerCase();
    let c: string;
    for (;;) {
      c = next();
      if (eof || !isKeyChar(c)) break;
      name += c.toLowerCase();
    }
    while (c === ' ' || c === '\t') c = next();
    if (c === '\n') return [name, undefined];
    return c === '=' ? [name, value()] : fail();
  };

  const entries: ConfigEntry[] = [];
  let section: string | undefined;
  let comment = false;
  try {
    for (;;) {
      const c = next();
      if (c === '\n') {
        if (eof) return entries;
        comment = false;
        continue;
      }
      if (comment || isSpace(c)) continue;
      if (c === '#' || c === ';') comment = true;
      else if (c === '[') section = header();
      else if (!isAlpha(c) || section === undefined) return undefined;
      else entries.push(entry(c, section));
    }
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
}
