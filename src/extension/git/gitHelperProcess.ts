// The extension host starts git through a small helper process (core/git/gitHelper.ts): a spawn
// forks the whole host, and its event loop (other extensions, typing, the commit box) stood still
// meanwhile, 40–120 ms a git process.
import type * as vscode from 'vscode';
import { GitHelper } from '../../core/git/gitHelper';
import { launchGitWith } from '../../core/git/runner';
import { log } from '../log';

/** Every streamed git command of the core starts from `helper` until disposed. */
export function startGitFromHelper(helper: GitHelper): vscode.Disposable {
  launchGitWith(helper.launch);
  helper.prepare(); // its fork of the host in a turn of its own, before the scan's first read
  log().info('git processes start from a helper process');
  return {
    dispose: () => {
      launchGitWith(undefined);
      helper.dispose();
    },
  };
}

/** A helper that says in the log when it stops (then git starts from the extension host itself). */
export function loggedGitHelper(): GitHelper {
  return new GitHelper({ onStop: (why) => log().warn(`git helper process stopped (${why}): git now starts from the extension host`) });
}
