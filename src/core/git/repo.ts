// GitRepo: the facade the rest of the core uses. Every call goes through the one GitRunner.
import { stat } from 'node:fs/promises';
import { allBranchGoals, getBranchGoal, setBranchGoal, unsetBranchGoal } from './branchGoals';
import { GitError } from './errors';
import { type FileSink, readHistoryLog, type RecordSink } from './historyLog';
import { hookStatus, hooksDir, installHook, uninstallHook } from './hook';
import { type NumstatSink, readNumstat } from './numstat';
import { readAllGoalNotes, readGoalNote, readGoalNotesAnd, removeGoalNote, setGoalNote } from './notes';
import { addGoalNotes, type NoteOutcome } from './notesBatch';
import { currentBranch, detectBase, listRefs, type RefListing, resolveCommit } from './refs';
import { refListingFromFiles } from './refListingFiles';
import { changedPaths } from './changedPaths';
import { configGoals } from './configGoals';
import { findRepoPaths, gitEnvironment } from './repoFiles';
import { retryWhileLocked } from './retry';
import { LEDGER_REF } from './log';
import { addNoteLines, changedNotes, mergeNotes, readNotesText, refValue } from './notesRef';
import { type PatchRequest, patchIds } from './patchId';
import { deleteRefsUnder, fetchNotes, listRemotes, type PushOutcome, pushNotes } from './remoteSync';
import { GitRunner } from './runner';
import type { BranchInfo, HookResult } from './types';

export class GitRepo {
  /** The branch goals last read from git, with the config files' key they were read under. */
  private goals: { key: string; goals: Map<string, string> } | undefined;

  private constructor(
    readonly root: string,
    private readonly runner: GitRunner,
    /** The common dir, when open() found it in the files. */
    private readonly knownCommonDir?: string,
  ) {}

  /** Opens the repository holding `dir` at its top level. */
  static async open(dir: string): Promise<GitRepo> {
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw new GitError('not-a-repo', `not a git repository: ${dir} is not a folder`);
    // Found in the files as git finds it (repoFiles.ts) when that is exact: one git process less per open.
    const paths = gitEnvironment(process.env) === undefined ? undefined : findRepoPaths(dir);
    if (paths) return new GitRepo(paths.root, new GitRunner(paths.root), paths.commonDir);
    const root = (await new GitRunner(dir).run(['rev-parse', '--show-toplevel'])).trim();
    if (!root) throw new GitError('not-a-repo', `not a git repository (or inside .git): ${dir}`);
    return new GitRepo(root, new GitRunner(root));
  }

  /** Every commit of every branch and of `tips` not reachable from `known` (one `git log`), record by record; with `files`, its numstat too. */
  readHistory(trailerKey: string, tips: readonly string[], known: readonly string[], sink: RecordSink, files?: FileSink): Promise<void> {
    return readHistoryLog(this.runner, trailerKey, tips, known, sink, files);
  }

  /** Lines added/deleted per file of exactly `shas` (one `git log --numstat`). */
  readNumstat(shas: readonly string[], commit: (sha: string) => void, file: NumstatSink): Promise<void> {
    return readNumstat(this.runner, shas, commit, file);
  }

  /** `git rev-parse --git-common-dir`, absolute: shared by every worktree of the repository. */
  async commonDir(): Promise<string> {
    if (this.knownCommonDir) return this.knownCommonDir;
    const dir = (await this.runner.run(['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
    if (!dir) throw new GitError('not-a-repo', `not a git repository: ${this.root}`);
    return dir;
  }

  async revList(args: string[]): Promise<string[]> {
    return (await this.runner.run(['rev-list', '--no-merges', ...args, '--'])).split('\n').filter(Boolean);
  }

  async branches(): Promise<BranchInfo[]> {
    return (await listRefs(this.runner)).branches;
  }

  /** Branches and remote HEADs in one read (from the ref files when they can be read exactly); pass it to chooseBase to avoid reading twice. */
  refs(): Promise<RefListing> {
    const fromFiles = refListingFromFiles(this.root);
    return fromFiles ? Promise.resolve(fromFiles) : listRefs(this.runner);
  }

  currentBranch(): Promise<string | undefined> {
    return currentBranch(this.runner);
  }

  detectBase(configured?: string): Promise<string | undefined> {
    return detectBase(this.runner, configured);
  }

  resolveCommit(rev: string): Promise<string> {
    return resolveCommit(this.runner, rev);
  }

  /**
   * branch.<name>.goal of every branch: from the config files when they can be read exactly (configGoals.ts: no git
   * process), else `git config --list`; read again only when the config files changed.
   */
  async branchGoals(): Promise<Map<string, string>> {
    const files = configGoals(this.root);
    const key = files?.key;
    if (key !== undefined && this.goals?.key === key) return new Map(this.goals.goals);
    const goals = files?.goals ?? (await allBranchGoals(this.runner));
    this.goals = key === undefined ? undefined : { key, goals: new Map(goals) };
    return goals;
  }

  getBranchGoal(branch: string): Promise<string | undefined> {
    return getBranchGoal(this.runner, branch);
  }

  /**
   * Tags a local branch (git config, retried while another process holds the config lock). A branch
   * renamed meanwhile keeps its tag, because git moves branch.<name>.* along; a tag written just
   * after the branch was renamed or deleted would name nothing, so it is taken back and reported.
   */
  async setBranchGoal(branch: string, goal: string): Promise<void> {
    await retryWhileLocked(`tagging branch '${branch}'`, () => setBranchGoal(this.runner, branch, goal));
    if (await this.hasLocalBranch(branch)) return;
    const stray = (await getBranchGoal(this.runner, branch)) !== undefined;
    if (stray) await retryWhileLocked(`untagging branch '${branch}'`, () => unsetBranchGoal(this.runner, branch));
    throw new GitError(
      'branch-gone',
      stray
        ? `branch '${branch}' was renamed or deleted before the tag was written: nothing was tagged`
        : `branch '${branch}' was renamed or deleted while it was tagged: the tag moved with it to its new name, if it has one`,
    );
  }

  unsetBranchGoal(branch: string): Promise<void> {
    return retryWhileLocked(`untagging branch '${branch}'`, () => unsetBranchGoal(this.runner, branch));
  }

  /** Whether refs/heads/<branch> exists, or is the current branch before its first commit. */
  async hasLocalBranch(branch: string): Promise<boolean> {
    if (await refValue(this.runner, `refs/heads/${branch}`)) return true;
    return (await this.currentBranch()) === branch;
  }

  async readGoalNote(rev: string, key: string): Promise<string[]> {
    return readGoalNote(this.runner, await this.resolveCommit(rev), key);
  }

  async setGoalNote(rev: string, goals: string[], key: string): Promise<void> {
    return setGoalNote(this.runner, await this.resolveCommit(rev), goals, key);
  }

  /** Goal notes on commits (full shas) in one change, never overwriting a note with other goals (notesBatch.ts). */
  addGoalNotes(entries: readonly { sha: string; goals: readonly string[] }[], key: string): Promise<NoteOutcome[]> {
    return addGoalNotes(this.runner, entries, key);
  }

  async removeGoalNote(rev: string): Promise<void> {
    return removeGoalNote(this.runner, await this.resolveCommit(rev));
  }

  /** `git show` of one commit: header, stat and patch, as text. */
  async showCommit(rev: string): Promise<string> {
    const sha = await this.resolveCommit(rev);
    return this.runner.run(['show', '--no-color', '--format=fuller', '--stat', '--patch', sha]);
  }

  /** Files a branch changed since it left `base` (`git diff --name-only base...branch`). */
  async changedFiles(base: string, branch: string): Promise<string[]> {
    const out = await this.runner.run(['diff', '--name-only', '-z', `${base}...${branch}`, '--']);
    return out.split('\0').filter(Boolean);
  }

  /** A git config value (undefined when unset). */
  async configValue(key: string): Promise<string | undefined> {
    return (await this.runner.output(['config', '--get', key])).trim() || undefined;
  }

  readAllGoalNotes(key: string): Promise<Map<string, string[]>> {
    return readAllGoalNotes(this.runner, key);
  }

  /** Every goal note and, with `other`, every note of that notes commit (as text), their blobs through one `cat-file --batch`. */
  readGoalNotesAnd(key: string, other?: string): Promise<{ goals: Map<string, string[]>; other?: Map<string, string> }> {
    return readGoalNotesAnd(this.runner, key, other);
  }

  async installHook(trailerKey: string): Promise<HookResult> {
    return installHook(await hooksDir(this.runner, this.root), trailerKey);
  }

  async uninstallHook(): Promise<HookResult> {
    return uninstallHook(await hooksDir(this.runner, this.root));
  }

  async hookStatus(): Promise<{ installed: boolean; hookPath: string; chainedPath?: string }> {
    return hookStatus(await hooksDir(this.runner, this.root));
  }

  // Issue 12: the branch ledger, patch-ids, and the exchange of tags with a remote.

  /** Every note of a notes ref (or notes commit), as text, by annotated commit. */
  readNotesText(ref: string): Promise<Map<string, string>> {
    return readNotesText(this.runner, ref);
  }

  /** Adds lines to the ledger note of `sha` (refs/notes/goals-branches), by compare-and-swap. */
  addLedgerLines(sha: string, lines: readonly string[]): Promise<void> {
    return addNoteLines(this.runner, LEDGER_REF, sha, lines);
  }

  /** Stable patch-ids: one diff-tree piped into one patch-id (see patchId.ts). */
  patchIds(requests: readonly PatchRequest[]): Promise<Map<string, string>> {
    return patchIds(this.runner, requests);
  }

  /** The paths each request changes, sorted and joined by NUL (undefined: unreadable); see changedPaths.ts. */
  changedPaths(requests: readonly PatchRequest[]): Promise<(string | undefined)[]> {
    return changedPaths(this.runner, requests);
  }

  /** The sha a ref points at, or ''. */
  refValue(ref: string): Promise<string> {
    return refValue(this.runner, ref);
  }

  /** Moves `ref` from `old` ('' = must not exist) to `sha` ('' = delete), or fails if it moved meanwhile. */
  async compareAndSwap(ref: string, sha: string, old: string, why: string): Promise<void> {
    if (sha) await this.runner.run(['update-ref', '-m', `strategy-align: ${why}`, ref, sha, old]);
    else await this.runner.run(['update-ref', '-d', ref, old]);
  }

  /** The commits whose note differs between two notes commits ('' = none): added, changed or removed. */
  changedNotes(from: string, to: string): Promise<string[]> {
    return changedNotes(this.runner, from, to);
  }

  /** The merge of notes commit `theirs` into `ours` (git's cat_sort_uniq), written to no public ref. */
  mergeNotes(ours: string, theirs: string): Promise<string> {
    return mergeNotes(this.runner, ours, theirs);
  }

  /** The merge base of two commits, or ''. */
  async mergeBase(a: string, b: string): Promise<string> {
    return (await this.runner.run(['merge-base', a, b]).catch(() => '')).trim();
  }

  /** Non-merge commits of `from..to` with their author time: `[sha, seconds]`. */
  async commitsBetween(from: string, to: string): Promise<[string, number][]> {
    const out = await this.runner.run(['log', '--no-merges', '--no-notes', '--format=%H %at', `${from}..${to}`, '--']);
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
      .map(([sha, t]) => [sha, Number(t)]);
  }

  /**
   * Author time of each of `shas` that is a non-merge commit of this clone: sha → seconds. Shas this
   * clone does not have (a teammate's note on a commit never fetched here) are left out.
   */
  async authorTimes(shas: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (shas.length === 0) return out;
    let text = '';
    await this.runner.each(
      ['log', '--no-walk=unsorted', '--ignore-missing', '--stdin', '--no-notes', '--format=%H %at %P'],
      (chunk) => (text += chunk.toString('utf8')),
      shas.map((sha) => `${sha}\n`).join(''),
    );
    for (const line of text.split('\n')) {
      const [sha, time, ...parents] = line.trim().split(' ');
      if (sha && time && parents.filter(Boolean).length <= 1) out.set(sha, Number(time));
    }
    return out;
  }

  /**
   * Every commit `revs` reach (`^rev` excluded; revs git does not have are skipped), with its parents,
   * author and committer time: one process for any number of tips.
   */
  async commitGraph(revs: readonly string[]): Promise<{ sha: string; parents: string[]; authorTime: number; committerTime: number }[]> {
    let text = '';
    await this.runner.each(
      ['log', '--ignore-missing', '--stdin', '--no-notes', '--format=%H %at %ct %P'],
      (chunk) => (text += chunk.toString('utf8')),
      revs.map((rev) => `${rev}\n`).join(''),
    );
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, at, ct, ...parents] = line.trim().split(' ');
        return { sha, parents: parents.filter(Boolean), authorTime: Number(at), committerTime: Number(ct) };
      });
  }

  /** Committer time of a commit, seconds. */
  async committerTime(sha: string): Promise<number> {
    return Number((await this.runner.run(['log', '-1', '--format=%ct', sha, '--'])).trim());
  }

  remotes(): Promise<string[]> {
    return listRemotes(this.runner);
  }

  fetchNotes(remote: string, prefix: string): Promise<void> {
    return fetchNotes(this.runner, remote, prefix);
  }

  pushNotes(remote: string, updates: readonly { sha: string; ref: string }[]): Promise<PushOutcome> {
    return pushNotes(this.runner, remote, updates);
  }

  deleteRefsUnder(prefix: string): Promise<void> {
    return deleteRefsUnder(this.runner, prefix);
  }

  /** Every value of a multi-valued config key. */
  async configValues(key: string): Promise<string[]> {
    return (await this.runner.run(['config', '--get-all', key]))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  }

  /** Adds a value to a multi-valued config key of this clone (retried while the config is locked). */
  addConfigValue(key: string, value: string): Promise<void> {
    return retryWhileLocked(`setting ${key}`, async () => {
      await this.runner.run(['config', '--add', key, value]);
    });
  }
}
