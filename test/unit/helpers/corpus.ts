// The bad-strategy.yaml corpus (test/fixtures/strategy): every file with its expected diagnostics
// from expected.json, plus the cases generated here because they are too big to keep in git.
// Read by the unit, CLI and extension-host tests alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../../src/core/strategy/types';

export const CORPUS_DIR = join(__dirname, '../../../../test/fixtures/strategy');

export interface Expected {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** Parts the message must contain, in this order. */
  words: string[];
  /** As written in expected.json, for messages. */
  text: string;
}

export interface CorpusCase {
  name: string;
  category: string;
  about: string;
  bytes: Buffer;
  expected: Expected[];
  /** The goal ids the file loads as; undefined when it must not load (it has an error). */
  goals?: string[];
}

interface Manifest {
  files: Record<string, { category: string; about: string; diagnostics: string[]; goals?: string[] }>;
}

export function parseExpected(text: string): Expected {
  const match = /^(\d+):(\d+) (error|warning) (.+)$/.exec(text);
  if (!match) throw new Error(`expected.json: cannot read '${text}' (LINE:COL severity words)`);
  return {
    line: Number(match[1]),
    column: Number(match[2]),
    severity: match[3] as Expected['severity'],
    words: match[4].split(' … '),
    text,
  };
}

/** Every case: the files of the corpus in name order, then the generated ones. */
export function corpus(): CorpusCase[] {
  const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as Manifest;
  const files = Object.entries(manifest.files).map(([name, entry]) => ({
    name,
    category: entry.category,
    about: entry.about,
    bytes: readFileSync(join(CORPUS_DIR, name)),
    expected: entry.diagnostics.map(parseExpected),
    ...(entry.goals ? { goals: entry.goals } : {}),
  }));
  return [...files, ...generated()];
}

const MiB = 1024 * 1024;

/** A goal per line, `  - { id: g<i>, title: Goal <i>, status: <status>, … }`, starting on line 3. */
function goalLines(count: number, status: (i: number) => string, extra = ''): string[] {
  return Array.from({ length: count }, (_, i) => `  - { id: g${i}, title: Goal ${i}, status: ${status(i)}${extra} }`);
}

function generated(): CorpusCase[] {
  const category = 'size, depth and aliases';
  const text = (lines: string[]) => Buffer.from(`version: 1\ngoals:\n${lines.join('\n')}\n`);

  // Over the limit: refused unread, even though the YAML itself is fine.
  const huge = text([...goalLines(3, () => 'active'), `# ${'x'.repeat(MiB)}`]);

  // Large and legal: a quarter of the limit (~1,700 goals with match rules, a hundred times a big
  // real strategy) loads whole in well under a second. A legal file at the limit itself takes
  // 0.5-1.1 s here, nearly all of it in the yaml package: too close to 1 s to assert without flaking.
  const match = ', match: { paths: ["services/area/**", "lib/{a,b}/*.ts"], branches: ["area/**"], keywords: [area] }';
  let count = 2000;
  while (text(goalLines(count, (i) => (i < 3 ? 'active' : 'paused'), match)).length > MiB / 4) count -= 50;
  const large = text(goalLines(count, (i) => (i < 3 ? 'active' : 'paused'), match));

  // Thousands of errors, each on its own line at the status value: the first 1000 are listed,
  // then one line counts the rest.
  const broken = goalLines(3000, () => 'cancelled');
  const at = (i: number) => `${i + 3}:${broken[i].indexOf('cancelled') + 1}`;
  const brokenExpected = [
    ...broken
      .slice(0, 1000)
      .map((_, i) =>
        parseExpected(`${at(i)} error goal #${i + 1} (g${i}): 'status' must be active, paused, done or stopped, not text 'cancelled'`),
      ),
    parseExpected(`${at(1000)} error … and 2000 errors more from here on; only the first 1000 problems are listed`),
  ];

  return [
    {
      name: 'generated-over-1-MiB.yaml',
      category,
      about: 'three goals and a 1 MiB comment: refused unread',
      bytes: huge,
      expected: [parseExpected('1:1 error strategy.yaml is larger than 1 MiB')],
    },
    {
      name: 'generated-large-legal.yaml',
      category,
      about: `${count} goals with match rules, 256 KiB: loads`,
      bytes: large,
      expected: [],
      goals: Array.from({ length: count }, (_, i) => `g${i}`),
    },
    {
      name: 'generated-3000-errors.yaml',
      category,
      about: 'an unknown status in each of 3000 goals',
      bytes: text(broken),
      expected: brokenExpected,
    },
  ];
}

type Found = Pick<Diagnostic, 'line' | 'column' | 'severity' | 'message'>;

/** Why `actual` differs from `expected` (same count, order, positions, severities and words), or undefined. */
export function mismatch(actual: readonly Found[], expected: readonly Expected[]): string | undefined {
  const show = (list: readonly Found[]) => list.map((d) => `  ${d.line}:${d.column} ${d.severity} ${d.message}`).join('\n');
  if (actual.length !== expected.length) return `expected ${expected.length} diagnostics, got ${actual.length}:\n${show(actual)}`;
  for (const [i, want] of expected.entries()) {
    const got = actual[i];
    const ok =
      got.line === want.line && got.column === want.column && got.severity === want.severity && containsInOrder(got.message, want.words);
    if (!ok) return `diagnostic #${i + 1}: expected '${want.text}', got '${got.line}:${got.column} ${got.severity} ${got.message}'`;
  }
  return undefined;
}

function containsInOrder(message: string, words: readonly string[]): boolean {
  let from = 0;
  for (const word of words) {
    const at = message.indexOf(word, from);
    if (at === -1) return false;
    from = at + word.length;
  }
  return true;
}
