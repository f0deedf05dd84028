// strategy.yaml must be UTF-8 text: other encodings are an error at the first unreadable byte,
// never a title quietly mangled into U+FFFD.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatDiagnostic, loadStrategyFile } from '../../src/core/strategy';
import { decodeStrategy } from '../../src/core/strategy/encoding';

const dir = mkdtempSync(join(tmpdir(), 'sa-encoding-'));
async function load(bytes: Buffer): Promise<string[]> {
  const file = join(dir, 'strategy.yaml');
  writeFileSync(file, bytes);
  return (await loadStrategyFile(file)).diagnostics.map((d) => formatDiagnostic(d));
}

describe('strategy.yaml encodings', () => {
  it('a Latin-1 title is an error at its first unreadable byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('version: 1\ngoals:\n  - id: cafe\n    title: Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' au lait\n'),
    ]);
    assert.deepEqual(await load(bytes), [
      'strategy.yaml:4:15: error: strategy.yaml is not valid UTF-8: byte 0xE9 cannot be read; save the file as UTF-8',
    ]);
  });

  it('counts columns in characters after multi-byte UTF-8 and a byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFFtitle: ✓ ok '), Buffer.from([0xc0, 0xaf])]);
    assert.deepEqual(await load(bytes), [
      'strategy.yaml:1:13: error: strategy.yaml is not valid UTF-8: byte 0xC0 cannot be read; save the file as UTF-8',
    ]);
  });

  it('UTF-16 with a byte order mark is named as such', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\ngoals: []\n', 'utf16le')]);
    assert.deepEqual(await load(utf16), ['strategy.yaml:1:1: error: strategy.yaml is saved as UTF-16: save it as UTF-8']);
  });

  it('UTF-16 without one (NUL characters) is an error at the first NUL', async () => {
    assert.deepEqual(await load(Buffer.from('version: 1\ngoals: []\n', 'utf16le')), [
      'strategy.yaml:1:2: error: strategy.yaml contains a NUL character: it is not a text file (or is UTF-16 without a byte order mark); save it as UTF-8',
    ]);
  });

  it('decodes exactly what a strict UTF-8 decoder accepts, and never throws', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const isUtf16 = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
    // Random bytes (mostly invalid) and the UTF-8 of random text (valid, multi-byte), mixed.
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((t) => new Uint8Array(Buffer.from(t))),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        let text: string | undefined;
        try {
          text = strict.decode(b);
        } catch {
          text = undefined;
        }
        const decoded = decodeStrategy(b);
        if (text !== undefined && !isUtf16(b)) assert.deepEqual(decoded, { text });
        else assert.ok('problem' in decoded && decoded.problem.line >= 1 && decoded.problem.column >= 1, JSON.stringify(decoded));
      }),
      { numRuns: 3000 },
    );
  });
});
