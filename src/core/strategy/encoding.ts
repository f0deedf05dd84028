// strategy.yaml's bytes as text. The file must be UTF-8 (a byte order mark is fine): bytes of
// another encoding are an error at their line:column, never silently read as U+FFFD (a title
// saved as Latin-1 would come out mangled in every view and report).
import type { Diagnostic } from './types';

export function decodeStrategy(bytes: Uint8Array): { text: string } | { problem: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { severity: 'error', message: 'strategy.yaml is saved as UTF-16: save it as UTF-8', line: 1, column: 1 } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = Buffer.from(bytes.subarray(0, at))
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const message = `strategy.yaml is not valid UTF-8: byte 0x${byte} cannot be read; save the file as UTF-8`;
    return { problem: { severity: 'error', message, line, column: before.length - lineStart + 1 } };
  }
}

/**
 * Where the text has a NUL character, if anywhere: YAML forbids it, and in practice it means a
 * binary file or UTF-16 saved without a byte order mark.
 */
export function nulProblem(text: string): Diagnostic | undefined {
  const at = text.indexOf('\0');
  if (at === -1) return undefined;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return {
    severity: 'error',
    message: 'strategy.yaml contains a NUL character: it is not a text file (or is UTF-16 without a byte order mark); save it as UTF-8',
    line,
    column,
  };
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    // Continuation bytes after the lead: how many, and the range the first one must be in.
    const [count, low, high] =
      c < 0x80
        ? [0, 0, 0]
        : c >= 0xc2 && c <= 0xdf
          ? [1, 0x80, 0xbf]
          : c === 0xe0
            ? [2, 0xa0, 0xbf]
            : c === 0xed
              ? [2, 0x80, 0x9f]
              : c >= 0xe1 && c <= 0xef
                ? [2, 0x80, 0xbf]
                : c === 0xf0
                  ? [3, 0x90, 0xbf]
                  : c >= 0xf1 && c <= 0xf3
                    ? [3, 0x80, 0xbf]
                    : c === 0xf4
                      ? [3, 0x80, 0x8f]
                      : [-1, 0, 0];
    if (count < 0) return i;
    if (count > 0 && !(b[i + 1] >= low && b[i + 1] <= high)) return i;
    for (let k = 2; k <= count; k++) if (!(b[i + k] >= 0x80 && b[i + k] <= 0xbf)) return i;
    i += count + 1;
  }
  return b.length;
}
