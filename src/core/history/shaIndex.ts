// sha → row without a JavaScript string per commit: the binary shas sit in one buffer, and an
// open-addressing table of row numbers (linear probing, at most half full) finds them.

import { bytesOf, column, grown, MAX_ROWS } from './growable';

const EMPTY = -1;

export class ShaIndex {
  /** Row r's sha is bytes [r * width, (r + 1) * width). */
  shas: Buffer;
  private slots: Int32Array;
  /** The first four bytes of each slot's sha: most probes are settled without touching `shas`. */
  private slotKeys: Int32Array;
  private used = 0;
  private readonly scratch: Buffer;

  constructor(
    readonly width: number,
    rows: number,
    slotsFor = rows,
  ) {
    this.shas = bytesOf(column(Uint8Array, rows * width, MAX_ROWS * width));
    this.slots = new Int32Array(slotCount(slotsFor)).fill(EMPTY);
    this.slotKeys = new Int32Array(this.slots.length);
    this.scratch = Buffer.alloc(width);
  }

  /** Loads a saved column of shas (rows in order) and indexes them. */
  static fromShas(width: number, shas: Buffer, rows: number, capacity: number): ShaIndex {
    const index = new ShaIndex(width, 0, capacity);
    index.shas = bytesOf(grown(shas, capacity * width, MAX_ROWS * width));
    for (let row = 0; row < rows; row++) index.insert(row);
    return index;
  }

  growRows(rows: number): void {
    this.shas = bytesOf(grown(this.shas, rows * this.width, MAX_ROWS * this.width));
  }

  findHex(hex: string): number {
    if (hex.length !== this.width * 2 || !/^[0-9a-f]+$/.test(hex)) return EMPTY;
    this.scratch.write(hex, 'hex');
    return this.findScratch();
  }

  /** Decodes the hex sha at data[start..] into the scratch buffer and looks it up. */
  findHexBytes(data: Buffer, start: number, hexLength: number): number {
    if (hexLength !== this.width * 2) throw new Error(`unexpected object name length ${hexLength}`);
    const s = this.scratch;
    for (let i = 0, j = start; i < this.width; i++, j += 2) s[i] = (NIBBLES[data[j]] << 4) | NIBBLES[data[j + 1]];
    return this.findScratch();
  }

  /** Stores the sha last decoded by findHexBytes/findHex as `row`'s and indexes it. */
  insertLastDecoded(row: number): void {
    const { scratch, shas, width } = this;
    for (let i = 0, at = row * width; i < width; i++, at++) shas[at] = scratch[i]; // Buffer#copy's checks cost more than 20 bytes
    this.insert(row);
  }

  hex(row: number): string {
    return this.shas.toString('hex', row * this.width, (row + 1) * this.width);
  }

  private findScratch(): number {
    const mask = this.slots.length - 1;
    const s = this.scratch;
    const key = s[0] | (s[1] << 8) | (s[2] << 16) | (s[3] << 24);
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot];
      if (row === EMPTY) return EMPTY;
      if (this.slotKeys[slot] !== key) continue;
      const base = row * this.width;
      let i = 4;
      while (i < this.width && this.shas[base + i] === s[i]) i++;
      if (i === this.width) return row;
    }
  }

  private insert(row: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.rehash();
    const mask = this.slots.length - 1;
    const b = row * this.width;
    const key = this.shas[b] | (this.shas[b + 1] << 8) | (this.shas[b + 2] << 16) | (this.shas[b + 3] << 24);
    let slot = key & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = row;
    this.slotKeys[slot] = key;
    this.used++;
  }

  /** Doubles the slots, placing each row by its slot key: no sha is read again. */
  private rehash(): void {
    const oldSlots = this.slots;
    const oldKeys = this.slotKeys;
    const slots = new Int32Array(oldSlots.length * 2).fill(EMPTY);
    const keys = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] === EMPTY) continue;
      const key = oldKeys[i];
      let slot = key & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = oldSlots[i];
      keys[slot] = key;
    }
    this.slots = slots;
    this.slotKeys = keys;
  }
}

function slotCount(rows: number): number {
  let n = 1024;
  while (n < rows * 2) n *= 2;
  return n;
}

const NIBBLES = new Uint8Array(256);
for (let i = 0; i < 10; i++) NIBBLES[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLES[97 + i] = NIBBLES[65 + i] = 10 + i;
