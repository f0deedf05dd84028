// Repositories from the built-in git extension (vscode.git API v1): copes with git missing or
// disabled, the API not yet initialised, and repositories opening and closing at any time.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { GitAPI, GitExtension, GitRepository } from './gitApi';

export type GitAvailability = 'loading' | 'ready' | 'disabled' | 'missing';

export class BuiltinGit extends Disposable {
  private api: GitAPI | undefined;
  private connection: vscode.Disposable[] = [];
  private current: GitAvailability = 'loading';
  private readonly opened = this.register(new vscode.EventEmitter<GitRepository>());
  private readonly closed = this.register(new vscode.EventEmitter<GitRepository>());
  private readonly availabilityChanged = this.register(new vscode.EventEmitter<GitAvailability>());
  readonly onDidOpenRepository = this.opened.event;
  readonly onDidCloseRepository = this.closed.event;
  readonly onDidChangeAvailability = this.availabilityChanged.event;

  get availability(): GitAvailability {
    return this.current;
  }

  get repositories(): readonly GitRepository[] {
    return this.current === 'ready' && this.api ? this.api.repositories : [];
  }

  /** Connects to vscode.git; resolves once its state is known (it may become ready later). */
  async start(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return this.set('missing');
    let exports: GitExtension;
    try {
      exports = extension.isActive ? extension.exports : await extension.activate();
    } catch {
      return this.set('missing');
    }
    this.register(exports.onDidChangeEnablement((enabled) => (enabled ? this.connect(exports) : this.disconnect('disabled'))));
    if (exports.enabled) this.connect(exports);
    else this.set('disabled');
  }

  private connect(exports: GitExtension): void {
    this.dropConnection();
    const api = exports.getAPI(1);
    this.api = api;
    this.connection.push(
      api.onDidOpenRepository((repo) => this.current === 'ready' && this.opened.fire(repo)),
      api.onDidCloseRepository((repo) => this.current === 'ready' && this.closed.fire(repo)),
    );
    const ready = () => {
      this.set('ready');
      for (const repo of api.repositories) this.opened.fire(repo);
    };
    if (api.state === 'initialized') ready();
    else this.connection.push(api.onDidChangeState((state) => state === 'initialized' && this.current !== 'ready' && ready()));
  }

  private disconnect(state: GitAvailability): void {
    const previous = this.api?.repositories ?? [];
    this.dropConnection();
    this.api = undefined;
    this.set(state);
    for (const repo of previous) this.closed.fire(repo);
  }

  private dropConnection(): void {
    for (const d of this.connection) d.dispose();
    this.connection = [];
  }

  override dispose(): void {
    this.dropConnection();
    super.dispose();
  }

  private set(state: GitAvailability): void {
    if (state === this.current) return;
    this.current = state;
    this.availabilityChanged.fire(state);
  }
}
