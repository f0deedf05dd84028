// DESIGN §1 validation warnings: one test per rule, each with its exact line:column. Warnings keep
// the strategy usable.
import assert from 'node:assert/strict';
import { formatDiagnostic, parseStrategy } from '../../src/core/strategy';
import type { Diagnostic } from '../../src/core/strategy/types';

const NOW = new Date(2026, 10, 24, 12); // 24 Nov 2026, local time
const yaml = (...l: string[]) => `${l.join('\n')}\n`;
const at = (d: Diagnostic) => `${d.line}:${d.column}`;

/** The one warning matching `pattern`; fails when there is none or several, or no strategy. */
function warning(text: string, pattern: RegExp, now = NOW): Diagnostic {
  const result = parseStrategy(text, { now });
  const found = result.diagnostics.filter((d) => d.severity === 'warning' && pattern.test(d.message));
  assert.equal(
    found.length,
    1,
    `expected one warning matching ${pattern}, got:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`,
  );
  assert.ok(result.strategy, 'warnings keep the strategy');
  return found[0];
}

function noWarning(text: string, pattern: RegExp, now = NOW): void {
  const result = parseStrategy(text, { now });
  assert.ok(result.strategy);
  assert.deepEqual(
    result.diagnostics.filter((d) => pattern.test(d.message)),
    [],
  );
}

describe('strategy.yaml warnings', () => {
  it('an unknown top-level key, with "did you mean", on the key', () => {
    assert.equal(
      at(warning(yaml('version: 1', 'goals: []', 'setings: {}'), /^unknown key 'setings': did you mean 'settings'\? \(ignored\)$/)),
      '3:1',
    );
  });

  it('an unknown goal key, naming the goal', () => {
    assert.equal(
      at(
        warning(
          yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    stauts: active'),
          /^unknown key 'stauts' in goal #1 \(a\): did you mean 'status'\?/,
        ),
      ),
      '5:5',
    );
  });

  it('an unknown match key', () => {
    assert.equal(
      at(
        warning(
          yaml('version: 1', 'goals:', '  - id: a', '    title: A', '    match: { keyword: [x] }'),
          /^unknown key 'keyword' in goal #1 \(a\) match: did you mean 'keywords'\?/,
        ),
      ),
      '5:14',
    );
  });

  it('an unknown settings key', () => {
    assert.equal(
      at(
        warning(
          yaml('version: 1', 'goals: []', 'settings:', '  trailers: Goal'),
          /^unknown key 'trailers' in settings: did you mean 'trailer'\?/,
        ),
      ),
      '4:3',
    );
  });

  it('an unknown settings.untagged key', () => {
    assert.equal(
      at(
        warning(
          yaml('version: 1', 'goals: []', 'settings:', '  untagged: { comits: 3 }'),
          /^unknown key 'comits' in settings\.untagged: did you mean 'commits'\?/,
        ),
      ),
      '4:15',
    );
  });

  it('an unknown key far from every known one gets no suggestion', () => {
    const d = warning(yaml('version: 1', 'goals: []', 'colour: blue'), /^unknown key 'colour' \(ignored\)$/);
    assert.equal(at(d), '3:1');
  });

  it('a missing version, read as 1, at the top mapping', () => {
    const d = warning(yaml('# our plan', 'goals: []'), /^no 'version': add 'version: 1'/);
    assert.equal(at(d), '2:1');
    assert.equal(parseStrategy(yaml('goals: []')).strategy?.version, 1);
  });

  it('more active goals than maxActive, naming the top ones, on the first one too many', () => {
    const text = yaml(
      'version: 1',
      'goals:',
      '  - { id: a, title: A }',
      '  - { id: b, title: B }',
      '  - { id: c, title: C, status: paused }',
      '  - { id: d, title: D }',
      '  - { id: e, title: E }',
      'settings: { maxActive: 2 }',
    );
    const d = warning(text, /^4 active goals, more than maxActive 2: focus on 'a', 'b'; pause or stop 'd', 'e'$/);
    assert.equal(at(d), '6:5');
    noWarning(
      yaml('version: 1', 'goals:', '  - { id: a, title: A }', '  - { id: b, title: B }', '  - { id: c, title: C }'),
      /active goals/,
    );
  });

  it('shares over 100 in total, on the goals key', () => {
    const d = warning(
      yaml('version: 1', 'goals:', '  - { id: a, title: A, share: 70 }', '  - { id: b, title: B, share: 40 }'),
      /^intended shares add up to 110%, more than 100% \(a 70, b 40\)$/,
    );
    assert.equal(at(d), '2:1');
    noWarning(yaml('version: 1', 'goals:', '  - { id: a, title: A, share: 60 }', '  - { id: b, title: B, share: 40 }'), /shares add up/);
  });

  it('a share on a goal that is not active, on the share', () => {
    const d = warning(
      yaml('version: 1', 'goals:', '  - { id: a, title: A, status: done, share: 10 }'),
      /^goal #1 \(a\) is done but has a share of 10%: shares are for active goals$/,
    );
    assert.equal(at(d), '3:45');
  });

  it('duplicate titles (ignoring case), on the second title', () => {
    const d = warning(
      yaml('version: 1', 'goals:', '  - { id: a, title: Speed }', '  - { id: b, title: speed }'),
      /^goal #2 \(b\) has the same title as goal #1 \(a\): 'speed'$/,
    );
    assert.equal(at(d), '4:21');
  });

  it('an active goal past its due date, on the date (not a done one, not one due today)', () => {
    const text = yaml(
      'version: 1',
      'goals:',
      '  - { id: a, title: A, due: 2026-11-23 }',
      '  - { id: b, title: B, due: 2026-11-01, status: done }',
      '  - { id: c, title: C, due: 2026-11-24 }',
    );
    const d = warning(text, /was due/);
    assert.match(d.message, /^goal #1 \(a\) is active but was due 2026-11-23/);
    assert.equal(at(d), '3:29');
    noWarning(text, /was due/, new Date(2026, 10, 23, 23, 59));
  });
});
