// The ONE way the core runs git: short commands through simple-git, long output streamed from a
// child process. Argument arrays only, never a shell string.
import { spawn } from 'node:child_process';
import type { SimpleGit } from 'simple-git';
import { classify, GitError } from './errors';

/** How many git processes the runners of this process have started (what the tests observe). */
export const gitActivity = { processes: 0 };

export class GitRunner {
  private simple: SimpleGit | undefined;

  constructor(readonly cwd: string) {}

  /** simple-git, loaded on first use: the CLI's warm report only streams (each) and never pays for it. */
  private get git(): SimpleGit {
    if (!this.simple) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { simpleGit } = require('simple-git') as typeof import('simple-git');
      this.simple = simpleGit({ baseDir: this.cwd, binary: 'git', maxConcurrentProcesses: 4, trimmed: false });
    }
    return this.simple;
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

  /**
   * Runs a long git command, handing its stdout to `onChunk` chunk by chunk as it comes, optionally
   * feeding `input` on stdin, with `env` added to the environment. Plain 'data' events, not an async
   * iterator: that costs promises and async hops per chunk (about 30 ms of CPU for 100k commits),
   * which on a busy 2-core machine come straight out of git's share. When `onChunk` throws, git is
   * stopped and the promise rejects with that error.
   */
  each(args: string[], onChunk: (chunk: Buffer) => void, input?: string, env?: Record<string, string>): Promise<void> {
    return this.stream(args, onChunk, input, env, false);
  }

  /**
   * `run` without simple-git: the same stdout, and as there a non-zero exit with an empty stderr
   * is not an error. For the short reads of a cold scan, which then neither load simple-git
   * (~30 ms) nor wait on its task queue while the history log waits to start.
   */
  async output(args: string[]): Promise<string> {
    const chunks: Buffer[] = [];
    await this.stream(args, (chunk) => chunks.push(chunk), undefined, undefined, true);
    return Buffer.concat(chunks).toString('utf8');
  }

  private stream(
    args: string[],
    onChunk: (chunk: Buffer) => void,
    input: string | undefined,
    env: Record<string, string> | undefined,
    quietExitOk: boolean,
  ): Promise<void> {
    gitActivity.processes++;
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd: this.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        ...(env ? { env: { ...process.env, ...env } } : {}),
      });
      let stderr = '';
      let failed = false;
      let settled = false;
      const fail = (error: unknown) => {
        if (child.exitCode === null) child.kill();
        if (!settled) reject(error);
        failed = settled = true;
      };
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 4096) stderr += chunk;
      });
      child.stdout.on('data', (chunk: Buffer) => {
        if (failed) return;
        try {
          onChunk(chunk);
        } catch (error) {
          fail(error);
        }
      });
      child.on('error', (error) => fail(toGitError(error, args)));
      child.on('close', (code) => {
        if (settled) return;
        if (code === 0 || (quietExitOk && code !== null && stderr === '')) {
          settled = true;
          resolve();
        } else fail(classify(stderr || `exit code ${code ?? 1}`, args));
      });
      child.stdin.on('error', () => undefined); // git may exit before reading all of stdin
      child.stdin.end(input ?? '');
    });
  }

  /**
   * `git A… | git B…`: `input` on the first one's stdin, its stdout streamed into the second, whose
   * stdout goes to `onChunk` (issue 12: ONE diff-tree piped into ONE patch-id). Either failing fails it.
   */
  pipe(first: string[], second: string[], input: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    gitActivity.processes += 2;
    return new Promise((resolve, reject) => {
      const a = spawn('git', first, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      const b = spawn('git', second, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      let settled = false;
      let open = 2;
      const errors: string[] = ['', ''];
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        if (a.exitCode === null) a.kill();
        if (b.exitCode === null) b.kill();
        reject(error);
      };
      const done = (which: number, args: string[]) => (code: number | null) => {
        if (code !== 0) return fail(classify(errors[which] || `exit code ${code ?? 1}`, args));
        if (--open === 0 && !settled) {
          settled = true;
          resolve();
        }
      };
      for (const [i, child] of [a, b].entries()) {
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          if (errors[i].length < 4096) errors[i] += chunk;
        });
        child.on('error', (error) => fail(toGitError(error, i === 0 ? first : second)));
        child.stdin.on('error', () => undefined);
      }
      a.stdout.pipe(b.stdin);
      b.stdout.on('data', (chunk: Buffer) => {
        try {
          onChunk(chunk);
        } catch (error) {
          fail(error);
        }
      });
      a.on('close', done(0, first));
      b.on('close', done(1, second));
      a.stdin.end(input);
    });
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
