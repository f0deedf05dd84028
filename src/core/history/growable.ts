// Columns that grow. Small ones are plain typed arrays, grown by copying. Large ones (from 4 MB) live
// on resizable ArrayBuffers: growing commits more of an address range reserved up front, so a
// column never exists twice while it is copied and unused capacity costs address space, not memory
// (a million commits stay under 300 MB). Not all of them: element access on resizable buffers is
// about 2.5x slower on Node 20's V8, which a 100k-commit history would pay for nothing. Where a
// runtime lacks resizable buffers, every column grows by copying.

export type Column = Uint8Array | Int16Array | Int32Array | Uint32Array | Float64Array;
type ColumnType<T extends Column> = {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  new (length: number): T;
  BYTES_PER_ELEMENT: number;
};

/** The most rows a table can hold (about 67 million commits). */
export const MAX_ROWS = 1 << 26;

interface ResizableBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  resize(byteLength: number): void;
}

const RESIZABLE = (() => {
  try {
    return (
      new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ResizableBuffer)(8, { maxByteLength: 16 })
        .resizable === true
    );
  } catch {
    return false;
  }
})();

/** From this size a column is kept on a resizable buffer. */
const RESIZABLE_FROM_BYTES = 4 * 1024 * 1024;

function reserve(byteLength: number, maxByteLength: number): ArrayBuffer {
  if (!RESIZABLE || byteLength < RESIZABLE_FROM_BYTES) return new ArrayBuffer(byteLength);
  return new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(byteLength, {
    maxByteLength: Math.max(byteLength, maxByteLength),
  });
}

/** A zeroed column of `length` elements that can grow up to `maxLength`. */
export function column<T extends Column>(Type: ColumnType<T>, length: number, maxLength = MAX_ROWS): T {
  return new Type(reserve(length * Type.BYTES_PER_ELEMENT, maxLength * Type.BYTES_PER_ELEMENT), 0, length);
}

/** `array` grown to `length` elements (its contents kept; new elements zero), up to `maxLength`. */
export function grown<T extends Column>(array: T, length: number, maxLength = MAX_ROWS): T {
  // A Buffer's constructor is the deprecated Buffer(): grow its memory as the Uint8Array it is.
  const Type = (Buffer.isBuffer(array) ? Uint8Array : array.constructor) as ColumnType<T>;
  const buffer = array.buffer as ResizableBuffer;
  const bytes = length * Type.BYTES_PER_ELEMENT;
  if (RESIZABLE && buffer.resizable && bytes <= (buffer as unknown as { maxByteLength: number }).maxByteLength) {
    buffer.resize(bytes);
    return new Type(buffer, 0, length);
  }
  const copy = new Type(reserve(bytes, maxLength * Type.BYTES_PER_ELEMENT), 0, length);
  copy.set(array);
  return copy;
}

/** A Buffer view of a Uint8Array column (same memory). */
export function bytesOf(array: Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.length);
}
