// Property tests (fast-check) of the strategy loader on adversarial input: a valid file mutated
// with YAML's sharp edges (anchors, aliases, merge keys, tags, deep brackets, unicode, tabs, BOM,
// CR/LF mixes, very long lines) and generated YAML-ish trees. Whatever comes in, the loader
// answers quickly, never through its safety net, with one-line messages placed inside the file;
// and line endings or a byte order mark never change what it says.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseStrategy } from '../../src/core/strategy';
import type { LoadResult } from '../../src/core/strategy/types';
import { timedWithin } from './helpers/timing';

const NOW = new Date(2026, 10, 24, 12);
const BOUND_MS = 1000;
/** Cases tried, for the summary line. */
let tried = 0;

const VALID = [
  'version: 1',
  'period: 2026-Q4',
  'goals:',
  '  - id: checkout',
  '    title: Cut checkout p95',
  '    status: active',
  '    share: 40',
  '    parent: revenue',
  '    match:',
  '      paths: ["services/**", "web/{a,b}/*.ts"]',
  '      branches: [checkout/**]',
  '      keywords: [checkout, latency]',
  '  - &rev { id: revenue, title: Grow revenue, due: 2026-12-31 }',
  '  - { id: legacy, title: Legacy admin, status: stopped }',
  'settings:',
  '  trailer: Goal',
  '  branchPattern: "^(?<goal>[a-z0-9-]+)/"',
  '  untagged: { commits: 3, days: 2 }',
  '  maxActive: 3',
  '',
].join('\n');

/** Fragments with a meaning to YAML or to the validator. */
const PIECES = [
  '&a ',
  '*a',
  '*rev',
  '<<: *rev',
  '&b [*a, *a, *a]',
  '!!str ',
  '!!int ',
  '!custom ',
  '!!binary ',
  '%YAML 1.2\n---\n',
  '---\n',
  '...\n',
  '- ',
  '? ',
  ': ',
  ', ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '|',
  '>-',
  '#',
  '\t',
  '  ',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  '\u0000',
  '\u001b[31m',
  'é',
  '🎯',
  '目標',
  '\u202e',
  '\u00a0',
  '\u2028',
  'id: ',
  'title: ',
  'parent: checkout',
  'parent: legacy',
  'status: stopped',
  'share: 1e999',
  'share: .nan',
  'due: 2026-02-30',
  'match: { paths: ["[z-a]"] }',
  'branchPattern: "("',
  'goals: ',
  'settings: ',
  'version: 2',
  '~',
  'null',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  // Amplified: very long lines, deep brackets, long runs of aliases or indentation.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', '[', '{a: ', '*a, ', ' ', '- ', 'é'), fc.integer({ min: 50, max: 5000 }))
      .map(([p, n]) => p.repeat(n)),
  },
);

type Edit = { at: number; remove: number; insert: string };
const edits = fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: piece }), { minLength: 1, maxLength: 6 });
const apply = (text: string, list: Edit[]) =>
  list.reduce((t, e) => {
    const at = e.at % (t.length + 1);
    return t.slice(0, at) + e.insert + t.slice(at + e.remove);
  }, text);

/** YAML-ish trees: mappings and lists, block and flow, with anchors and aliases sprinkled in. */
const tree = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    piece,
    fc.array(fc.tuple(piece, tie('node')), { maxLength: 4 }).map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(fc.constantFrom('&a ', '&b ', ''), tie('node')).map(([anchor, v]) => `${anchor}${v}`),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => items.map((i) => `\n  - ${i}`).join('')),
  ),
})).node;

const documents = fc.oneof(
  edits.map((list) => apply(VALID, list)),
  fc.tuple(tree, tree).map(([goals, extra]) => `version: 1\ngoals: ${goals}\nextra: ${extra}\n`),
  fc.array(fc.tuple(piece, tree), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n')),
);

/** Lines as the editor counts them: CRLF, LF and a lone CR each end one. */
const linesOf = (text: string) => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

function check(text: string): LoadResult {
  tried++;
  const { result, cpuMs } = timedWithin(BOUND_MS, () => parseStrategy(text, { now: NOW }));
  assert.ok(cpuMs < BOUND_MS, `${cpuMs.toFixed(0)} ms CPU for ${JSON.stringify(text.slice(0, 200))}`);
  const lines = linesOf(text);
  for (const d of result.diagnostics) {
    assert.ok(!d.message.startsWith('strategy.yaml could not be checked'), `the safety net caught: ${d.message}`);
    assert.ok(d.line >= 1 && d.line <= lines.length, `line ${d.line} of ${lines.length}: ${d.message}`);
    assert.ok(
      d.column >= 1 && d.column <= lines[d.line - 1].length + 1,
      `column ${d.column} of ${lines[d.line - 1].length + 1} on line ${d.line}: ${d.message}`,
    );
    assert.doesNotMatch(d.message, /[\n\r]/);
    assert.ok([...d.message].length <= 300, `${d.message.length} characters`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(result.strategy !== undefined, errors.length === 0, 'a strategy exactly when there is no error');
  const order = result.diagnostics.map((d) => d.line * 1e6 + d.column);
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
    'sorted by position',
  );
  return result;
}

const said = (r: LoadResult) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

describe('properties of the strategy loader on adversarial input', () => {
  after(() => console.log(`      ${tried} strategy.yaml cases tried`));

  it('answers quickly, never through its safety net, inside the file, in one-line messages', () => {
    fc.assert(
      fc.property(documents, (text) => void check(text)),
      { numRuns: 800 },
    );
  });

  it('says the same whatever the line endings and with or without a byte order mark', () => {
    // Texts without CRs of their own, so each conversion is exact.
    const lf = documents.map((t) => t.replace(/\r/g, '').replace(/^\uFEFF/, ''));
    fc.assert(
      fc.property(lf, (text) => {
        const reference = check(text);
        assert.deepEqual(said(check(text.replace(/\n/g, '\r'))), said(reference), 'CR');
        assert.deepEqual(said(check(`\uFEFF${text}`)), said(reference), 'BOM');
        assert.deepEqual(said(check(text.replace(/\n/g, '\r\n'))), said(reference), 'CRLF');
      }),
      { numRuns: 400 },
    );
  });

  it('regression (seed 671490826): a broken file says the same with CRLF as with LF', () => {
    // The yaml package read this one differently with CRLF (four errors on other lines, not six).
    const text = VALID.replace('version: 1', '&a version: 1').replace('    share: 40\n', '\n0\n');
    const lf = said(check(text));
    assert.ok(lf.length > 1, lf.join('\n'));
    assert.deepEqual(said(check(text.replace(/\n/g, '\r\n'))), lf);
  });

  it('loads the valid file after any edit that only changes a value inside quotes', () => {
    // Quoted titles may hold anything printable: the file stays valid and the title comes back.
    const title = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((t) => !/[\p{Cc}\p{Cs}\u2028\u2029]/u.test(t));
    fc.assert(
      fc.property(title, (t) => {
        const text = VALID.replace('Cut checkout p95', () => JSON.stringify(t));
        const result = check(text);
        if (t.trim() === '') return; // an empty title is an error of its own
        assert.equal(result.strategy?.goals[0].title, t, said(result).join('\n'));
      }),
      { numRuns: 400 },
    );
  });
});
