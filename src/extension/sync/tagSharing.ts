// Sharing tags from the editor (issue 12), over the core's syncRepository: the Sync Tags command's
// work, the sync after a push, pull or fetch through VS Code's git (setting strategyAlign.sync: ask,
// always, never), and the Goals view's "tags not shared" hint. In ask mode the answer Always or
// Never is remembered per repository in the workspace state (not in settings.json, which would
// change a file in the repository); changing the setting forgets the answers. Not Now lasts the
// session. One sync at a time per repository.
import * as vscode from 'vscode';
import { refsKey } from '../../core/git/refListingFiles';
import type { Strategy } from '../../core/strategy/types';
import {
  type AutoSyncStep,
  autoSyncStep,
  type SyncAnswer,
  syncCounts,
  syncFailure,
  syncMode,
  syncSummary,
  unpublishedTags,
} from '../../core/sync/share';
import { chooseRemote } from '../../core/sync/sync';
import { syncRepository } from '../../core/sync/syncRepository';
import { Disposable } from '../disposable';
import type { Notifier } from '../editor/notifier';
import type { RepoModel } from '../model/repoModel';
import { RemoteWatch } from './remoteWatch';

const ANSWERS = 'strategyAlign.sync.answers';

export interface Unpublished {
  remote: string;
  count: number;
}

export interface SharingHost {
  strategyOf(model: RepoModel): Strategy | undefined;
  readonly notifier: Notifier;
}

export class TagSharing extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly hints = new Map<string, Unpublished>();
  private readonly hintRuns = new Map<string, { running: boolean; again: boolean }>();
  /** What each hint was counted under (hintInputs): counted again only when that changed. */
  private readonly hintKeys = new Map<string, string>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly asked = new Set<string>();
  private readonly failedOnce = new Set<string>();
  /** What each push, pull or fetch led to, and how each sync ended, in order (read by the integration tests). */
  readonly log: { repository: string; step: AutoSyncStep | 'busy' | 'synced' | 'failed' }[] = [];

  constructor(
    private readonly host: SharingHost,
    private readonly state: vscode.Memento,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('strategyAlign.sync') && void this.state.update(ANSWERS, {})),
    );
  }

  /** Follows one repository (its pushes, pulls and fetches; its hint); dispose when it closes. */
  watch(model: RepoModel): vscode.Disposable {
    const watch = new RemoteWatch(model, (remote) => void this.afterRemoteMoved(model, remote));
    const refresh = model.onDidChange(() => this.updateHint(model));
    return {
      dispose: () => {
        watch.dispose();
        refresh.dispose();
        this.hintKeys.delete(model.root.toString());
        if (this.hints.delete(model.root.toString())) this.changed.fire();
      },
    };
  }

  /** Tags of this repository not yet published, as of its last scan. */
  unpublished(model: RepoModel): Unpublished | undefined {
    return this.hints.get(model.root.toString());
  }

  /** Syncs now; `command`: a progress notification and the result in one message; `auto`: quiet unless it fails. */
  sync(model: RepoModel, how: 'command' | 'auto'): Promise<void> {
    const key = model.root.toString();
    const next = (this.queues.get(key) ?? Promise.resolve()).then(() => this.run(model, how));
    this.queues.set(key, next);
    return next;
  }

  private async run(model: RepoModel, how: 'command' | 'auto'): Promise<void> {
    const strategy = this.host.strategyOf(model);
    if (!strategy || this.isDisposed) return;
    const notifier = this.host.notifier;
    try {
      const repo = await model.repo();
      const remote = await chooseRemote(repo);
      const location = how === 'command' ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
      const text = await vscode.window.withProgress({ location, title: `Syncing Strategy tags with ${remote}…` }, async () => {
        const result = await syncRepository(repo, strategy, { remote, push: true });
        return syncSummary(result, await syncCounts(repo, result));
      });
      this.log.push({ repository: model.root.fsPath, step: 'synced' });
      if (how === 'command') notifier.tell('info', text);
      else vscode.window.setStatusBarMessage(`$(check) ${text}`, 8000);
    } catch (error) {
      this.log.push({ repository: model.root.fsPath, step: 'failed' });
      if (how === 'command') notifier.tell('error', syncFailure(error));
      else if (!this.failedOnce.has(model.root.toString())) {
        // Once a session per repository: an offline laptop must not hear it after every fetch.
        this.failedOnce.add(model.root.toString());
        void notifier
          .ask('warning', `${syncFailure(error)} (automatic sync after a push, pull or fetch)`, 'Sync Settings')
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'strategyAlign.sync'));
      }
    }
    await model.refresh();
  }

  private async afterRemoteMoved(model: RepoModel, remote: string): Promise<void> {
    if (!this.host.strategyOf(model) || this.isDisposed) return;
    const key = model.root.toString();
    const mode = syncMode(vscode.workspace.getConfiguration('strategyAlign', model.root).get('sync'));
    const step = autoSyncStep(mode, this.answers()[key], this.asked.has(key));
    const busy = step === 'ask' && this.host.notifier.busy; // another question is open: ask at the next push, pull or fetch
    this.log.push({ repository: model.root.fsPath, step: busy ? 'busy' : step });
    if (step === 'sync') return this.sync(model, 'auto');
    if (step === 'skip' || busy) return;
    this.asked.add(key);
    const choice = await this.host.notifier.ask(
      'info',
      `Share Strategy tags with teammates through '${remote}'? After each push, pull or fetch, goal notes and branch tags go to ${remote} and theirs come in.`,
      'Always',
      'Not Now',
      'Never',
    );
    if (choice === 'Always' || choice === 'Never') {
      const answer: SyncAnswer = choice === 'Always' ? 'always' : 'never';
      await this.state.update(ANSWERS, { ...this.answers(), [key]: answer });
    }
    if (choice === 'Always') await this.sync(model, 'auto');
  }

  private answers(): Record<string, SyncAnswer> {
    return this.state.get<Record<string, SyncAnswer>>(ANSWERS, {});
  }

  /** Recomputes the hint after a scan (coalesced: one computation at a time per repository). */
  private updateHint(model: RepoModel): void {
    const key = model.root.toString();
    const run = this.hintRuns.get(key) ?? { running: false, again: false };
    this.hintRuns.set(key, run);
    if (run.running) {
      run.again = true;
      return;
    }
    run.running = true;
    void (async () => {
      do {
        run.again = false;
        const inputs = await this.hintInputs(model);
        if (inputs !== undefined && this.hintKeys.get(key) === inputs) continue;
        const hint = await this.readHint(model);
        if (inputs === undefined) this.hintKeys.delete(key);
        else this.hintKeys.set(key, inputs);
        const old = this.hints.get(key);
        if (hint) this.hints.set(key, hint);
        else this.hints.delete(key);
        if (old?.count !== hint?.count || old?.remote !== hint?.remote) this.changed.fire();
      } while (run.again && !this.isDisposed);
      run.running = false;
    })();
  }

  /**
   * The hint's inputs read from the files, without git: the remotes the git extension sees, the
   * config, the notes refs and the remotes' tracking notes refs (refs/strategy-align). A scan that
   * moved none of them (a commit, a checkout) keeps the hint as it is. Undefined: count again.
   */
  private async hintInputs(model: RepoModel): Promise<string | undefined> {
    if (!model.git || this.isDisposed) return undefined;
    try {
      const files = refsKey((await model.repo()).root, ['refs/notes', 'refs/strategy-align']);
      return files === undefined ? undefined : `${model.git.state.remotes?.length ?? -1}\n${files}`;
    } catch {
      return undefined;
    }
  }

  private async readHint(model: RepoModel): Promise<Unpublished | undefined> {
    // No remote as the git extension last saw it: no hint, and no git process on every scan.
    if (!model.git || model.git.state.remotes?.length === 0 || this.isDisposed) return undefined;
    try {
      const repo = await model.repo();
      const remote = await chooseRemote(repo);
      const count = await unpublishedTags(repo, remote);
      return count > 0 ? { remote, count } : undefined;
    } catch {
      return undefined; // no remote (or several, none named origin): nothing to publish to
    }
  }
}
