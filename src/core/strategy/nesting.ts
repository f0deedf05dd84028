// How deep the YAML collections of strategy.yaml nest, measured without recursion. The yaml package
// builds documents recursively and runs out of stack somewhere past ~900 levels, at a depth that
// depends on the host; a fixed limit gives one clear error instead, and stops reading early.
import { CST, Lexer, Parser } from 'yaml';

/** Tokens that open no level at the start of a line. */
const ZERO_WIDTH = new Set(['comment', 'flow-error-end', 'doc-mode', 'byte-order-mark']);

/** strategy.yaml itself needs 5 levels (goals → goal → match → paths); unknown keys get room to spare. */
export const MAX_DEPTH = 64;

/**
 * The parser's tokens (what parseAllDocuments composes), or the offset of the first collection
 * nested deeper than MAX_DEPTH. Flow brackets and block indentation levels are counted as they are
 * read, so `[[[[…` or `- - - -…` fail fast (at the bracket or item past MAX_DEPTH) instead of being
 * parsed whole, or overflowing the parser's own recursion; the exact depth is measured on the
 * tokens afterwards.
 */
export function tokenize(text: string): { tokens: CST.Token[]; tooDeepAt?: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let flow = 0;
  let offset = 0;
  let scalarNext = false;
  // Block levels: the columns where lines (or compact `- - -` items) start, innermost last.
  const levels: number[] = [];
  let column = 0;
  let lineStart = true;
  let blockScalar = false;
  for (const lexeme of new Lexer().lex(text)) {
    const content = scalarNext; // the text of a scalar, after the lexer's SCALAR mark
    scalarNext = lexeme === CST.SCALAR;
    const type = content ? 'scalar' : CST.tokenType(lexeme);
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flow--;
    else if (type === 'flow-error-end') flow = 0; // the lexer gave up on the open brackets
    if (type === 'block-scalar-header') blockScalar = true;
    if (content && blockScalar) {
      // A block scalar's lines are text, not levels; they end with the line break of the last one.
      blockScalar = false;
      if (lexeme.endsWith('\n')) [lineStart, column] = [true, 0];
    } else if (type === 'newline') [lineStart, column] = [true, 0];
    else if (lineStart && type === 'space') column += lexeme.length;
    else if (lineStart && lexeme !== CST.SCALAR && !ZERO_WIDTH.has(type ?? '')) {
      while (levels.length > 0 && levels[levels.length - 1] >= column) levels.pop();
      levels.push(column);
      if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') column += lexeme.length;
      else lineStart = false;
    }
    if (flow > MAX_DEPTH || levels.length > MAX_DEPTH) return { tokens: [], tooDeepAt: offset };
    for (const token of parser.next(lexeme)) tokens.push(token);
    offset = parser.offset;
  }
  for (const token of parser.end()) tokens.push(token);
  const tooDeepAt = firstTooDeep(tokens);
  return tooDeepAt === undefined ? { tokens } : { tokens: [], tooDeepAt };
}

/** The offset of the first collection nested deeper than `max` levels, if any. */
function firstTooDeep(tokens: readonly CST.Token[], max = MAX_DEPTH): number | undefined {
  let first: number | undefined;
  const pending: Array<[CST.Token, number]> = tokens.map((token) => [token, 1]);
  while (pending.length > 0) {
    const [token, depth] = pending.pop()!;
    if (token.type === 'document') {
      if (token.value) pending.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth > max) {
        if (first === undefined || token.offset < first) first = token.offset;
        continue;
      }
      for (const item of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
        if (item.key) pending.push([item.key, depth + 1]);
        if (item.value) pending.push([item.value, depth + 1]);
      }
    }
  }
  return first;
}
