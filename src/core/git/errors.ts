// Failures of git, sorted into what a caller can act on.

/** `locked`: another git process held a ref or the config (retryable); `branch-gone`: the branch
 *  was renamed or deleted while it was being tagged. */
export type GitErrorKind = 'git-missing' | 'not-a-repo' | 'bad-revision' | 'locked' | 'branch-gone' | 'failed';

/** git's words when another process holds a lock or moved a ref under a compare-and-swap. */
const LOCKED =
  /cannot lock ref|unable to create '[^']*\.lock'|could not lock config file|is at [0-9a-f]+ but expected|reference already exists/i;

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** The first meaningful line of git's stderr, without the `fatal: ` / `error: ` prefix. */
export function gitMessage(stderr: string): string {
  const line =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'git failed';
  return line.replace(/^(fatal|error): /, '');
}

export function classify(stderr: string, args: readonly string[]): GitError {
  const message = gitMessage(stderr);
  if (/not a git repository/i.test(message)) return new GitError('not-a-repo', message);
  if (LOCKED.test(message)) return new GitError('locked', `git ${args[0] ?? ''}: ${message}`);
  if (/unknown revision|bad revision|ambiguous argument|invalid object name|not a valid object name/i.test(message)) {
    return new GitError('bad-revision', message);
  }
  return new GitError('failed', `git ${args[0] ?? ''}: ${message}`);
}
