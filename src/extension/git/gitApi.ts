// The part of the built-in git extension's API (`vscode.git`, API version 1) this extension uses.
// Declared here, as the git extension's docs recommend, rather than depending on its sources.
import type { Event, Uri } from 'vscode';

export interface GitBranchRef {
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
  readonly upstream?: { readonly name: string; readonly remote: string; readonly commit?: string };
}

export interface GitRepositoryState {
  readonly HEAD: GitBranchRef | undefined;
  readonly refs: readonly GitBranchRef[];
  readonly remotes?: readonly { readonly name: string }[];
  readonly onDidChange: Event<void>;
}

export interface GitInputBox {
  value: string;
}

export interface GitRepository {
  readonly rootUri: Uri;
  readonly inputBox: GitInputBox;
  readonly state: GitRepositoryState;
  readonly onDidCommit?: Event<void>;
  readonly onDidCheckout?: Event<void>;
  createBranch(name: string, checkout: boolean, ref?: string): Promise<void>;
}

export type GitApiState = 'uninitialized' | 'initialized';

export interface GitAPI {
  readonly state: GitApiState;
  readonly onDidChangeState: Event<GitApiState>;
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: Event<GitRepository>;
  readonly onDidCloseRepository: Event<GitRepository>;
}

export interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: Event<boolean>;
  getAPI(version: 1): GitAPI;
}
