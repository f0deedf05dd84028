// The extension host starts git from a worker thread (core/git/gitWorker.ts): a spawn forks the
// whole host, and its event loop (other extensions, typing, the commit box) stood still meanwhile.
import type * as vscode from 'vscode';
import { GitWorker } from '../../core/git/gitWorker';
import { launchGitWith } from '../../core/git/runner';
import { log } from '../log';

/** Every streamed git command of the core starts from `worker` until disposed; its failure is logged (git then starts here). */
export function startGitFromWorker(worker: GitWorker): vscode.Disposable {
  launchGitWith(worker.launch);
  log().info('git processes start from a worker thread');
  return {
    dispose: () => {
      launchGitWith(undefined);
      worker.dispose();
    },
  };
}

/** A worker that says in the log when it stops (then git starts from the host's own thread). */
export function loggedGitWorker(): GitWorker {
  return new GitWorker({
    onStop: (why) => log().warn(`git worker thread stopped (${why}): git now starts from the extension host's thread`),
  });
}
