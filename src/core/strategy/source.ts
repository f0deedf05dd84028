// Reading strategy.yaml with the `yaml` package while keeping where every node came from, so
// each diagnostic carries a 1-based line:column.
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { Diagnostic, Severity } from './types';

export type Path = readonly (string | number)[];

export const MAX_BYTES = 1024 * 1024;
export const MAX_ALIASES = 100;

export class StrategySource {
  private constructor(private readonly doc: Document, private readonly lines: LineCounter) {}

  /** The YAML document and its value, or the diagnostics that prevent reading it. */
  static read(text: string): { source?: StrategySource; value?: unknown; diagnostics: Diagnostic[] } {
    if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) {
      return { diagnostics: [diag('error', `strategy.yaml is larger than 1 MiB (${Buffer.byteLength(text, 'utf8')} bytes); it is not read`, 1, 1)] };
    }
    const lines = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const diagnostics: Diagnostic[] = [];
    const list = Array.isArray(docs) ? docs : [];
    for (const doc of list) {
      for (const error of doc.errors) {
        const [start, end] = error.linePos ?? [{ line: 1, col: 1 }];
        diagnostics.push(diag('error', `YAML: ${firstLine(error.message)}`, start.line, start.col, end?.line, end?.col));
      }
    }
    if (list.length > 1) {
      const pos = lines.linePos(list[1].range[0]);
      diagnostics.push(diag('error', 'strategy.yaml must hold one YAML document; remove the second one (---)', pos.line, pos.col));
    }
    if (diagnostics.length > 0) return { diagnostics };
    const doc = list[0];
    if (!doc || doc.contents === null) {
      return { diagnostics: [diag('error', 'strategy.yaml is empty: it needs at least "version: 1" and a list of goals', 1, 1)] };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      return { diagnostics: [diag('error', `YAML: ${firstLine((error as Error).message)} (more than ${MAX_ALIASES} alias expansions)`, 1, 1)] };
    }
    return { source: new StrategySource(doc, lines), value, diagnostics };
  }

  /** Where the node at `path` is (its key when `key` is set); the nearest existing ancestor otherwise. */
  locate(path: Path, key = false): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
    let node: Node | null = this.doc.contents as Node | null;
    let located: Node | null = node;
    for (let i = 0; i < path.length && node; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const last = i === path.length - 1;
        node = (last && key ? pair.key : pair.value ?? pair.key) as Node | null;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = (node.items[segment] as Node | undefined) ?? null;
      } else {
        break;
      }
      if (node) located = node;
    }
    const range = located?.range ?? [0, 0, 0];
    const start = this.lines.linePos(range[0]);
    const end = this.lines.linePos(range[1]);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }

  diagnostic(severity: Severity, message: string, path: Path, key = false): Diagnostic {
    return { severity, message, ...this.locate(path, key) };
  }
}

export function diag(severity: Severity, message: string, line: number, column: number, endLine?: number, endColumn?: number): Diagnostic {
  return { severity, message, line, column, ...(endLine ? { endLine, endColumn } : {}) };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
