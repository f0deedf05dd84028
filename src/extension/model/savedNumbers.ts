// The Goals view's first numbers in a reopened window (issue 14). After a scan, what its report was
// built from is saved beside the history cache in the workspace storage (core/scan/savedReport.ts),
// under a key naming the repository's refs and config as their files say (no git process), the
// strategy in use, the view's measure and scope, and this build. At activation a window whose inputs
// are unchanged builds the report from it, at its own clock and range, in a few ms: the view's first
// rows carry their numbers while the history loads behind them. The extension host is busiest then
// (every extension starting): a first paint without numbers and a second one after the history was
// read waited 300–500 ms on it in the editor bench. Other inputs, no file or a damaged one: none.
import { fromFiles } from '../../core/git/fingerprint';
import { hashOf } from '../../core/history/historyCache';
import { snapshotKey } from '../../core/history/reportSnapshot';
import type { Strategy } from '../../core/strategy/types';

declare const __BUILD__: string | undefined;
/** The bundle's build (a hash of the sources, scripts/build.mjs): another build's saved input is not read. */
const BUILD = typeof __BUILD__ === 'string' ? __BUILD__ : 'dev';

/** Beside the history cache file. */
export function savedNumbersFile(historyFile: string): string {
  return historyFile.replace(/\.bin$/, '') + '-reports.bin';
}

/**
 * The key of the saved numbers of the repository at `root` with `strategy`, by `measure` for
 * `author` (or everyone); undefined when its files cannot say (git would have to be asked).
 */
export function savedNumbersKey(root: string, strategy: Strategy, measure: string, author: string | undefined): string | undefined {
  const fingerprint = fromFiles(root, process.env);
  if (!fingerprint) return undefined;
  const { commonDir, refs, config } = fingerprint;
  return snapshotKey(['editor', BUILD, fingerprint.root, commonDir, refs, config, hashOf(strategy), measure, author ?? null]);
}
