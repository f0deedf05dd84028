// Validation stays fast on hostile files: strategy.yaml comes with any repository a developer opens,
// trusted or not, and it is checked inside the editor on every keystroke.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, formatDiagnostic, parseStrategy } from '../../src/core/strategy';
import { closest, distance } from '../../src/core/strategy/didYouMean';
import { oneLine } from '../../src/core/strategy/source';
import { timedWithin } from './helpers/timing';

/** CPU milliseconds one validation takes, with its errors. */
function validate(text: string): { ms: number; errors: string[] } {
  const { result, cpuMs } = timedWithin(1000, () => parseStrategy(text, { now: new Date(2026, 10, 24, 12) }));
  return { ms: cpuMs, errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

/** The plain O(n·m) optimal string alignment distance, as the oracle for the bounded one. */
function plainDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('validation limits', () => {
  // CPU time measured on the test machine: ~15 ms and ~100-300 ms; before the bounded "did you mean",
  // the first took minutes and the second about 8 s. 1 s is the promise to the user.
  it('an unknown parent the length of a paragraph costs nothing to suggest for', () => {
    const goals = Array.from({ length: 100 }, (_, i) => `- {id: ${'g'.repeat(60)}${i}, title: t${i}, parent: ${'x'.repeat(9000)}}\n`);
    const { ms, errors } = validate(`version: 1\ngoals:\n${goals.join('')}`);
    assert.equal(errors.length, 100);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  it('thousands of unknown parents validate in under a second, with hints for the first ones', () => {
    const goals = Array.from({ length: 2000 }, (_, i) => `- {id: goal-${i}, title: t${i}, parent: goal-${i}x}\n`);
    const { ms, errors } = validate(`version: 1\ngoals:\n${goals.join('')}`);
    assert.match(errors[0], /parent 'goal-0x' is not a goal in this file; did you mean 'goal-0'\?$/);
    assert.match(errors[errors.length - 1], /^… and 1001 errors more from here on/); // 2000 errors and a warning in all
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  it('a mapping of 20,000 keys validates in under a second, its duplicates still found', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1\n`).join('');
    const { ms, errors } = validate(`version: 1\ngoals: []\n${keys}k7: 2\n{ a: 1, a: 2 }: 3\n`);
    assert.deepEqual(errors, ['YAML: Map keys must be unique', 'YAML: Map keys must be unique']);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`); // ~250 ms; 3 s before (yaml's own check is quadratic)
  });

  it('150,000 broken goals: no stack overflow, the first 1000 problems listed and one line for the rest', () => {
    // Not timed: ~1.5 s of CPU, nearly all in the yaml package (a pathological file near 1 MiB).
    const result = parseStrategy(`version: 1\ngoals:\n${'  - x\n'.repeat(150_000)}`);
    assert.equal(result.diagnostics.length, 1001);
    assert.deepEqual(
      result.diagnostics.slice(999).map((d) => formatDiagnostic(d)),
      [
        "strategy.yaml:1002:5: error: goal #1000 must be a mapping with at least id and title, not text 'x'",
        'strategy.yaml:1003:5: error: … and 149000 errors more from here on; only the first 1000 problems are listed',
      ],
    );
  });

  it('thousands of aliases are refused at the 101st, in linear time', () => {
    // The yaml package walks the whole document for every alias: 2000 aliases to the mapping they
    // sit in took ~0.8 s of CPU, 20,000 over a minute.
    const { result, cpuMs } = timedWithin(1000, () =>
      parseStrategy(`version: 1\ngoals: []\nextra: &a { ${Array(20_000).fill('*a').join(', ')} }\n`),
    );
    assert.deepEqual(
      result.diagnostics.map((d) => formatDiagnostic(d)),
      ['strategy.yaml:3:413: error: YAML: more than 100 aliases (*name); the limit is 100'],
    );
    assert.ok(cpuMs < 1000, `${cpuMs.toFixed(0)} ms CPU`);
    assert.ok(
      parseStrategy(`version: 1\ngoals: []\nx: &b 1\nextra: [${Array(99).fill('*b').join(', ')}]\n`).strategy,
      '99 aliases of a scalar are fine (100 expansions with the anchor)',
    );
  });

  it('values nested past 64 levels are one clear error, fast, however deep they go', () => {
    const message = 'error: YAML: values nested more than 64 levels deep; strategy.yaml needs 5 at most';
    // 64 brackets in the top-level mapping are 65 levels: found on the parsed tokens, at the 64th.
    assert.deepEqual(
      parseStrategy(`version: 1\ngoals: []\nx: ${'['.repeat(64)}${']'.repeat(64)}\n`).diagnostics.map((d) => formatDiagnostic(d)),
      [`strategy.yaml:3:67: ${message}`],
    );
    // 65 brackets or more are refused while reading, at the 65th, before the rest is parsed.
    for (const depth of [65, 1000, 200_000]) {
      const { result: flow, cpuMs } = timedWithin(1000, () =>
        parseStrategy(`version: 1\ngoals: []\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`),
      );
      assert.deepEqual(
        flow.diagnostics.map((d) => formatDiagnostic(d)),
        [`strategy.yaml:3:68: ${message}`],
        `flow, ${depth} levels`,
      );
      assert.ok(cpuMs < 1000, `${cpuMs} ms for ${depth} levels`);
    }
    const block = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('');
    assert.deepEqual(
      parseStrategy(`version: 1\ngoals: []\nx:\n${block}`).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}`),
      ['67:65 error'],
    );
    // Compact `- - - -` items count as levels too, even inside a broken flow mapping, where the
    // yaml parser itself would recurse once per item and run out of stack.
    const compact = parseStrategy(`version: 1\ngoals: { &a : \n  ${'- '.repeat(5000)}\nextra: []\n`).diagnostics;
    assert.deepEqual(
      compact.map((d) => `${d.line}:${d.column} ${d.message}`),
      ['3:129 YAML: values nested more than 64 levels deep; strategy.yaml needs 5 at most'],
    );
    // After a block scalar the next line starts a line too (the lexer gives it no line break of its own).
    const afterText = parseStrategy(`version: 1\ngoals: []\na: |\n  text\n  more\n${'- '.repeat(3000)}x\n`).diagnostics;
    assert.deepEqual(
      afterText.map((d) => `${d.line}:${d.column}`),
      ['6:129'],
    );
    const afterEmpty = parseStrategy(`: &a { }: >-, : x }\n${'- '.repeat(3000)}: []\n`).diagnostics;
    assert.deepEqual(
      afterEmpty.map((d) => `${d.line}:${d.column} ${d.message.slice(0, 40)}`),
      ['2:129 YAML: values nested more than 64 levels '],
    );
    // A flow collection the lexer gives up on closes its brackets: broken ones in a row are not deep.
    assert.ok(
      parseStrategy(`version: 1\ngoals: []\n${Array.from({ length: 100 }, (_, i) => `k${i}: [ {\n`).join('')}`).diagnostics.every(
        (d) => !/nested more than/.test(d.message),
      ),
    );
    // 64 levels are allowed: the unknown key is only a warning.
    const ok = parseStrategy(`version: 1\ngoals: []\nx: ${'['.repeat(63)}${']'.repeat(63)}\n`);
    assert.ok(ok.strategy);
    assert.deepEqual(
      ok.diagnostics.map((d) => d.severity),
      ['warning'],
    );
  });

  it('a glob of many ** matches in linear time, and means what one ** means', () => {
    const glob = compileGlob(`${'**/'.repeat(16)}x`);
    const { result, cpuMs } = timedWithin(100, () => glob.test(`${'a/'.repeat(30)}b`));
    assert.equal(result, false);
    assert.ok(cpuMs < 100, `${cpuMs.toFixed(0)} ms CPU`); // 1.4 s with 8, minutes with 12 before
    for (const path of ['x', 'a/x', 'a/b/x', 'ax', 'a/x/b']) assert.equal(glob.test(path), compileGlob('**/x').test(path), path);
    assert.equal(compileGlob('src/**/**/*.ts').source, compileGlob('src/**/*.ts').source);
  });

  it('messages are one short line, whatever the file quotes in them', () => {
    const messages = (text: string) => parseStrategy(text).diagnostics.map((d) => d.message);
    assert.deepEqual(messages('version: 1\ngoals: []\n? |\n  two\n  lines\n: x\n'), ["unknown key 'two\\nlines\\n' (ignored)"]);
    assert.deepEqual(messages('version: 1\ngoals: []\n? |\r\n  two\r\n  lines\r\n: x\r\n'), ["unknown key 'two\\nlines\\n' (ignored)"]);
    // A parser message quoting raw source says \n for a CRLF too, so line endings never change a message.
    assert.equal(oneLine('token: "a\r\nb\rc\n"'), 'token: "a\\nb\\rc\\n"');
    assert.deepEqual(messages('version: 1\ngoals:\n  - { id: a, title: A, status: "on\\thold\\u0007" }\n'), [
      "goal #1 (a): 'status' must be active, paused, done or stopped, not text 'on\\thold\\u0007'",
    ]);
    const [long] = messages(`version: 1\ngoals:\n  - { id: a, title: A, share: "${'🎯'.repeat(50_000)}" }\n`);
    assert.equal([...long].length, 300);
    assert.match(long, /^goal #1 \(a\): 'share' must be a number, not text '(?:🎯)+ … (?:🎯)+'$/u);
  });

  it('the bounded edit distance agrees with the plain one, and "did you mean" with a full search', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.nat({ max: 5 }), (a, b, limit) => {
        const plain = plainDistance(a, b);
        assert.equal(distance(a, b), plain);
        assert.equal(distance(a, b, limit), Math.min(plain, limit + 1));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (w, candidates) => {
        const allowed = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
        const scored = candidates.map((c) => plainDistance(w, c));
        const min = Math.min(...scored);
        assert.equal(closest(w, candidates), min <= allowed ? candidates[scored.indexOf(min)] : undefined);
      }),
      { numRuns: 1000 },
    );
  });
});
