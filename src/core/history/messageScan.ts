// A commit message read straight from git's bytes (ingest.ts): byte loops find its first `Key: …`
// line and its first possible issue key, and only the lines that may name a key are decoded. Most
// messages have neither: they are never decoded at all.
import { issueKeysIn } from '../issueKeys';

/** Bytes that may end the project of a key in a message (`PAY` of `PAY-7`: upper case, digits, `_`). */
const PROJECT_END = new Uint8Array(256);
/** Bytes that may not come just before `#N` (issueKeys.ts: a word, `/`, `#`, `&`). */
const NOT_BEFORE_NUMBER = new Uint8Array(256);
for (let c = 48; c <= 57; c++) PROJECT_END[c] = NOT_BEFORE_NUMBER[c] = 1;
for (let c = 65; c <= 90; c++) PROJECT_END[c] = NOT_BEFORE_NUMBER[c] = NOT_BEFORE_NUMBER[c + 32] = 1;
for (const c of [95, 47, 35, 38]) NOT_BEFORE_NUMBER[c] = 1;
PROJECT_END[95] = 1;

/**
 * Where the first possible issue key of the message data[start, end) at or after `from` is
 * (isKeyCandidate), else -1. Its own loop beside keyLine's: one loop asking both ran slower.
 */
export function firstKeyCandidate(data: Buffer, start: number, from: number, end: number): number {
  for (let i = from; i < end - 1; i++) {
    const c = data[i];
    if ((c === 45 || c === 35) && data[i + 1] >= 49 && data[i + 1] <= 57 && isKeyCandidate(data, i, start, end)) return i;
  }
  return -1;
}

/**
 * Whether the `-` or `#` at data[i] may be part of a key issueKeysIn accepts in a message: a digit
 * 1-9 follows, and before it comes an upper-case letter, a digit or `_` (`PAY-7`), or, for `#`,
 * no word, `/`, `#` or `&` (`#88`). Every accepted key has one; most messages have none.
 */
function isKeyCandidate(data: Buffer, i: number, start: number, end: number): boolean {
  if (i + 1 >= end || data[i + 1] < 49 || data[i + 1] > 57) return false;
  if (data[i] === 45) return i > start && PROJECT_END[data[i - 1]] === 1;
  return data[i] === 35 && (i === start || NOT_BEFORE_NUMBER[data[i - 1]] === 0);
}

/**
 * issueKeysIn of the message data[start, end), whose first possible key is at `candidate`: only the
 * lines holding one are decoded. No key, nor what may not come before or after it, holds a \n,
 * so the lines give the keys the whole message would, in the same order.
 */
export function issueKeysOfMessage(data: Buffer, start: number, end: number, candidate: number): string[] {
  const keys = new Set<string>();
  for (let at = candidate; at !== -1;) {
    const lineStart = Math.max(start, data.lastIndexOf(10, at) + 1);
    let lineEnd = data.indexOf(10, at);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    for (const key of issueKeysIn(data.toString('utf8', lineStart, lineEnd))) keys.add(key);
    at = firstKeyCandidate(data, start, lineEnd + 1, end);
  }
  return [...keys];
}

/**
 * Where the first line of the message data[start, end) starting at or after `from` begins
 * with `key:` (ASCII case-insensitive), else -1: most messages have none. Lines end at \n or \r,
 * as for `^` in a multiline RegExp. A byte loop: a Buffer#indexOf call per colon costs more.
 */
export function keyLine(data: Buffer, start: number, from: number, end: number, key: Buffer): number {
  for (let at = from; at < end; at = endOfLine(data, at, end) + 1) {
    if (at !== start && data[at - 1] !== 10 && data[at - 1] !== 13) continue;
    if (keyAt(data, at, end, key)) return at;
  }
  return -1;
}

/** Whether `key:` (`key` lower case; ASCII case-insensitive) starts at data[at] and ends before `end`. */
function keyAt(data: Buffer, at: number, end: number, key: Buffer): boolean {
  if (at + key.length >= end || data[at + key.length] !== 58) return false;
  for (let i = 0; i < key.length; i++) if ((data[at + i] | 0x20) !== key[i] && data[at + i] !== key[i]) return false;
  return true;
}

export function hasByte(data: Buffer, start: number, end: number, byte: number): boolean {
  for (let i = start; i < end; i++) if (data[i] === byte) return true;
  return false;
}

/** The first \n or \r of data[at, end), else end. */
export function endOfLine(data: Buffer, at: number, end: number): number {
  while (at < end && data[at] !== 10 && data[at] !== 13) at++;
  return at;
}
