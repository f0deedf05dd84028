// One repository as the editor sees it: the built-in git extension's repository for state and
// events, the core for history. Scans are debounced and the newest one wins.
import * as vscode from 'vscode';
import type { EffortMeasure } from '../../core/alignment/reportTypes';
import type { Attribution } from '../../core/attribution/attribute';
import { GitRepo } from '../../core/git';
import type { LogCommit } from '../../core/git/types';
import { HistoryCache } from '../../core/history/historyCache';
import { recordTaggedBranches } from '../../core/ledger/recordBranch';
import type { ScanResult } from '../../core/scan/scan';
import { scanRepository } from '../../core/scan/scan';
import type { Strategy } from '../../core/strategy/types';
import { Disposable } from '../disposable';
import type { GitRepository } from '../git/gitApi';

export interface AttributedCommit {
  commit: LogCommit;
  attribution: Attribution;
}

export interface ScanSettings {
  since: string;
  /** Only commits by this author email (lowercase), or everyone. */
  author?: string;
  /** Effort measure (default: commits). */
  measure?: EffortMeasure;
}

export interface RepoSnapshot {
  scan: ScanResult;
  commits: Map<string, AttributedCommit>;
  settings: ScanSettings;
}

const DEBOUNCE_MS = 300;

export class RepoModel extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private snapshot: RepoSnapshot | undefined;
  private failure: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private core: Promise<GitRepo> | undefined;
  /** The repository's history, kept between scans (and in `cacheFile` when there is one). */
  readonly history: HistoryCache;

  /** `git` is undefined where no git may run (untrusted workspace, git missing): goals only. */
  constructor(
    readonly root: vscode.Uri,
    readonly git: GitRepository | undefined,
    private readonly strategy: () => Strategy | undefined,
    private readonly settings: () => ScanSettings,
    cacheFile?: string,
  ) {
    super();
    this.history = new HistoryCache(git ? cacheFile : undefined, { background: true });
    this.register({ dispose: () => this.timer && clearTimeout(this.timer) });
    if (!git) return;
    this.register(git.state.onDidChange(() => this.schedule()));
    if (git.onDidCommit) this.register(git.onDidCommit(() => void this.recordBranch().then(() => this.schedule())));
    const notes = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '.git/refs/notes/**'));
    this.register(notes);
    for (const event of [notes.onDidCreate, notes.onDidChange, notes.onDidDelete]) this.register(event(() => this.schedule()));
  }

  get name(): string {
    return this.root.path.split('/').pop() ?? this.root.fsPath;
  }

  /** The checked-out branch, from the built-in git extension (no git process). */
  get currentBranch(): string | undefined {
    return this.git?.state.HEAD?.name;
  }

  /** The current branch's goal as of the last scan (config, name pattern, or agreeing commits). */
  currentGoal(): string | undefined {
    const branch = this.currentBranch;
    if (!branch) return undefined;
    return (
      this.snapshot?.scan.branches.find((b) => !b.remote && b.name === branch)?.goal?.goal ?? this.snapshot?.scan.configGoals.get(branch)
    );
  }

  get last(): RepoSnapshot | undefined {
    return this.snapshot;
  }

  /** Why the last scan failed, as one line (the last good snapshot stays in use). */
  get error(): string | undefined {
    return this.failure;
  }

  repo(): Promise<GitRepo> {
    if (!this.git) return Promise.reject(new Error('git is not available here'));
    this.core ??= GitRepo.open(this.root.fsPath);
    return this.core;
  }

  /**
   * A commit moved the current branch: if it is tagged (its config or its name), its new tip goes
   * into the local branch ledger, so a squash merge and a deleted branch before anyone syncs cannot
   * lose its goal. Before the scan, which then reads the ledger with it. Local only (publishing is
   * the sync's); a failure is left to the next commit or sync to repair.
   */
  private async recordBranch(): Promise<void> {
    const strategy = this.strategy();
    const branch = this.currentBranch;
    if (!strategy || !branch || this.isDisposed) return;
    try {
      await recordTaggedBranches(await this.repo(), strategy, branch);
    } catch {
      // the next commit or sync records it
    }
  }

  /** Scans again after a short quiet period; bursts of events cause one scan. */
  schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const strategy = this.strategy();
    if (!strategy || !this.git || this.isDisposed) return;
    const generation = ++this.generation;
    const settings = this.settings();
    const commits = new Map<string, AttributedCommit>();
    try {
      const scan = await scanRepository(await this.repo(), strategy, {
        cache: this.history,
        since: settings.since,
        author: settings.author,
        measure: settings.measure,
        onCommit: (commit, attribution) => commits.set(commit.sha, { commit, attribution }),
      });
      if (generation !== this.generation || this.isDisposed) return;
      this.snapshot = { scan, commits, settings };
      this.failure = undefined;
    } catch (error) {
      if (generation !== this.generation || this.isDisposed) return;
      this.failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    this.changed.fire();
  }
}
