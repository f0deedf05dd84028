// Globs of match.paths / match.branches: anchored, '/'-separated, and clear errors for broken ones.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, GlobError, globMatches } from '../../src/core/glob';
import { timedWithin } from './helpers/timing';

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
      assert.throws(
        () => compileGlob(pattern),
        (e: unknown) => e instanceof GlobError && e instanceof Error && message.test(e.message),
      );
    });
  }

  it('globMatches treats a broken pattern as matching nothing', () => {
    assert.equal(globMatches('a[b', 'a[b'), false);
    assert.equal(globMatches('a/*', 'a/b'), true);
  });

  it('matches exactly as its regular expression reads, on any pattern and path (property)', () => {
    // Patterns from the syntax's pieces, paths from the letters they name: the non-backtracking
    // matcher must give the regex's answer every time.
    const piece = fc.constantFrom('a', 'b', '/', '*', '**', '**/', '?', '[ab]', '[!a]', '{a,b}', '{a/b,*}', '{,a}', '\\*', '*');
    const pattern = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    const path = fc.array(fc.constantFrom('a', 'b', '/', '*'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pattern, fc.array(path, { minLength: 1, maxLength: 8 }), (p, paths) => {
        const glob = compileGlob(p);
        const reference = new RegExp(glob.source);
        for (const x of paths) assert.equal(glob.test(x), reference.test(x), `${p} on ${JSON.stringify(x)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes polynomial time on patterns that make a regex backtrack for ever', () => {
    const name = 'a'.repeat(60);
    for (const [pattern, path] of [
      [`${'*a'.repeat(12)}*x`, name], // half a second with six stars as a regex, doubling per star
      [`${'**/'.repeat(3)}${'*a'.repeat(8)}*x`, `${'a/'.repeat(40)}${name}`],
      [`{${Array.from({ length: 16 }, (_, i) => `*a${i}`).join(',')}}${'*a'.repeat(8)}*x`, name],
      [`${'{*,a}'.repeat(20)}x`, name],
    ]) {
      const { result, cpuMs } = timedWithin(200, () => compileGlob(pattern).test(path));
      assert.equal(result, false);
      assert.ok(cpuMs < 200, `${pattern}: ${cpuMs.toFixed(0)} ms CPU`);
    }
  });
});
