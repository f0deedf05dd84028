// DESIGN §1 validation errors: one test per rule, each with its exact line:column. Any error means
// no strategy (the caller keeps the last valid one).
import assert from 'node:assert/strict';
import { formatDiagnostic, parseStrategy } from '../../src/core/strategy';
import type { Diagnostic } from '../../src/core/strategy/types';
import { branchPatternProblem } from '../../src/core/strategy/rules';

const NOW = new Date(2026, 10, 24, 12);
const yaml = (...l: string[]) => `${l.join('\n')}\n`;
const at = (d: Diagnostic) => `${d.line}:${d.column}`;

/** The one error matching `pattern`; fails when there is none, several, or a strategy anyway. */
function error(text: string, pattern: RegExp): Diagnostic {
  const result = parseStrategy(text, { now: NOW });
  const found = result.diagnostics.filter((d) => d.severity === 'error' && pattern.test(d.message));
  assert.equal(
    found.length,
    1,
    `expected one error matching ${pattern}, got:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`,
  );
  assert.equal(result.strategy, undefined, 'no strategy while an error remains');
  return found[0];
}

describe('strategy.yaml errors', () => {
  it('YAML syntax, at the parser position, every one of them', () => {
    assert.equal(
      at(error(yaml('version: 1', 'goals:', '  - id: a', '    title: a: b'), /^YAML: Nested mappings are not allowed in compact mappings/)),
      '4:12',
    );
    const two = parseStrategy(yaml('version: 1', 'goals: [', '  { id: a', 'settings: {'), { now: NOW }).diagnostics;
    assert.ok(
      two.filter((d) => d.severity === 'error' && d.message.startsWith('YAML: ')).length >= 2,
      two.map((d) => formatDiagnostic(d)).join('\n'),
    );
  });

  it('duplicate keys are a YAML error at the second key', () => {
    assert.equal(at(error(yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    id: b'), /Map keys must be unique/)), '5:5');
  });

  it('more than one YAML document, at the second', () => {
    assert.equal(at(error(yaml('goals: []', '---', 'goals: []'), /must hold one YAML document/)), '2:1');
  });

  it('an empty file', () => {
    assert.equal(at(error('', /strategy\.yaml is empty/)), '1:1');
    assert.equal(at(error(yaml('# just a comment', ''), /strategy\.yaml is empty/)), '1:1');
  });

  it('a top level that is not a mapping', () => {
    assert.equal(at(error(yaml('# goals', '- a', '- b'), /must be a mapping with version, goals .* not a list/)), '2:1');
    assert.equal(at(error(yaml('just words'), /must be a mapping .* not a single value/)), '1:1');
  });

  it('wrong types, on the offending value', () => {
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    share: lots'),
          /^goal #1 \(a\): 'share' must be a number, not text 'lots'$/,
        ),
      ),
      '5:12',
    );
    assert.equal(at(error(yaml('version: 1', 'goals: nope'), /^'goals' must be a list, not text 'nope'$/)), '2:8');
    error(yaml('version: 1', 'goals:', '  - { id: a, title: A, share: .nan }'), /^goal #1 \(a\): 'share' must be a number, not NaN$/);
    error(yaml('version: 1', 'goals:', '  - { id: a, title: A, share: 1e999 }'), /^goal #1 \(a\): 'share' must be a number, not Infinity$/);
    assert.equal(
      at(error(yaml('version: 1', 'goals: []', 'settings:', '  maxActive: two'), /^settings: 'maxActive' must be a number/)),
      '4:14',
    );
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals:', '  - { id: a, title: A, match: { paths: [x, 7] } }'),
          /'match\.paths\[1\]' must be text, not number 7/,
        ),
      ),
      '3:44',
    );
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals:', '  - faster checkout'),
          /^goal #1 must be a mapping with at least id and title, not text 'faster checkout'$/,
        ),
      ),
      '3:5',
    );
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals:', '  - { id: a, title: A, status: cancelled }'),
          /'status' must be active, paused, done or stopped, not text 'cancelled'/,
        ),
      ),
      '3:32',
    );
  });

  it('missing id, at the goal', () => {
    assert.equal(at(error(yaml('version: 1', 'goals:', '  - title: A'), /^goal #1 is missing 'id' \(required\)$/)), '3:5');
  });

  it('missing title, at the goal, named by its id', () => {
    assert.equal(
      at(error(yaml('version: 1', 'goals:', '  - id: a', '    title: A', '  - id: b'), /^goal #2 \(b\) is missing 'title' \(required\)$/)),
      '5:5',
    );
  });

  it('missing goals list, at the top mapping', () => {
    assert.equal(at(error(yaml('# strategy', 'version: 1'), /^strategy\.yaml is missing 'goals' \(required\)$/)), '2:1');
  });

  it('a bad id, on the id', () => {
    const d = error(
      yaml('version: 1', 'goals:', '  - id: Faster_Checkout', '    title: A'),
      /goal id 'Faster_Checkout' must match \^\[a-z0-9\]\[a-z0-9-\]\{0,62\}\$/,
    );
    assert.equal(at(d), '3:9');
    error(yaml('version: 1', 'goals:', `  - { id: ${'a'.repeat(64)}, title: A }`), /goal id 'a{64}' must match/);
  });

  it('duplicate ids, at the second', () => {
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals:', '  - id: a', '    title: A', '  - id: a', '    title: B'),
          /^duplicate goal id 'a': goal #1 has it already$/,
        ),
      ),
      '5:9',
    );
  });

  it('an unknown parent, with a suggestion', () => {
    const d = error(
      yaml('version: 1', 'goals:', '  - id: revenue', '    title: R', '  - id: b', '    title: B', '    parent: revenu'),
      /^goal #2 \(b\): parent 'revenu' is not a goal in this file; did you mean 'revenue'\?$/,
    );
    assert.equal(at(d), '7:13');
  });

  it('a parent cycle, named from its first goal', () => {
    const d = error(
      yaml(
        'version: 1',
        'goals:',
        '  - { id: x, title: X, parent: b }',
        '  - { id: a, title: A, parent: b }',
        '  - { id: b, title: B, parent: a }',
      ),
      /^parent cycle: a → b → a$/,
    );
    assert.equal(at(d), '4:32');
    assert.equal(at(error(yaml('version: 1', 'goals:', '  - { id: s, title: S, parent: s }'), /^parent cycle: s → s$/)), '3:32');
  });

  it('a long parent cycle is named by its ends', () => {
    const goals = Array.from({ length: 20 }, (_, i) => `  - { id: g${i}, title: G${i}, parent: g${(i + 1) % 20} }`);
    error(yaml('version: 1', 'goals:', ...goals), /^parent cycle: g0 → g1 → g2 → g3 → … → g18 → g19 → g0 \(20 goals\)$/);
  });

  it('an invalid glob in match.paths, on the pattern', () => {
    const d = error(
      yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    match:', '      paths: ["ok/**", "bad[x"]'),
      /^goal #1 \(a\): invalid glob in match\.paths: glob 'bad\[x' has an unclosed '\['/,
    );
    assert.equal(at(d), '6:24');
  });

  it('an invalid glob in match.branches, on the pattern', () => {
    const d = error(
      yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    match: { branches: ["{a,b"] }'),
      /invalid glob in match\.branches: glob '\{a,b' has an unclosed '\{'/,
    );
    assert.equal(at(d), '5:25');
  });

  it('an invalid regex in branchPattern', () => {
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals: []', 'settings:', '  branchPattern: "(["'),
          /^settings: branchPattern is not a valid regular expression/,
        ),
      ),
      '4:18',
    );
  });

  it('a branchPattern that can backtrack for ever on a branch name, and none of the safe ones', () => {
    for (const risky of ['^(?<goal>(a+)+)/', '^(?<goal>(?:[a-z]|-)*)/', '^(?<goal>[a-z]+)(x*){2,}', '^((?<goal>a|ab)+)$']) {
      const problem = branchPatternProblem(risky);
      assert.match(problem ?? '', /repeats a group that itself repeats or alternates \(.+\), .*exponential time/, risky);
    }
    for (const safe of [
      '^(?<goal>[a-z0-9-]+)/',
      '^(?:feat|fix)/(?<goal>[a-z]+)',
      '^(?<goal>(?:[a-z]\\d){3})-',
      '^(?<goal>[a-z]+)(?:-v\\d+)?$',
      '^(?<goal>[(+*]+)/',
    ]) {
      assert.equal(branchPatternProblem(safe), undefined, safe);
    }
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals: []', 'settings:', '  branchPattern: "^(?<goal>(a+)+)/"'),
          /^settings: branchPattern repeats a group/,
        ),
      ),
      '4:18',
    );
    // The refused pattern is the kind that stalls: 26 letters already take a measurable time.
    const stall = new RegExp('^(?<goal>(a+)+)/');
    const t0 = process.hrtime.bigint();
    stall.test(`${'a'.repeat(22)}!`);
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 > 5, 'the risky pattern really backtracks');
  });

  it('a branchPattern without a named group goal', () => {
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals: []', 'settings:', '  branchPattern: "^(?<topic>[a-z]+)/"'),
          /^settings: branchPattern needs a named group \(\?<goal>…\)/,
        ),
      ),
      '4:18',
    );
  });

  it('a version other than 1', () => {
    assert.equal(at(error(yaml('version: 2', 'goals: []'), /^'version' must be 1, not number 2$/)), '1:10');
  });

  it('a due date that is not a calendar date', () => {
    assert.equal(
      at(
        error(
          yaml('version: 1', 'goals:', '  - { id: a, title: A, due: 2026-02-30 }'),
          /^goal #1 \(a\): 'due' must be a calendar date YYYY-MM-DD, not '2026-02-30'$/,
        ),
      ),
      '3:29',
    );
    error(yaml('version: 1', 'goals:', '  - { id: a, title: A, due: 20261231 }'), /'due' must be a date YYYY-MM-DD, not number 20261231/);
  });

  it('a share outside 0..100', () => {
    assert.equal(
      at(error(yaml('version: 1', 'goals:', '  - { id: a, title: A, share: 120 }'), /'share' must be a percentage between 0 and 100/)),
      '3:31',
    );
  });

  it('a file over 1 MiB, at 1:1 and without parsing it', () => {
    const big = `version: 1\ngoals: [\n#${'x'.repeat(1024 * 1024)}\n`; // broken YAML too: it must not be read
    const result = parseStrategy(big, { now: NOW });
    assert.deepEqual(
      result.diagnostics.map((d) => [at(d), d.severity]),
      [['1:1', 'error']],
    );
    assert.match(result.diagnostics[0].message, /larger than 1 MiB \(\d+ bytes\)/);
  });

  it('an alias bomb, as a diagnostic on the first alias', () => {
    const bomb = yaml(
      'version: 1',
      'goals: []',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    );
    assert.equal(at(error(bomb, /aliases expand too much .*resource exhaustion/)), '4:8');
  });

  it('reports the problems of every goal at once, sorted by position', () => {
    const result = parseStrategy(
      yaml('version: 1', 'goals:', '  - { id: a, title: A, share: x }', '  - { id: a, title: B, parent: nope }'),
      { now: NOW },
    );
    assert.deepEqual(
      result.diagnostics.map((d) => `${at(d)} ${d.message.split(':')[0]}`),
      ['3:31 goal #1 (a)', "4:11 duplicate goal id 'a'", '4:32 goal #2 (a)'],
    );
  });

  it('never throws, whatever the input', () => {
    for (const text of [
      '\0',
      '- - -',
      '? [a]\n: b',
      '{',
      'goals: [*x]',
      'version: 1\ngoals:\n  - { id: a, title: A, match: null }',
      '\t\tgoals',
      'goals: [{ id: [1], title: {} }]',
    ]) {
      const result = parseStrategy(text, { now: NOW });
      assert.ok(
        result.diagnostics.some((d) => d.severity === 'error' && d.line >= 1 && d.column >= 1),
        `expected an error for ${JSON.stringify(text)}`,
      );
    }
  });
});
