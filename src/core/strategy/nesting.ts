// How deep the YAML collections of strategy.yaml nest, measured without recursion. The yaml package
// builds documents recursively and runs out of stack somewhere past ~900 levels, at a depth that
// depends on the host; a fixed limit gives one clear error instead, and stops reading early.
import { CST, type LineCounter, Lexer, Parser } from 'yaml';

/** strategy.yaml itself needs 5 levels (goals → goal → match → paths); unknown keys get room to spare. */
export const MAX_DEPTH = 64;

/**
 * The parser's tokens (what parseAllDocuments composes), or the offset of the first collection
 * nested deeper than MAX_DEPTH. Flow brackets are counted as they are read, so `[[[[…` fails fast
 * (at the bracket past MAX_DEPTH brackets) instead of being parsed whole; block nesting, bounded
 * by indentation, is measured on the tokens afterwards.
 */
export function tokenize(text: string, lines: LineCounter): { tokens: CST.Token[]; tooDeepAt?: number } {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  let flow = 0;
  let offset = 0;
  let scalarNext = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (!scalarNext) {
      const type = CST.tokenType(lexeme);
      if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
      else if (type === 'flow-map-end' || type === 'flow-seq-end') flow--;
      if (flow > MAX_DEPTH) return { tokens: [], tooDeepAt: offset };
    }
    scalarNext = lexeme === CST.SCALAR;
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
