// Tells when a push, pull or fetch has moved the sync remote's tracking branches. The git extension's
// API has no push, pull or fetch events, so two triggers, both debounced: a file watcher on the
// repository's FETCH_HEAD, packed-refs and refs/remotes/**, and the current branch's upstream in the
// API's state (free: no git process). What counts is the remote's tracking branches read through git,
// compared with the last ones seen. A sync writes none of them (its fetch goes to private refs with
// --no-write-fetch-head, its push moves notes refs only), so it cannot trigger itself.
import * as vscode from 'vscode';
import { chooseRemote } from '../../core/sync/sync';
import { trackingState } from '../../core/sync/share';
import { Disposable } from '../disposable';
import type { GitBranchRef } from '../git/gitApi';
import type { RepoModel } from '../model/repoModel';

const SETTLE_MS = 750;

function upstreamKey(head: GitBranchRef | undefined): string {
  const up = head?.upstream;
  return up ? `${up.remote}/${up.name} ${up.commit ?? ''}` : '';
}

export class RemoteWatch extends Disposable {
  private seen: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();

  /** `moved(remote)` runs after each push, pull or fetch that moved a tracking branch of `remote`. */
  constructor(
    private readonly model: RepoModel,
    private readonly moved: (remote: string) => void,
  ) {
    super();
    const git = model.git;
    if (!git) return;
    this.register({ dispose: () => this.timer && clearTimeout(this.timer) });
    let upstream = upstreamKey(git.state.HEAD);
    this.register(
      git.state.onDidChange(() => {
        const key = upstreamKey(git.state.HEAD);
        if (key !== upstream) this.schedule();
        upstream = key;
      }),
    );
    void model
      .repo()
      .then((repo) => repo.commonDir())
      .then(
        (dir) => {
          if (this.isDisposed) return;
          const pattern = new vscode.RelativePattern(vscode.Uri.file(dir), '{FETCH_HEAD,packed-refs,refs/remotes/**}');
          const watcher = this.register(vscode.workspace.createFileSystemWatcher(pattern));
          for (const event of [watcher.onDidCreate, watcher.onDidChange, watcher.onDidDelete]) this.register(event(() => this.schedule()));
        },
        () => undefined,
      );
    this.check(); // the state to compare with
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), SETTLE_MS);
  }

  /** Reads the remote's tracking branches (checks run one after another). */
  private check(): void {
    this.checking = this.checking.then(async () => {
      if (this.isDisposed) return;
      try {
        const repo = await this.model.repo();
        const remote = await chooseRemote(repo).catch(() => undefined);
        const state = remote ? `${remote}\n${trackingState(await repo.refs(), remote)}` : '';
        const before = this.seen;
        this.seen = state;
        if (remote && before !== undefined && before !== state && !this.isDisposed) this.moved(remote);
      } catch {
        // the repository went away or git failed: the next trigger reads again
      }
    });
  }
}
