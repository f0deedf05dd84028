// DESIGN §1 validation: one test per error and warning, each with its exact line:column.
import assert from 'node:assert/strict';
import { formatDiagnostic, parseStrategy } from '../../src/core/strategy';
import type { Diagnostic } from '../../src/core/strategy/types';

const NOW = new Date('2026-11-24T12:00:00Z');
const lines = (...l: string[]) => `${l.join('\n')}\n`;

function only(text: string, severity: 'error' | 'warning', pattern: RegExp): Diagnostic {
  const result = parseStrategy(text, { now: NOW });
  const found = result.diagnostics.filter((d) => d.severity === severity && pattern.test(d.message));
  assert.equal(found.length, 1, `expected one ${severity} matching ${pattern}, got:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
  if (severity === 'error') assert.equal(result.strategy, undefined, 'no strategy while an error remains');
  return found[0];
}

const at = (d: Diagnostic) => `${d.line}:${d.column}`;

describe('strategy.yaml errors', () => {
  it('YAML syntax, at the parser position', () => {
    const d = only(lines('version: 1', 'goals:', '  - id: a', '    title: a: b'), 'error', /^YAML: /);
    assert.equal(at(d), '4:12');
  });

  it('wrong types', () => {
    assert.equal(at(only(lines('version: 1', 'goals:', '  - id: a', '    title: A', '    share: lots'), 'error', /'share' must be a number, not text 'lots'/)), '5:12');
    assert.equal(at(only(lines('version: 1', 'goals: nope'), 'error', /'goals' must be a list/)), '2:8');
    assert.equal(at(only(lines('version: 1', 'goals: []', 'settings:', '  maxActive: two'), 'error', /settings: 'maxActive' must be a number/)), '4:14');
  });

  it('missing id or title, at the goal', () => {
    assert.equal(at(only(lines('version: 1', 'goals:', '  - title: A'), 'error', /goal #1: is missing required 'id'/)), '3:5');
    assert.equal(at(only(lines('version: 1', 'goals:', '  - id: a', '  - id: b', '    title: B'), 'error', /goal #1 \(a\): is missing required 'title'/)), '3:5');
  });

  it('bad id', () => {
    assert.equal(at(only(lines('version: 1', 'goals:', '  - id: Faster_Checkout', '    title: A'), 'error', /goal id 'Faster_Checkout' must be lowercase/)), '3:9');
  });

  it('duplicate ids, at the second', () => {
    assert.equal(at(only(lines('version: 1', 'goals:', '  - id: a', '    title: A', '  - id: a', '    title: B'), 'error', /duplicate goal id 'a' \(goal #1 has it already\)/)), '5:9');
  });

  it('unknown parent, with a suggestion', () => {
    const d = only(lines('version: 1', 'goals:', '  - id: revenue', '    title: R', '  - id: b', '    title: B', '    parent: revenu'), 'error', /parent 'revenu' is not a goal in this file \(did you mean 'revenue'\?\)/);
    assert.equal(at(d), '7:13');
  });

  it('parent cycles, naming the cycle', () => {
    const d = only(lines('version: 1', 'goals:', '  - { id: a, title: A, parent: b }', '  - { id: b, title: B, parent: c }', '  - { id: c, title: C, parent: a }'), 'error', /parent cycle: a → b → c → a/);
    assert.equal(at(d), '3:32');
    only(lines('version: 1', 'goals:', '  - { id: a, title: A, parent: a }'), 'error', /parent cycle: a → a/);
  });

  it('invalid glob', () => {
    const d = only(lines('version: 1', 'goals:', '  - id: a', '    title: A', '    match:', '      paths: ["ok/**", "bad[x"]'), 'error', /invalid glob in match\.paths: glob 'bad\[x' has an unclosed '\['/);
    assert.equal(at(d), '6:24');
    only(lines('version: 1', 'goals:', '  - id: a', '    title: A', '    match: { branches: ["{a,b"] }'), 'error', /invalid glob in match\.branches/);
  });

  it('invalid regex and a branchPattern without a goal group', () => {
    assert.equal(at(only(lines('version: 1', 'goals: []', 'settings:', '  branchPattern: "(["'), 'error', /branchPattern is not a valid regular expression/)), '4:18');
    assert.equal(at(only(lines('version: 1', 'goals: []', 'settings:', '  branchPattern: "^([a-z]+)/"'), 'error', /branchPattern needs a named group \(\?<goal>/)), '4:18');
  });

  it('values out of range, enums and dates', () => {
    only(lines('version: 1', 'goals:', '  - { id: a, title: A, share: 120 }'), 'error', /'share' must be a percentage between 0 and 100/);
    only(lines('version: 1', 'goals:', '  - { id: a, title: A, status: cancelled }'), 'error', /'status' must be active, paused, done or stopped, not "cancelled"/);
    only(lines('version: 1', 'goals:', '  - { id: a, title: A, due: 2026-02-30 }'), 'error', /'due' 2026-02-30 is not a calendar date/);
    only(lines('version: 2', 'goals: []'), 'error', /'version' must be 1/);
  });

  it('a file over 1 MiB is not parsed', () => {
    const d = only(`version: 1\ngoals: []\n#${'x'.repeat(1024 * 1024)}\n`, 'error', /larger than 1 MiB/);
    assert.equal(at(d), '1:1');
  });

  it('alias bombs become a diagnostic, not a hang or a crash', () => {
    const bomb = lines('a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'goals: []');
    assert.equal(at(only(bomb, 'error', /resource exhaustion/)), '1:1');
  });

  it('empty files, several documents and a top level that is not a mapping', () => {
    only('', 'error', /is empty/);
    assert.equal(at(only(lines('goals: []', '---', 'goals: []'), 'error', /one YAML document/)), '2:1');
    only(lines('- a', '- b'), 'error', /must be a mapping/);
  });
});

describe('strategy.yaml warnings (the strategy stays usable)', () => {
  function warning(text: string, pattern: RegExp): Diagnostic {
    const d = only(text, 'warning', pattern);
    assert.ok(parseStrategy(text, { now: NOW }).strategy, 'warnings keep the strategy');
    return d;
  }

  it('unknown keys at every level, with "did you mean"', () => {
    assert.equal(at(warning(lines('version: 1', 'gaols: []', 'goals: []'), /unknown key 'gaols': did you mean 'goals'\?/)), '2:1');
    assert.equal(at(warning(lines('version: 1', 'goals:', '  - id: a', '    title: A', '    stauts: active'), /unknown key 'stauts' in goal #1: did you mean 'status'\?/)), '5:5');
    warning(lines('version: 1', 'goals:', '  - id: a', '    title: A', '    match: { keyword: [x] }'), /unknown key 'keyword' in goal #1 match: did you mean 'keywords'\?/);
    warning(lines('version: 1', 'goals: []', 'settings:', '  trailers: Goal'), /unknown key 'trailers' in settings: did you mean 'trailer'\?/);
    warning(lines('version: 1', 'goals: []', 'settings:', '  untagged: { comits: 3 }'), /unknown key 'comits' in settings\.untagged: did you mean 'commits'\?/);
    const far = warning(lines('version: 1', 'goals: []', 'colour: blue'), /unknown key 'colour' \(ignored\)/);
    assert.doesNotMatch(far.message, /did you mean/);
  });

  it('more active goals than maxActive, naming the top ones', () => {
    const text = lines('version: 1', 'goals:', '  - { id: a, title: A }', '  - { id: b, title: B }', '  - { id: c, title: C, status: paused }', '  - { id: d, title: D }', '  - { id: e, title: E }', 'settings: { maxActive: 2 }');
    const d = warning(text, /4 active goals, more than maxActive 2: .*The top 2 are 'a', 'b'/);
    assert.equal(d.line, 6);
  });

  it('shares over 100 in total', () => {
    assert.equal(at(warning(lines('version: 1', 'goals:', '  - { id: a, title: A, share: 70 }', '  - { id: b, title: B, share: 40 }'), /shares add up to 110%/)), '2:1');
  });

  it('a share on a goal that is not active', () => {
    assert.equal(at(warning(lines('version: 1', 'goals:', '  - { id: a, title: A, status: done, share: 10 }'), /is done but has a share of 10%/)), '3:45');
  });

  it('duplicate titles', () => {
    assert.equal(at(warning(lines('version: 1', 'goals:', '  - { id: a, title: Speed }', '  - { id: b, title: speed }'), /same title as goal #1/)), '4:21');
  });

  it('an active goal past its due date (but not a done one)', () => {
    assert.equal(at(warning(lines('version: 1', 'goals:', '  - { id: a, title: A, due: 2026-11-01 }', '  - { id: b, title: B, due: 2026-11-01, status: done }'), /\(a\) is active but was due 2026-11-01/)), '3:29');
  });

  it('a missing version', () => {
    assert.equal(at(warning(lines('goals: []'), /add 'version: 1'/)), '1:1');
  });
});

describe('a valid strategy.yaml', () => {
  const example = lines(
    'version: 1', 'period: 2026-Q4', 'goals:',
    '  - id: faster-checkout', '    title: Cut checkout p95 below 400 ms', '    status: active', '    why: Checkout latency is our top churn driver',
    '    outcome: p95 checkout latency < 400 ms', '    owner: payments', '    due: 2026-12-31', '    share: 40', '    parent: grow-revenue',
    '    match:', '      paths: ["services/checkout/**"]', '      branches: ["checkout/**"]', '      keywords: [checkout, latency]',
    '  - id: grow-revenue', '    title: Grow revenue',
    '  - id: legacy-admin-ui', '    title: New features in the legacy admin UI', '    status: stopped', '    match: { paths: ["admin-legacy/**"] }',
    'settings:', '  trailer: Goal', '  branchPattern: "^(?<goal>[a-z0-9-]+)/"', '  untagged: { commits: 3, days: 2 }', '  maxActive: 3', '  base: main',
  );

  it('loads the DESIGN §1 example with ranks and no diagnostics', () => {
    const result = parseStrategy(example, { now: NOW });
    assert.deepEqual(result.diagnostics, []);
    const s = result.strategy!;
    assert.equal(s.period, '2026-Q4');
    assert.deepEqual(s.goals.map((g) => [g.id, g.rank, g.status]), [['faster-checkout', 1, 'active'], ['grow-revenue', 2, 'active'], ['legacy-admin-ui', 3, 'stopped']]);
    assert.equal(s.goals[0].share, 40);
    assert.deepEqual(s.goals[0].match.keywords, ['checkout', 'latency']);
    assert.equal(s.settings.base, 'main');
  });

  it('fills in every default', () => {
    const s = parseStrategy(lines('version: 1', 'goals:', '  - id: a', '    title: A')).strategy!;
    assert.deepEqual(s.goals[0].match, { paths: [], branches: [], keywords: [] });
    assert.equal(s.goals[0].status, 'active');
    assert.deepEqual(s.settings, { trailer: 'Goal', branchPattern: '^(?<goal>[a-z0-9-]+)/', untagged: { commits: 3, days: 2 }, maxActive: 3 });
  });

  it('formats diagnostics as file:line:col: severity: message', () => {
    assert.equal(formatDiagnostic({ severity: 'error', message: 'boom', line: 3, column: 7 }), 'strategy.yaml:3:7: error: boom');
  });
});
