// Failures of git, sorted into what a caller can act on.

export type GitErrorKind = 'git-missing' | 'not-a-repo' | 'bad-revision' | 'failed';

export class GitError extends Error {
  constructor(readonly kind: GitErrorKind, message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** The first meaningful line of git's stderr, without the `fatal: ` / `error: ` prefix. */
export function gitMessage(stderr: string): string {
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? 'git failed';
  return line.replace(/^(fatal|error): /, '');
}

export function classify(stderr: string, args: readonly string[]): GitError {
  const message = gitMessage(stderr);
  if (/not a git repository/i.test(message)) return new GitError('not-a-repo', message);
  if (/unknown revision|bad revision|ambiguous argument|invalid object name|not a valid object name/i.test(message)) {
    return new GitError('bad-revision', message);
  }
  return new GitError('failed', `git ${args[0] ?? ''}: ${message}`);
}
