// The extension's state: one entry per repository (its strategy.yaml, its history model, its commit
// box), the Goals tree, the status bar and the prompts. No git runs in an untrusted workspace, and
// none during activate(): scans start when the view is shown or shortly after start-up.
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import { EFFORT_MEASURES, type EffortMeasure } from '../core/alignment/reportTypes';
import { gitOnPath } from '../core/git/configFiles';
import { findRepoPaths } from '../core/git/repoFiles';
import { STRATEGY_FILE, type Strategy } from '../core/strategy';
import { Disposable } from './disposable';
import { CommitTrailer } from './editor/commitTrailer';
import { GoalPrompt } from './editor/goalPrompt';
import { Notifier } from './editor/notifier';
import { GoalStatusBar } from './editor/statusBar';
import { WorkWatch } from './editor/workWatch';
import { BuiltinGit } from './git/builtinGit';
import type { GitRepository } from './git/gitApi';
import { AllRepositories } from './model/allRepositories';
import { RepoModel, type ScanSettings } from './model/repoModel';
import { StrategyStore } from './strategyStore';
import { TagSharing, type Unpublished } from './sync/tagSharing';
import { GoalsTree, type TreeSource } from './views/goalsTree';
import { log } from './log';
import { loggedGitHelper, startGitFromHelper } from './git/gitHelperProcess';

interface Entry {
  model: RepoModel;
  store: StrategyStore;
  trailer?: CommitTrailer;
  disposables: vscode.Disposable[];
}

/** The time ranges the Goals view's Time Range… command and the report panel's picker offer. */
export const RANGES = [
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: 'this-quarter', label: 'This quarter' },
  { id: 'last-quarter', label: 'Last quarter' },
  { id: 'all', label: 'All history' },
] as const;
export type Range = (typeof RANGES)[number]['id'];
export type Scope = 'everyone' | 'mine';
const START_DELAY_MS = 1500;

export class App extends Disposable implements TreeSource {
  private readonly entries = new Map<string, Entry>();
  /** The last valid strategy of each removed entry: a repository reopened while its file is broken keeps it. */
  private readonly kept = new Map<string, Strategy>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  readonly git = this.register(new BuiltinGit());
  /** A multi-root workspace's repositories in one report (the Goals view's summary row, the panel's "All repositories"). */
  readonly all = new AllRepositories(this);
  readonly tree = this.register(new GoalsTree(this));
  readonly status = this.register(new GoalStatusBar());
  readonly notifier = new Notifier();
  readonly prompt: GoalPrompt;
  /** The Sync Tags command's work, the sync after a push, pull or fetch, and the "not shared" hint. */
  readonly sharing: TagSharing;
  private started = false;
  /** When activate() returned and when git was first started (ms since epoch), and how long activate() took, for the tests. */
  readonly timeline: { activated?: number; gitStarted?: number; activateMs?: number } = {};
  private userEmail: string | undefined;
  /** What starts the core's git processes once git starts (a helper process: no fork of the host for each). */
  readonly gitHelper = this.register(loggedGitHelper()); // disposed here too: prepared at activation, it may never be started

  constructor(private readonly context: vscode.ExtensionContext) {
    super();
    this.prompt = new GoalPrompt(this, context.workspaceState, this.notifier);
    this.sharing = this.register(new TagSharing(this, context.workspaceState));
    this.register(this.sharing.onDidChange(() => this.changed.fire()));
    this.register(new WorkWatch(this, context.workspaceState, this.notifier));
    this.register(this.git.onDidOpenRepository((repo) => this.add(repo)));
    this.register(this.git.onDidCloseRepository((repo) => this.remove(repo.rootUri)));
    this.register(
      this.git.onDidChangeAvailability((state) => {
        // git disabled or missing after all: what was read before the git extension answered goes.
        if (state === 'disabled' || state === 'missing') for (const e of this.entries.values()) e.model.stopEarly();
        this.updateContext();
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.startGit()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.addFolders()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('strategyAlign') && this.updateAll()));
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** Repositories, plus git-less folders that hold a strategy.yaml (Restricted Mode, no git). */
  get models(): RepoModel[] {
    const entries = [...this.entries.values()];
    const shown = entries.filter((e) => e.model.hasHistory || e.store.state !== 'missing');
    return (shown.length > 0 ? shown : entries).map((e) => e.model).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The repositories in the workspace's folder order: the first one's strategy is the combined report's reference. */
  get referenceOrder(): RepoModel[] {
    const index = (m: RepoModel) => vscode.workspace.getWorkspaceFolder(m.root)?.index ?? Number.MAX_SAFE_INTEGER;
    return this.models.sort((a, b) => index(a) - index(b) || a.name.localeCompare(b.name));
  }

  get range(): Range {
    return this.context.workspaceState.get<Range>('strategyAlign.range', '90d');
  }

  /** The report panel's "Compare with previous period" (all history has none: off there). */
  get compare(): boolean {
    return this.context.workspaceState.get<boolean>('strategyAlign.compare', false) === true;
  }

  /** One effort measure for the window: the view, the status bar and the report agree. */
  get measure(): EffortMeasure {
    const measure = this.context.workspaceState.get<EffortMeasure>('strategyAlign.measure', 'commits');
    return EFFORT_MEASURES.includes(measure) ? measure : 'commits';
  }

  get scope(): Scope {
    return this.context.workspaceState.get<Scope>('strategyAlign.scope', 'everyone');
  }

  strategyOf(model: RepoModel): Strategy | undefined {
    return this.entries.get(model.root.toString())?.store.strategy;
  }

  unpublishedOf(model: RepoModel): Unpublished | undefined {
    return this.sharing.unpublished(model);
  }

  storeOf(model: RepoModel): StrategyStore | undefined {
    return this.entries.get(model.root.toString())?.store;
  }

  /**
   * Reads strategy.yaml of each folder now; git starts later (trusted workspaces only): when the
   * view shows, or after a short delay so that a window's start-up comes first — at once when a
   * folder's history is in the workspace's storage already (a window reopened: its numbers are a
   * file read away, issue 14).
   */
  async activate(): Promise<void> {
    await this.addFolders();
    this.updateContext();
    const warm = [...this.entries.values()].some((e) => e.model.history.file && existsSync(e.model.history.file));
    if (!this.trusted) return;
    // A window reopened: the numbers its last scan saved, before the view asks for its first rows.
    if (warm) await Promise.all([...this.entries.values()].map((e) => e.model.loadSaved()));
    setTimeout(() => void this.startGit(), warm ? 0 : START_DELAY_MS);
    // The helper's one fork of the host (a 300 MB process: 50–140 ms its event loop stands still)
    // right after activation, while the workbench is starting anyway, rather than when the user
    // clicks the view and waits for its numbers (the bench saw a 142 ms stall there).
    if (!warm) setTimeout(() => this.isDisposed || this.started || this.gitHelper.prepare(), 0);
  }

  /**
   * Connects to the built-in git extension and scans; idempotent. Folders that are a repository's
   * top level start reading their history at once: the git extension takes seconds to activate
   * and open a repository on a big history, and the core needs only the folder (issue 14).
   */
  async startGit(): Promise<void> {
    if (this.started || !this.trusted || this.isDisposed) return;
    this.started = true;
    // A reopened window's saved numbers go to the view first: the history's read (its CPU, on a
    // machine busy starting every extension) waits until the workbench has drawn them.
    if (this.models.some((m) => m.saved)) await this.tree.numbersDrawn();
    if (this.isDisposed) return;
    this.timeline.gitStarted = Date.now();
    log().info('starting git');
    // The helper's fork of the host now, in its own turn: a reopened window has shown its saved
    // numbers, and the host is at its smallest before the history is decoded (a fork's stall grows
    // with it: 60–95 ms here, 160 ms when the first git command forked it after the decode).
    this.register(startGitFromHelper(this.gitHelper));
    await new Promise((next) => setImmediate(next)); // the helper's fork of the host, then the scans, each in a turn of its own
    for (const entry of this.entries.values()) if (mayReadEarly(entry.model.root)) entry.model.startEarly();
    await this.git.start();
    log().info(`git extension: ${this.git.availability}`);
    this.updateContext();
  }

  async setRange(range: Range): Promise<void> {
    await this.context.workspaceState.update('strategyAlign.range', range);
    this.updateContext();
    await this.refreshAll();
  }

  async setCompare(compare: boolean): Promise<void> {
    await this.context.workspaceState.update('strategyAlign.compare', compare);
    await this.refreshAll();
  }

  async setMeasure(measure: EffortMeasure): Promise<void> {
    await this.context.workspaceState.update('strategyAlign.measure', measure);
    await this.refreshAll();
  }

  async setScope(scope: Scope): Promise<void> {
    await this.context.workspaceState.update('strategyAlign.scope', scope);
    this.updateContext();
    await this.refreshAll();
  }

  async refreshAll(): Promise<void> {
    await Promise.all(
      [...this.entries.values()].map(async (e) => {
        await e.store.reload();
        await e.model.refresh();
      }),
    );
  }

  /** The repository a command means: its argument, else the active editor's, else the only/first one. */
  modelFor(repository?: string): RepoModel | undefined {
    const models = this.models;
    if (repository) return models.find((m) => m.root.fsPath === repository || m.root.toString() === repository);
    return this.activeModel() ?? models[0];
  }

  /** The repository holding the active editor's file, if any. */
  activeModel(): RepoModel | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (!active) return undefined;
    return this.models
      .filter((m) => active.fsPath.startsWith(m.root.fsPath))
      .sort((a, b) => b.root.fsPath.length - a.root.fsPath.length)[0];
  }

  private settings(): ScanSettings {
    const compare = this.compare && this.range !== 'all' ? 'previous' : undefined;
    const settings: ScanSettings = { since: this.range, author: this.scope === 'mine' ? this.userEmail : undefined, measure: this.measure };
    return compare ? { ...settings, compare } : settings;
  }

  /** The history cache of a repository in the workspace's storage folder (trusted workspaces only). */
  private historyFile(root: vscode.Uri): string | undefined {
    const storage = this.context.storageUri;
    if (!this.trusted || storage?.scheme !== 'file') return undefined;
    return vscode.Uri.joinPath(storage, `history-${createHash('sha1').update(root.toString()).digest('hex').slice(0, 16)}.bin`).fsPath;
  }

  private async addFolders(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (![...this.entries.values()].some((e) => e.model.root.toString() === folder.uri.toString())) this.addEntry(folder.uri, undefined);
    }
    await Promise.all([...this.entries.values()].map((e) => e.store.reload()));
  }

  private add(repo: GitRepository): void {
    const existing = this.entries.get(repo.rootUri.toString());
    if (existing?.model.git) return;
    let entry: Entry;
    if (existing?.model.hasHistory) {
      // Read early: the same model (its history and snapshot) takes the git extension's repository.
      entry = existing;
      entry.model.attach(repo);
      this.wireRepo(entry, repo);
      this.updateContext();
    } else {
      if (existing) this.remove(repo.rootUri);
      entry = this.addEntry(repo.rootUri, repo);
      void entry.store.reload();
    }
    if (!this.userEmail)
      void entry.model
        .repo()
        .then((r) => r.configValue('user.email'))
        .then(
          (email) => (this.userEmail = email?.toLowerCase()),
          () => undefined,
        );
    entry.model.schedule(0);
  }

  private addEntry(root: vscode.Uri, repo: GitRepository | undefined): Entry {
    const store = new StrategyStore(vscode.Uri.joinPath(root, STRATEGY_FILE), this.kept.get(root.toString()));
    const model = new RepoModel(
      root,
      repo,
      () => store.strategy,
      () => this.settings(),
      this.historyFile(root),
    );
    const entry: Entry = { model, store, disposables: [store, model] };
    entry.disposables.push(
      store.onDidChange(() => {
        this.updateContext();
        model.schedule();
        this.changed.fire();
      }),
      model.onDidChange(() => {
        this.all.align();
        this.changed.fire();
        this.updateEntry(entry);
      }),
    );
    if (repo) this.wireRepo(entry, repo);
    this.entries.set(root.toString(), entry);
    this.changed.fire();
    this.updateContext();
    return entry;
  }

  /** The commit box, tag sharing and the status follow the git extension's repository. */
  private wireRepo(entry: Entry, repo: GitRepository): void {
    entry.trailer = new CommitTrailer(repo.inputBox);
    entry.disposables.push(
      this.sharing.watch(entry.model),
      repo.state.onDidChange(() => this.updateEntry(entry)),
    );
    if (repo.onDidCommit) entry.disposables.push(repo.onDidCommit(() => this.updateEntry(entry)));
    this.updateEntry(entry);
  }

  private remove(root: vscode.Uri): void {
    const entry = this.entries.get(root.toString());
    if (!entry) return;
    const strategy = entry.store.strategy;
    if (strategy) this.kept.set(root.toString(), strategy);
    this.entries.delete(root.toString());
    for (const d of entry.disposables.reverse()) d.dispose();
    this.changed.fire();
    this.updateContext();
    this.updateStatus();
  }

  private updateAll(): void {
    for (const entry of this.entries.values()) this.updateEntry(entry);
  }

  /** The commit box, the status bar and the prompt follow the branch and its goal. */
  private updateEntry(entry: Entry): void {
    const strategy = entry.store.strategy;
    const goal = entry.model.currentGoal();
    const enabled = vscode.workspace.getConfiguration('strategyAlign', entry.model.root).get<boolean>('commitTrailer.enabled', true);
    if (entry.trailer && strategy && entry.model.last)
      entry.trailer.apply(enabled && goal ? { key: strategy.settings.trailer, goal } : undefined);
    this.updateStatus();
    if (strategy && entry.model.last) void this.prompt.consider(entry.model);
  }

  updateStatus(): void {
    const model = this.modelFor();
    const strategy = model && this.strategyOf(model);
    const branch = model?.currentBranch;
    if (!model || !strategy || !branch || !model.last) return this.status.show(undefined);
    const id = model.currentGoal();
    const goal = strategy.goals.find((g) => g.id === id);
    const share = goal && model.last.scan.report.goals.find((g) => g.id === goal.id)?.share;
    this.status.show({
      repository: model.root.fsPath,
      branch,
      goal,
      unknownGoal: goal ? undefined : id,
      share,
      isBase: branch === model.last.scan.base,
    });
  }

  private updateContext(): void {
    const stores = [...this.entries.values()].map((e) => e.store);
    void vscode.commands.executeCommand(
      'setContext',
      'strategyAlign.hasStrategy',
      stores.some((s) => s.state !== 'missing'),
    );
    void vscode.commands.executeCommand('setContext', 'strategyAlign.git', this.trusted ? this.git.availability : 'untrusted');
    void vscode.commands.executeCommand(
      'setContext',
      'strategyAlign.hasGitRepository',
      this.trusted && [...this.entries.values()].some((e) => e.model.hasHistory),
    );
    void vscode.commands.executeCommand('setContext', 'strategyAlign.range', this.range);
    void vscode.commands.executeCommand('setContext', 'strategyAlign.scope', this.scope);
  }

  override dispose(): void {
    for (const entry of this.entries.values()) for (const d of entry.disposables) d.dispose();
    this.entries.clear();
    super.dispose();
  }
}

/**
 * Whether a workspace folder's history may be read before the git extension opens it: the folder
 * is a repository's top level (read from its files), git is not turned off (git.enabled) and the
 * core's git (the one on PATH) exists. Otherwise it waits for the git extension, as before.
 */
function mayReadEarly(folder: vscode.Uri): boolean {
  if (folder.scheme !== 'file') return false;
  if (vscode.workspace.getConfiguration('git', folder).get<boolean>('enabled', true) === false || !gitOnPath()) return false;
  try {
    return findRepoPaths(folder.fsPath)?.root === realpathSync.native(folder.fsPath);
  } catch {
    return false;
  }
}
