// The ONE way the core runs git: short commands through simple-git, long output streamed from a
// child process. Argument arrays only, never a shell string.
import { spawn } from 'node:child_process';
import { type SimpleGit, simpleGit } from 'simple-git';
import { classify, GitError } from './errors';

/** How many git processes the runners of this process have started (what the tests observe). */
export const gitActivity = { processes: 0 };

export class GitRunner {
  private readonly git: SimpleGit;

  constructor(readonly cwd: string) {
    this.git = simpleGit({ baseDir: cwd, binary: 'git', maxConcurrentProcesses: 4, trimmed: false });
  }

  /**
   * Runs a short git command and returns its stdout. Like simple-git, a non-zero exit with an
   * empty stderr (e.g. `git config --get` of a missing key) is not an error: it returns ''.
   */
  async run(args: string[]): Promise<string> {
    gitActivity.processes++;
    try {
      return await this.git.raw(args);
    } catch (error) {
      throw toGitError(error, args);
    }
  }

  /** Streams a long git output chunk by chunk, optionally feeding `input` on stdin, with `env` added to the environment. */
  async *stream(args: string[], input?: string, env?: Record<string, string>): AsyncGenerator<Buffer> {
    gitActivity.processes++;
    const child = spawn('git', args, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    const exited = new Promise<number | Error>((resolve) => {
      child.on('error', resolve);
      child.on('close', (code) => resolve(code ?? 1));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all of stdin
    child.stdin.end(input ?? '');
    try {
      for await (const chunk of child.stdout) yield chunk as Buffer;
      const code = await exited;
      if (code instanceof Error) throw toGitError(code, args);
      if (code !== 0) throw classify(stderr || `exit code ${code}`, args);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  }
}

function toGitError(error: unknown, args: readonly string[]): GitError {
  if (error instanceof GitError) return error;
  const err = error as NodeJS.ErrnoException & { message?: string };
  if (err.code === 'ENOENT' || /spawn git ENOENT/.test(err.message ?? '')) {
    return new GitError('git-missing', 'git is not installed or not on PATH');
  }
  return classify(err.message ?? String(error), args);
}
