// The "Strategy Align" log (Output view): what the extension did and how long it took — when git
// started, each repository's scans with their commit counts and times. One channel for the window,
// made on first use; its lines (with the host's timestamps) are what a user attaches to a bug report.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Strategy Align', { log: true });
  return channel;
}

/** Disposes the channel with the extension (a later log() makes a new one). */
export const logDisposable: vscode.Disposable = {
  dispose: () => {
    channel?.dispose();
    channel = undefined;
  },
};
