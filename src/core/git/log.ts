// The goal notes ref. (The history itself is read by historyLog.ts: one `git log` for the cache.)
export const NOTES_REF = 'refs/notes/goals';
