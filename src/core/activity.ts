// Active editing time per branch: a heartbeat on edits, where a pause longer than the idle limit
// ends a stretch. Pure and serialisable, so the extension can keep it in workspace state.

export const IDLE_MS = 2 * 60_000;

export interface ActivityState {
  /** branch key → accumulated active milliseconds and the last heartbeat. */
  branches: Record<string, { activeMs: number; last: number }>;
}

export function emptyActivity(): ActivityState {
  return { branches: {} };
}

/** Records an edit on `branch` at `now` and returns the branch's active milliseconds. */
export function heartbeat(state: ActivityState, branch: string, now: number, idleMs = IDLE_MS): number {
  const entry = state.branches[branch];
  if (!entry) {
    state.branches[branch] = { activeMs: 0, last: now };
    return 0;
  }
  const gap = now - entry.last;
  if (gap > 0 && gap <= idleMs) entry.activeMs += gap;
  if (gap > 0) entry.last = now;
  return entry.activeMs;
}

export function activeMinutes(state: ActivityState, branch: string): number {
  return (state.branches[branch]?.activeMs ?? 0) / 60_000;
}

/** Reads stored state defensively: anything malformed starts from empty. */
export function restoreActivity(value: unknown): ActivityState {
  const state = emptyActivity();
  const branches = (value as ActivityState | undefined)?.branches;
  if (!branches || typeof branches !== 'object') return state;
  for (const [key, entry] of Object.entries(branches)) {
    if (entry && Number.isFinite(entry.activeMs) && Number.isFinite(entry.last))
      state.branches[key] = { activeMs: entry.activeMs, last: entry.last };
  }
  return state;
}
