// Property tests (fast-check): the strategy loader and the tag parsers never throw on any input,
// and what the tool writes reads back as the same tags (through git itself where git parses).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { goalLinesIn, parseGoalValues } from '../../src/core/git';
import { parseStrategy } from '../../src/core/strategy';
import { appendGoalTrailer } from '../../src/core/tagging';
import { timedWithin } from './helpers/timing';
import { trailersOf, trailersOfMany } from './helpers/trailerOracle';

const goalId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

describe('properties', () => {
  it('parseStrategy never throws and always answers, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = parseStrategy(text);
        assert.ok(Array.isArray(result.diagnostics));
        assert.ok(result.strategy || result.diagnostics.some((d) => d.severity === 'error'));
        for (const d of result.diagnostics) assert.ok(d.line >= 1 && d.column >= 1, JSON.stringify(d));
      }),
      { numRuns: 300 },
    );
  });

  it('parseStrategy never throws on any YAML structure, and points every diagnostic inside the file', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(
          fc.record({
            id: fc.oneof(goalId, fc.string()),
            title: fc.string(),
            status: fc.constantFrom('active', 'paused', 'done', 'stopped', 'x'),
            share: fc.integer({ min: -10, max: 200 }),
            parent: fc.option(goalId),
          }),
          { maxLength: 6 },
        ),
        (extra, goals) => {
          const text = stringify({ version: 1, goals, extra });
          const lines = text.split('\n').length;
          const result = parseStrategy(text);
          for (const d of result.diagnostics) assert.ok(d.line >= 1 && d.line <= lines + 1, `${d.line} of ${lines}: ${d.message}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('goal lines written as a note read back as the same ids', () => {
    fc.assert(
      fc.property(fc.array(goalId, { minLength: 1, maxLength: 5 }), fc.constantFrom('Goal', 'Objective'), (ids, key) => {
        const note = ids.map((id) => `${key}: ${id}`).join('\n');
        assert.deepEqual(goalLinesIn(note, key), [...new Set(ids)]);
        assert.deepEqual(parseGoalValues(ids.join(', ')), [...new Set(ids)]);
      }),
    );
  });

  it('goal lines are read in linear time, whatever the line (one hostile commit message must not stall a scan)', () => {
    const { cpuMs } = timedWithin(200, () =>
      goalLinesIn(`Goal: a${' '.repeat(200_000)}b\nGoal:${'\t'.repeat(200_000)}\nGoal: ${', '.repeat(100_000)}c`, 'Goal'),
    );
    assert.ok(cpuMs < 200, `${cpuMs.toFixed(0)} ms CPU`); // ~5 ms; 8 s per 100,000 spaces before
    const many = Array.from({ length: 200_000 }, (_, i) => `g${i}`);
    assert.deepEqual(goalLinesIn(`Goal: ${many.join(',')}`, 'Goal'), many, 'one line of 200,000 ids, no stack overflow');
    const blanks = fc.array(fc.constantFrom(' ', '\t', ',', 'a', ':', '\r'), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(goalId, blanks, fc.integer({ min: 1000, max: 20_000 }), (id, noise, n) => {
        const text = `Goal: ${id}${noise.repeat(n)}\r\nGoal:${noise}`;
        const run = timedWithin(200, () => goalLinesIn(text, 'Goal'));
        assert.ok(run.cpuMs < 200, `${run.cpuMs.toFixed(0)} ms CPU`);
        assert.deepEqual(run.result, goalLinesIn(text.replace(/[ \t]{2,}/g, ' '), 'Goal'), 'runs of blanks do not change what is read');
      }),
      { numRuns: 100 },
    );
  });

  it('the commit-box trailer is read back by git interpret-trailers, after the text as typed', () => {
    const message = fc.array(fc.stringMatching(/^[A-Za-z .,()!?-]{0,30}$/), { maxLength: 6 }).map((lines) => lines.join('\n'));
    // Batches of cases, one git process per batch (see trailerOracle.ts); shrinking narrows a failing batch to one case.
    fc.assert(
      fc.property(fc.array(fc.tuple(message, goalId), { minLength: 1, maxLength: 30, size: 'max' }), (cases) => {
        const results = cases.map(([typed, id]) => appendGoalTrailer(typed, 'Goal', id));
        cases.forEach(([typed], i) => assert.ok(results[i].startsWith(typed.replace(/\s+$/, '')), 'what was typed comes first, unchanged'));
        trailersOfMany(results).forEach((trailers, i) =>
          assert.ok(trailers.includes(`Goal: ${cases[i][1]}`), `${JSON.stringify(results[i])}: ${JSON.stringify(trailers)}`),
        );
      }),
      { numRuns: 8, examples: [[[['---\na', 'a']]]] },
    );
  });

  it('regression (seed 1975044492, ["---","a"]): a typed "---" line does not hide the commit-box trailer', () => {
    const result = appendGoalTrailer(['---', 'a'].join('\n'), 'Goal', 'a');
    assert.deepEqual(trailersOf(result), ['Goal: a'], JSON.stringify(result));
  });
});
