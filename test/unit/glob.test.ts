// Globs of match.paths / match.branches: anchored, '/'-separated, and clear errors for broken ones.
import assert from 'node:assert/strict';
import { compileGlob, GlobError, globMatches } from '../../src/core/glob';

describe('globs', () => {
  const cases: [pattern: string, path: string, matches: boolean][] = [
    // `**`: any number of whole segments, including none
    ['services/checkout/**', 'services/checkout/api/cart.ts', true],
    ['services/checkout/**', 'services/checkout/a', true],
    ['services/checkout/**', 'services/billing/x.ts', false],
    ['services/checkout/**', 'services/checkout-old/x.ts', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/x/c', false],
    ['a/**/b', 'ab', false],
    ['**/*.ts', 'deep/down/x.ts', true],
    ['**/*.ts', 'x.ts', true],
    ['**/*.ts', 'x.tsx', false],
    ['**', 'any/thing/at/all', true],
    // `*` and `?` stay within one segment
    ['*.ts', 'x.ts', true],
    ['*.ts', 'dir/x.ts', false],
    ['checkout/*', 'checkout/fast', true],
    ['checkout/*', 'checkout/fast/more', false],
    ['a**b', 'aXYb', true],
    ['a**b', 'a/b', false],
    ['file?.md', 'file1.md', true],
    ['file?.md', 'file10.md', false],
    ['a?b', 'a/b', false],
    // classes
    ['[abc]x', 'bx', true],
    ['[abc]x', 'dx', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[!a-c]x', 'dx', true],
    ['[^a-c]x', 'dx', true],
    ['[^a-c]x', 'ax', false],
    ['[!a]', '/', false],
    ['[]]', ']', true],
    ['[\\]a]', ']', true],
    ['[\\d]', 'd', true],
    ['[\\d]', '5', false],
    // braces, nestable
    ['{api,web}/**', 'web/index.html', true],
    ['{api,web}/**', 'cli/main.ts', false],
    ['src/{a,b{1,2}}.ts', 'src/b2.ts', true],
    ['src/{a,b{1,2}}.ts', 'src/b3.ts', false],
    ['src/{a,b{1,2}}.ts', 'src/a.ts', true],
    // literals and escapes
    ['a.b', 'a.b', true],
    ['a.b', 'aXb', false],
    ['lit\\*', 'lit*', true],
    ['lit\\*', 'litX', false],
    ['\\{a,b\\}', '{a,b}', true],
    ['(x)+', '(x)+', true],
    ['(x)+', 'xx', false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(compileGlob(pattern).test(path), expected);
    });
  }

  it('matches the whole path, not a part of it', () => {
    assert.equal(compileGlob('docs/*').test('x/docs/readme'), false);
    assert.equal(compileGlob('docs').test('docs/readme'), false);
  });

  const errors: [pattern: string, message: RegExp][] = [
    ['', /^empty glob pattern$/],
    ['a[b', /glob 'a\[b' has an unclosed '\[' at position 2/],
    ['[!', /unclosed '\['/],
    ['{a,b', /glob '\{a,b' has an unclosed '\{' at position 1/],
    ['{a,{b}', /unclosed '\{'/],
    ['a\\', /glob 'a\\' ends with a lone backslash/],
    ['[z-a]', /glob '\[z-a\]' is not valid: Range out of order/],
  ];
  for (const [pattern, message] of errors) {
    it(`rejects ${JSON.stringify(pattern)} with a GlobError`, () => {
      assert.throws(() => compileGlob(pattern), (e: unknown) => e instanceof GlobError && e instanceof Error && message.test(e.message));
    });
  }

  it('globMatches treats a broken pattern as matching nothing', () => {
    assert.equal(globMatches('a[b', 'a[b'), false);
    assert.equal(globMatches('a/*', 'a/b'), true);
  });
});
