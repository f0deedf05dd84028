// Line:column as an editor shows them, whatever the file's line endings and byte order mark.
import assert from 'node:assert/strict';
import { formatDiagnostic, parseStrategy } from '../../src/core/strategy';

const NOW = new Date(2026, 10, 24, 12);
const positions = (text: string) => parseStrategy(text, { now: NOW }).diagnostics.map((d) => formatDiagnostic(d));

describe('strategy.yaml positions', () => {
  const lines = ['versoin: 1', 'goals:', '  - id: a', '    title: A', '    share: lots'];
  const expected = [
    "strategy.yaml:1:1: warning: unknown key 'versoin': did you mean 'version'? (ignored)",
    "strategy.yaml:1:1: warning: no 'version': add 'version: 1' at the top (read as version 1)",
    "strategy.yaml:5:12: error: goal #1 (a): 'share' must be a number, not text 'lots'",
  ];

  it('LF, the reference', () => {
    assert.deepEqual(positions(`${lines.join('\n')}\n`), expected);
  });

  it('a byte order mark does not shift line 1', () => {
    assert.deepEqual(positions(`\uFEFF${lines.join('\n')}\n`), expected);
  });

  it('CRLF line endings, with and without a byte order mark', () => {
    assert.deepEqual(positions(`${lines.join('\r\n')}\r\n`), expected);
    assert.deepEqual(positions(`\uFEFF${lines.join('\r\n')}\r\n`), expected);
  });

  it('old Mac line endings (a lone CR) count as line breaks, as in the editor', () => {
    assert.deepEqual(positions(`${lines.join('\r')}\r`), expected);
    assert.deepEqual(positions(`${lines.slice(0, 3).join('\r\n')}\r${lines.slice(3).join('\n')}\n`), expected);
  });

  it('errors after a broken multi-line flow collection stay on their own lines', () => {
    const text = 'version: 1\ngoals: [{ }: &a  }, [\n  - x, goals: ]]\nextra: &a \n';
    assert.deepEqual(
      positions(text)
        .filter((d) => /flow-seq-end|"extra"/.test(d))
        .map((d) => d.split(': error')[0]),
      ['strategy.yaml:3:15', 'strategy.yaml:3:16', 'strategy.yaml:4:1'],
    );
  });

  it('a position on the LF of a CRLF is shown at the end of its line, as with LF', () => {
    const text = 'version: 1\ngoals: { [:  }\nextra: 1\n';
    assert.deepEqual(positions(text.replace(/\n/g, '\r\n')), positions(text));
    assert.deepEqual(
      positions(text).map((d) => d.split(': error')[0]),
      ['strategy.yaml:2:14', 'strategy.yaml:2:15'],
    );
  });

  it('a parser message quoting raw source reads the same for CRLF and LF', () => {
    const text = 'version: 1\ngoals: [[\n  - \n], ]\nextra: x\n';
    assert.ok(positions(text).some((d) => d.endsWith('Unexpected scalar token in YAML stream: ", ]\\nextra"')));
    assert.deepEqual(positions(text.replace(/\n/g, '\r\n')), positions(text));
  });

  it('a BOM file that is valid loads as the same strategy', () => {
    const text = 'version: 1\r\ngoals:\r\n  - { id: a, title: A }\r\n';
    assert.deepEqual(parseStrategy(`\uFEFF${text}`, { now: NOW }), parseStrategy(text, { now: NOW }));
  });
});
