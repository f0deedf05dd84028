// Growing columns keep every value, below and above the size where they move to resizable buffers.
import assert from 'node:assert/strict';
import { bytesOf, column, grown } from '../../src/core/history/growable';

describe('growable columns', () => {
  it('keep their values and zero the new elements while growing past 4 MB', () => {
    let a = column(Float64Array, 1000);
    for (let i = 0; i < a.length; i++) a[i] = i + 0.5;
    let length = a.length;
    while (length < 1_500_000) {
      const before = length;
      length = Math.ceil(length * 1.5);
      a = grown(a, length);
      assert.equal(a.length, length);
      assert.equal(a[before], 0, 'new elements are zero');
      for (let i = before; i < length; i++) a[i] = i + 0.5;
    }
    assert.ok(a.byteLength > 4 * 1024 * 1024);
    for (let i = 0; i < a.length; i += 997) assert.equal(a[i], i + 0.5);
  });

  it('grows a Buffer view as bytes, keeping its contents', () => {
    let b = bytesOf(column(Uint8Array, 10, 1 << 30));
    b.write('abcdefghij');
    b = bytesOf(grown(b, 6 * 1024 * 1024, 1 << 30));
    assert.ok(Buffer.isBuffer(b));
    assert.equal(b.toString('latin1', 0, 10), 'abcdefghij');
    b = bytesOf(grown(b, 9 * 1024 * 1024, 1 << 30));
    assert.equal(b.toString('latin1', 0, 10), 'abcdefghij');
    assert.equal(b.length, 9 * 1024 * 1024);
  });
});
