// One repository as the editor sees it: the built-in git extension's repository for state and
// events, the core for history. Scans are debounced and the newest one wins. A workspace folder
// that is a repository's top level may start reading its history before the git extension has
// opened it (`startEarly`, issue 14): the core needs only the folder; the git extension's
// repository is attached when it comes.
import * as vscode from 'vscode';
import { buildReport } from '../../core/alignment/buildReport';
import type { AlignmentReport, EffortMeasure } from '../../core/alignment/reportTypes';
import type { Attribution } from '../../core/attribution/attribute';
import { GitRepo } from '../../core/git';
import type { LogCommit } from '../../core/git/types';
import { HistoryCache } from '../../core/history/historyCache';
import { recordTaggedBranches } from '../../core/ledger/recordBranch';
import { resolveRange } from '../../core/scan/period';
import { readReportInput, saveReportInput } from '../../core/scan/savedReport';
import type { ScanResult } from '../../core/scan/scan';
import { scanRepository } from '../../core/scan/scan';
import type { Strategy } from '../../core/strategy/types';
import { Disposable } from '../disposable';
import type { GitRepository } from '../git/gitApi';
import { log } from '../log';
import { CommitIndex } from './commitIndex';
import { savedNumbersFile, savedNumbersKey } from './savedNumbers';

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
  /** The report's comparison with the previous period (the report panel's toggle). */
  compare?: 'previous';
}

export interface RepoSnapshot {
  scan: ScanResult;
  settings: ScanSettings;
  /** The commits in range as the tree shows them, read from the scan's history on first use. */
  commits: CommitIndex;
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
  private attached: GitRepository | undefined;
  /** Reading history before the git extension's repository is attached (startEarly). */
  private early = false;
  /** Whether this model began reading before the git extension opened its repository (the tests and the log). */
  startedEarly = false;
  private watching = false;
  /** The repository's history, kept between scans (and in `cacheFile` when there is one). */
  readonly history: HistoryCache;
  /** The report an earlier window saved, built at this one's clock (loadSaved): the numbers until the first scan's. */
  private savedNumbers: AlignmentReport | undefined;
  /** What was saved last (its key and range): a scan of the same inputs saves nothing. */
  private savedAs: string | undefined;
  /** The saving of the last scan's numbers, if under way. */
  private saving: Promise<void> = Promise.resolve();

  /**
   * `git`: the git extension's repository, or undefined: then goals only (untrusted workspace, git
   * missing or disabled) until `startEarly` or `attach`. `cacheFile`: trusted workspaces only.
   */
  constructor(
    readonly root: vscode.Uri,
    git: GitRepository | undefined,
    private readonly strategy: () => Strategy | undefined,
    private readonly settings: () => ScanSettings,
    cacheFile?: string,
  ) {
    super();
    this.history = new HistoryCache(cacheFile, { background: true });
    this.register({ dispose: () => this.timer && clearTimeout(this.timer) });
    if (git) this.attach(git);
  }

  /** The built-in git extension's repository, once attached. */
  get git(): GitRepository | undefined {
    return this.attached;
  }

  /** Whether this model reads history (git attached, or reading early). */
  get hasHistory(): boolean {
    return this.attached !== undefined || this.early;
  }

  /** Reads history now, without the git extension (its repository is attached later). */
  startEarly(): void {
    if (this.hasHistory || this.isDisposed) return;
    this.early = true;
    this.startedEarly = true;
    this.watchNotes();
    this.log.info(`${this.name}: reading history before the git extension opens the repository`);
    this.schedule(0);
  }

  /** Back to goals only: the git extension turned out disabled or git missing. */
  stopEarly(): void {
    if (!this.early || this.attached) return;
    this.early = false;
    this.generation++;
    this.snapshot = undefined;
    this.savedNumbers = undefined;
    this.failure = undefined;
    this.changed.fire();
  }

  /** The git extension opened this repository: its events drive the scans from now on. */
  attach(git: GitRepository): void {
    if (this.attached || this.isDisposed) return;
    this.attached = git;
    this.register(git.state.onDidChange(() => this.schedule()));
    if (git.onDidCommit) this.register(git.onDidCommit(() => void this.recordBranch().then(() => this.schedule())));
    this.watchNotes();
    if (this.early) this.schedule();
  }

  private watchNotes(): void {
    if (this.watching) return;
    this.watching = true;
    const notes = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.root, '.git/refs/notes/**'));
    this.register(notes);
    for (const event of [notes.onDidCreate, notes.onDidChange, notes.onDidDelete]) this.register(event(() => this.schedule()));
  }

  /** The log channel, made on first use (not during activate()). */
  private get log() {
    return log();
  }

  get name(): string {
    return this.root.path.split('/').pop() ?? this.root.fsPath;
  }

  /**
   * The checked-out branch, from the built-in git extension (no git process), or as of the last scan
   * before it is attached or has read its HEAD (a repository it has just opened: no HEAD yet, not a
   * detached one, which has a HEAD without a name).
   */
  get currentBranch(): string | undefined {
    const head = this.attached?.state.HEAD;
    if (head) return head.name;
    return this.snapshot?.scan.branches.find((b) => !b.remote && b.current)?.name;
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

  /** Before the first scan of this window: the report an earlier one saved, when nothing it was made from changed. */
  get saved(): AlignmentReport | undefined {
    return this.snapshot ? undefined : this.savedNumbers;
  }

  /** The saved numbers' file and key for `settings` with `strategy`, when there can be any (a trusted workspace, the default comparison). */
  private numbersPlace(strategy: Strategy, settings: ScanSettings): { file: string; key: string } | undefined {
    const file = this.history.file;
    if (!file || settings.compare) return undefined;
    const key = savedNumbersKey(this.root.fsPath, strategy, settings.measure ?? 'commits', settings.author);
    return key === undefined ? undefined : { file: savedNumbersFile(file), key };
  }

  /**
   * Reads the numbers an earlier window saved (savedNumbers.ts), when its repository, strategy and
   * settings are this one's: the view shows them until the first scan is done. No git runs.
   */
  async loadSaved(): Promise<boolean> {
    const strategy = this.strategy();
    if (!strategy || this.snapshot || this.isDisposed) return false;
    const settings = this.settings();
    try {
      const place = this.numbersPlace(strategy, settings);
      const now = new Date();
      const range = resolveRange(settings.since, undefined, now);
      const input = place && (await readReportInput(place.file, place.key, range.since, range.until, now));
      if (!input || this.snapshot) return false;
      this.savedNumbers = buildReport({ ...input, ...range, now });
      this.log.info(`${this.name}: ${this.savedNumbers.totals.commits} commits in range, from the numbers saved by an earlier window`);
      this.changed.fire(); // a view that asked before has them now
      return true;
    } catch {
      return false; // none: the first scan gives the numbers
    }
  }

  /** Resolves when the last scan's numbers are saved (the tests). */
  numbersSaved(): Promise<void> {
    return this.saving;
  }

  /** Saves a scan's numbers for the next window, under the key read before it (nothing saved if the repository changed meanwhile). */
  private saveNumbers(scan: ScanResult, settings: ScanSettings, strategy: Strategy, before: string | undefined): void {
    const as = `${before}|${settings.since}|${scan.input.now.toDateString()}`; // a day on, an open range's commits may differ
    if (before === undefined || as === this.savedAs) return;
    this.saving = this.saving
      .then(async () => {
        await new Promise((next) => setTimeout(next, 0)); // after the view has its rows
        const place = this.numbersPlace(strategy, settings);
        if (!place || place.key !== before || this.isDisposed) return;
        await saveReportInput(place.file, place.key, scan, scan.input.now);
        this.savedAs = as;
      })
      .catch(() => undefined); // not saved: the next window scans first
  }

  /** Why the last scan failed, as one line (the last good snapshot stays in use). */
  get error(): string | undefined {
    return this.failure;
  }

  repo(): Promise<GitRepo> {
    if (!this.hasHistory) return Promise.reject(new Error('git is not available here'));
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

  /** Scans now; `now`: at that clock instead (All repositories scans every repository at one clock, allRepositories.ts). */
  async refresh(now?: Date): Promise<void> {
    const strategy = this.strategy();
    if (!strategy || !this.hasHistory || this.isDisposed) return;
    const generation = ++this.generation;
    const settings = this.settings();
    const started = performance.now();
    try {
      const before = this.numbersPlace(strategy, settings)?.key;
      const scan = await scanRepository(await this.repo(), strategy, {
        cache: this.history,
        since: settings.since,
        author: settings.author,
        measure: settings.measure,
        compare: settings.compare,
        now,
      });
      // A newer scan is queued behind this one (scans of a cache run in order): still show this one
      // if it answers the same question — the first numbers must not wait for a second scan.
      const current = generation === this.generation || (sameSettings(settings, this.settings()) && strategy === this.strategy());
      if (!current || !this.hasHistory || this.isDisposed) return;
      this.snapshot = { scan, settings, commits: new CommitIndex(scan) };
      this.savedNumbers = undefined;
      this.saveNumbers(scan, settings, strategy, before);
      this.failure = undefined;
      const { stats, report } = scan;
      this.log.info(
        `${this.name}: ${report.totals.commits} commits in range, ${Math.round(performance.now() - started)} ms (${stats.commitsRead} read from git${stats.attributionReused ? ', attribution reused' : stats.attributionLoaded ? ', attribution read from its file' : ''})`,
      );
    } catch (error) {
      if (generation !== this.generation || this.isDisposed) return;
      this.failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.log.warn(`${this.name}: could not read history: ${this.failure}`);
    }
    this.changed.fire();
  }
}

function sameSettings(a: ScanSettings, b: ScanSettings): boolean {
  return a.since === b.since && a.author === b.author && a.measure === b.measure && a.compare === b.compare;
}
