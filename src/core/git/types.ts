// What the git facade hands to the rest of the core. Pure data.

/** One non-merge commit as the history cache hands it out (HistoryView.commit). */
export interface LogCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Strict ISO 8601 with offset, as git prints `%aI`. */
  authorDate: string;
  committerDate: string;
  subject: string;
  /** Goal ids from the note on refs/notes/goals (`<key>: id` lines); empty when no note. */
  noteGoals: string[];
  /** Goal ids from git's trailer block with the configured key (comma lists split). */
  trailerGoals: string[];
  /** Goal ids from lines of exactly `<key>: <id>` anywhere in the message; filled only when
   *  trailerGoals is empty (DESIGN §3 rule 2 fallback for squash merges). */
  messageGoals: string[];
}

export interface BranchInfo {
  /** Short name: `topic` for a local branch, `origin/topic` for a remote-tracking one. */
  name: string;
  /** Full ref, e.g. refs/heads/topic. */
  ref: string;
  sha: string;
  /** Remote name for remote-tracking branches. */
  remote?: string;
  /** True for the checked-out local branch. */
  current: boolean;
}

export interface HookResult {
  hookPath: string;
  /** Path the pre-existing hook was moved to, when there was one. */
  chainedPath?: string;
  action: 'installed' | 'already-installed' | 'uninstalled' | 'not-installed';
}
