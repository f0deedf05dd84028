// Globs of match rules, goal suggestions, and the JSON Schema generated from the zod schema.
import assert from 'node:assert/strict';
import { compileGlob, GlobError } from '../../src/core/glob';
import { parseStrategy, suggestGoals } from '../../src/core/strategy';
import { strategyJsonSchema } from '../../src/core/strategy/jsonSchema';

describe('globs', () => {
  const cases: [string, string, boolean][] = [
    ['services/checkout/**', 'services/checkout/api/cart.ts', true],
    ['services/checkout/**', 'services/billing/x.ts', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['**/*.ts', 'deep/down/x.ts', true],
    ['**/*.ts', 'x.ts', true],
    ['*.ts', 'dir/x.ts', false],
    ['checkout/*', 'checkout/fast', true],
    ['checkout/*', 'checkout/fast/more', false],
    ['file?.md', 'file1.md', true],
    ['file?.md', 'file10.md', false],
    ['{api,web}/**', 'web/index.html', true],
    ['{api,web}/**', 'cli/main.ts', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[!a-c]x', 'dx', true],
    ['a.b', 'aXb', false],
    ['lit\\*', 'lit*', true],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(compileGlob(pattern).test(path), expected);
    });
  }

  it('rejects broken patterns with a clear message', () => {
    assert.throws(() => compileGlob(''), (e: unknown) => e instanceof GlobError && /empty/.test(e.message));
    assert.throws(() => compileGlob('a[b'), /unclosed '\['/);
    assert.throws(() => compileGlob('{a,b'), /unclosed '\{'/);
    assert.throws(() => compileGlob('a\\'), /lone backslash/);
  });
});

describe('goal suggestions from match rules', () => {
  const strategy = parseStrategy(`version: 1
goals:
  - id: checkout
    title: Checkout
    match: { paths: ["services/checkout/**"], branches: ["pay/**"], keywords: [latency] }
  - id: docs
    title: Docs
    match: { paths: ["docs/**"], keywords: [readme] }
  - id: legacy
    title: Legacy
    status: stopped
    match: { paths: ["admin-legacy/**"] }
`).strategy!;

  it('ranks goals by changed files, branch names and keywords, with reasons', () => {
    const found = suggestGoals(strategy, { branch: 'pay/faster', files: ['services/checkout/a.ts', 'docs/x.md'], messages: ['Reduce latency', 'Update README'] });
    assert.deepEqual(found.map((s) => s.goal.id), ['checkout', 'docs']);
    assert.deepEqual(found[0].reasons, ['1 of 2 changed files match services/checkout/**', 'branch matches pay/**', "keyword 'latency' in 1 message"]);
  });

  it('matches keywords as whole words only, in branch names too', () => {
    assert.deepEqual(suggestGoals(strategy, { messages: ['latencyometer'] }), []);
    assert.deepEqual(suggestGoals(strategy, { branch: 'fix/latency-spike' }).map((s) => s.goal.id), ['checkout']);
  });

  it('flags stop-list work too, and returns nothing when nothing fits', () => {
    assert.deepEqual(suggestGoals(strategy, { files: ['admin-legacy/page.tsx'] }).map((s) => s.goal.id), ['legacy']);
    assert.deepEqual(suggestGoals(strategy, { branch: 'misc', files: ['x'], messages: ['y'] }), []);
  });
});

describe('the JSON Schema', () => {
  it('is generated from the zod schema with goal fields, the id pattern and descriptions', () => {
    const schema = strategyJsonSchema() as { properties: Record<string, any>; required?: string[] };
    assert.deepEqual(schema.required, ['goals']);
    const goal = schema.properties.goals.items;
    assert.deepEqual(Object.keys(goal.properties).sort(), ['due', 'id', 'match', 'outcome', 'owner', 'parent', 'share', 'status', 'title', 'why']);
    assert.equal(goal.properties.id.pattern, '^[a-z0-9][a-z0-9-]{0,62}$');
    assert.deepEqual(goal.properties.status.enum, ['active', 'paused', 'done', 'stopped']);
    assert.deepEqual(goal.required.sort(), ['id', 'title'], 'defaulted fields are optional on input');
    assert.match(goal.properties.share.description, /Intended %/);
  });
});
