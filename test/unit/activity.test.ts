// Active editing time per branch.
import assert from 'node:assert/strict';
import { activeMinutes, emptyActivity, heartbeat, restoreActivity } from '../../src/core/activity';

const MIN = 60_000;

describe('active editing time', () => {
  it('adds the gaps between heartbeats within the idle limit', () => {
    const s = emptyActivity();
    heartbeat(s, 'topic', 0);
    heartbeat(s, 'topic', 1 * MIN);
    heartbeat(s, 'topic', 2.5 * MIN);
    assert.equal(activeMinutes(s, 'topic'), 2.5);
  });

  it('ends a stretch after two idle minutes and starts a new one', () => {
    const s = emptyActivity();
    heartbeat(s, 'topic', 0);
    heartbeat(s, 'topic', 1 * MIN);
    heartbeat(s, 'topic', 10 * MIN); // idle gap: not counted
    heartbeat(s, 'topic', 11 * MIN);
    assert.equal(activeMinutes(s, 'topic'), 2);
  });

  it('keeps branches apart and ignores clocks going backwards', () => {
    const s = emptyActivity();
    heartbeat(s, 'a', 0);
    heartbeat(s, 'b', 0);
    heartbeat(s, 'a', MIN);
    heartbeat(s, 'a', 0.5 * MIN);
    assert.equal(activeMinutes(s, 'a'), 1);
    assert.equal(activeMinutes(s, 'b'), 0);
  });

  it('survives a round trip through storage and rejects malformed state', () => {
    const s = emptyActivity();
    heartbeat(s, 'a', 0);
    heartbeat(s, 'a', MIN);
    assert.equal(activeMinutes(restoreActivity(JSON.parse(JSON.stringify(s))), 'a'), 1);
    assert.deepEqual(restoreActivity({ branches: { x: { activeMs: 'lots' } } }), emptyActivity());
    assert.deepEqual(restoreActivity(42), emptyActivity());
  });
});
