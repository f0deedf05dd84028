// Reading strategy.yaml with the `yaml` package while keeping where every node came from, so
// each diagnostic carries a 1-based line:column.
import {
  Composer,
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  visit,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import { nulProblem } from './encoding';
import { MAX_DEPTH, tokenize } from './nesting';
import type { Diagnostic, Severity } from './types';

export type Path = readonly (string | number)[];

export const MAX_BYTES = 1024 * 1024;
/** The yaml package's own guard against alias bombs ("billion laughs"), set explicitly. */
export const MAX_ALIASES = 100;

type Position = Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>;

export class StrategySource {
  private constructor(
    private readonly text: string,
    private readonly doc: Document,
    private readonly lines: Lines,
  ) {}

  /** The YAML document and its value, or the diagnostics that prevent reading it. */
  static read(text: string): { source?: StrategySource; value?: unknown; diagnostics: Diagnostic[] } {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_BYTES) return { diagnostics: [tooLarge(bytes)] };
    // A byte order mark is not content: editors hide it, so columns on line 1 must not count it.
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    // YAML reads CRLF, CR and LF as one line break, but the yaml package does not: a lone CR does
    // not end its line, and a broken file parses differently with CRLF than with LF (another error,
    // another line). Read as LF: line numbers stay, and so do columns (a CR only ever ends a line).
    text = text.replace(/\r\n?/g, '\n');
    const nul = nulProblem(text);
    if (nul) return { diagnostics: [nul] };
    const lines = new Lines(text);
    // parseAllDocuments in two steps, to measure the nesting before the recursive composer runs.
    const { tokens, tooDeepAt } = tokenize(text);
    if (tooDeepAt !== undefined) {
      const at = lines.pos(tooDeepAt);
      return {
        diagnostics: [
          diag('error', `YAML: values nested more than ${MAX_DEPTH} levels deep; strategy.yaml needs 5 at most`, at.line, at.col),
        ],
      };
    }
    // Duplicate keys are found here in linear time: the composer's own check compares each key with
    // every key before it (13 s for a mapping of 40,000 keys).
    const docs = [...new Composer({ uniqueKeys: false, logLevel: 'silent' }).compose(tokens)];
    const diagnostics: Diagnostic[] = [];
    for (const doc of docs) {
      for (const d of duplicateKeys(doc, lines)) diagnostics.push(d);
      for (const error of doc.errors) diagnostics.push(yamlProblem('error', error, lines));
      for (const warning of doc.warnings) diagnostics.push(yamlProblem('warning', warning, lines));
    }
    if (docs.length > 1) {
      const pos = lines.pos(docs[1].range[0]);
      diagnostics.push(diag('error', 'strategy.yaml must hold one YAML document; remove the second one (after ---)', pos.line, pos.col));
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
    const doc = docs[0];
    if (!doc || doc.contents === null) {
      return { diagnostics: [diag('error', 'strategy.yaml is empty: it needs at least "version: 1" and a list of goals', 1, 1)] };
    }
    const source = new StrategySource(text, doc, lines);
    const tooMany = source.aliasBeyondLimit();
    if (tooMany) return { diagnostics: [...diagnostics, tooMany] };
    try {
      return { source, value: doc.toJS({ maxAliasCount: MAX_ALIASES }), diagnostics };
    } catch (error) {
      // toJS throws for alias bombs (resource exhaustion) and aliases it cannot resolve.
      return { diagnostics: [...diagnostics, source.aliasProblem((error as Error).message)] };
    }
  }

  /** Where the node at `path` is (its key when `key` is set); the nearest existing ancestor otherwise. */
  locate(path: Path, key = false): Position {
    return this.position(this.rangeOf(path, key));
  }

  /** The text of the node at `path` as written in the file (e.g. `2026.10`, not the number 2026.1). */
  written(path: Path): string {
    const [start, end] = this.rangeOf(path, false);
    return this.text.slice(start, end).trim();
  }

  private rangeOf(path: Path, key: boolean): readonly number[] {
    let node: Node | null = this.doc.contents as Node | null;
    let located: Node | null = node;
    for (let i = 0; i < path.length && node; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = this.pairOf(node, String(segment));
        if (!pair) break;
        const last = i === path.length - 1;
        node = (last && key ? pair.key : (pair.value ?? pair.key)) as Node | null;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = (node.items[segment] as Node | undefined) ?? null;
      } else {
        break;
      }
      if (node) located = node;
    }
    return located?.range ?? [0, 0, 0];
  }

  private readonly keys = new WeakMap<YAMLMap, Map<string, Pair>>();

  /** The first pair of `map` with this scalar key, through an index built once per mapping. */
  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let index = this.keys.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
      this.keys.set(map, index);
    }
    return index.get(key);
  }

  diagnostic(severity: Severity, message: string, path: Path, key = false): Diagnostic {
    return { severity, message: oneLine(message), ...this.locate(path, key) };
  }

  /**
   * An error at the alias past MAX_ALIASES, if there is one. The yaml package resolves each alias
   * by walking the whole document, so thousands of aliases took seconds before its own limit on
   * expansions could answer; strategy.yaml needs a handful at most.
   */
  private aliasBeyondLimit(): Diagnostic | undefined {
    let count = 0;
    let beyond: Node | undefined;
    visit(this.doc, {
      Alias: (_key, node) => {
        if (++count <= MAX_ALIASES) return undefined;
        beyond = node;
        return visit.BREAK;
      },
    });
    if (!beyond?.range) return undefined;
    return {
      severity: 'error',
      message: `YAML: more than ${MAX_ALIASES} aliases (*name); the limit is ${MAX_ALIASES}`,
      ...this.position(beyond.range),
    };
  }

  private aliasProblem(message: string): Diagnostic {
    let alias: Node | undefined;
    visit(this.doc, {
      Alias: (_key, node) => {
        alias = node;
        return visit.BREAK;
      },
    });
    const where = this.position(alias?.range ?? [0, 0, 0]);
    const text = /resource exhaustion/i.test(message)
      ? `YAML: aliases expand too much (${firstLine(message)}; the limit is ${MAX_ALIASES} alias expansions)`
      : `YAML: ${firstLine(message)}`;
    return { severity: 'error', message: text, ...where };
  }

  private position(range: readonly number[]): Position {
    const start = this.lines.pos(range[0]);
    const end = this.lines.pos(range[1]);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }
}

/**
 * Line:column of an offset as the editor shows it, from the text itself: the parser's newline
 * callback misses line breaks it reads inside broken flow collections (which put later errors on
 * the wrong line).
 */
class Lines {
  private readonly starts = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  pos(offset: number): { line: number; col: number } {
    let [low, high] = [0, this.starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    const start = this.starts[low];
    const end = low + 1 < this.starts.length ? this.starts[low + 1] - 1 : this.text.length;
    return { line: low + 1, col: Math.max(0, Math.min(offset, end) - start) + 1 };
  }
}

/** What the composer's uniqueKeys reports (same message, same place: the second key), in linear time. */
function duplicateKeys(doc: Document, lines: Lines): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Map: (_key, map) => {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(key)) seen.add(key);
        else if (isNode(pair.key) && pair.key.range) {
          const at = lines.pos(pair.key.range[0]);
          const end = lines.pos(pair.key.range[0] + 1);
          out.push(diag('error', 'YAML: Map keys must be unique', at.line, at.col, end.line, end.col));
        }
      }
    },
  });
  return out;
}

export function diag(severity: Severity, message: string, line: number, column: number, endLine?: number, endColumn?: number): Diagnostic {
  return { severity, message: oneLine(message), line, column, ...(endLine ? { endLine, endColumn } : {}) };
}

const MAX_MESSAGE = 300;

/**
 * A message quotes what the file says (keys, values, ids), so it can hold line breaks, control
 * characters or a whole paragraph. Messages are one line (`validate` prints one per problem):
 * control characters are shown escaped and the middle of a long message is left out.
 */
export function oneLine(message: string): string {
  const escaped = message
    .replace(/\r\n/g, '\n')
    .replace(/[\u0000-\u001f\u007f]/g, (c) =>
      c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (escaped.length <= MAX_MESSAGE) return escaped;
  const chars = [...escaped]; // by code point, so no emoji is cut in half
  return chars.length <= MAX_MESSAGE ? escaped : `${chars.slice(0, 200).join('')} … ${chars.slice(-(MAX_MESSAGE - 203)).join('')}`;
}

export function tooLarge(bytes: number): Diagnostic {
  return diag('error', `strategy.yaml is larger than 1 MiB (${bytes} bytes); it is not read`, 1, 1);
}

function yamlProblem(severity: Severity, problem: YAMLError, lines: Lines): Diagnostic {
  const [start, end] = problem.pos[0] === -1 ? [{ line: 1, col: 1 }] : problem.pos.map((offset) => lines.pos(offset));
  return diag(severity, `YAML: ${firstLine(problem.message)}`, start.line, start.col, end?.line, end?.col);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
