// The goal notes ref. (The history itself is read by historyLog.ts: one `git log` for the cache.)
export const NOTES_REF = 'refs/notes/goals';
/** The branch ledger: a record of branch tags that outlives the branch (src/core/ledger/record.ts). */
export const LEDGER_REF = 'refs/notes/goals-branches';
