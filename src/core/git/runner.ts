// The ONE way the core runs git: short commands through simple-git, long output streamed from a
// child process. Argument arrays only, never a shell string.
import type { SimpleGit } from 'simple-git';
import { classify, GitError } from './errors';
import { failedStage, type Launcher, runPipeline, type RunningPipeline } from './pipeline';
import { createSpool, type Spool } from './spool';

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
   * stopped and the promise rejects with that error. `spool`: through a file when spoolOutput is on (spool.ts).
   */
  each(args: string[], onChunk: (chunk: Buffer) => void, input?: string, env?: Record<string, string>, spool = false): Promise<void> {
    return this.launch([args], input ?? '', onChunk, false, env, spool && spooling);
  }

  /**
   * `run` without simple-git: the same stdout, and as there a non-zero exit with an empty stderr
   * is not an error. For the short reads of a cold scan, which then neither load simple-git
   * (~30 ms) nor wait on its task queue while the history log waits to start.
   */
  async output(args: string[]): Promise<string> {
    const chunks: Buffer[] = [];
    await this.launch([args], '', (chunk) => chunks.push(chunk), true);
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * `git A… | git B…`: `input` on the first one's stdin, its stdout streamed into the second, whose
   * stdout goes to `onChunk` (issue 12: ONE diff-tree piped into ONE patch-id). Either failing fails it.
   */
  pipe(first: string[], second: string[], input: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    return this.launch([first, second], input, onChunk, false);
  }

  /** Runs a pipeline with the launcher in use (launchGitWith); onChunk throwing stops it and rejects with that error. */
  private launch(
    stages: string[][],
    input: string,
    onChunk: (chunk: Buffer) => void,
    quietExitOk: boolean,
    env?: Record<string, string>,
    spooled = false,
  ): Promise<void> {
    gitActivity.processes += stages.length;
    return new Promise((resolve, reject) => {
      let failure: { error: unknown } | undefined;
      const take = (chunk: Buffer) => {
        if (failure) return;
        try {
          onChunk(chunk);
        } catch (error) {
          failure = { error };
          running.kill();
        }
      };
      const spool = spooled ? spoolOrPipe() : undefined;
      const request = { cwd: this.cwd, stages, input, ...(env ? { env } : {}), ...(spool ? { spool: spool.path } : {}) };
      let running: RunningPipeline;
      try {
        running = launcher(request, take);
      } catch (error) {
        spool?.dispose();
        throw error;
      }
      const done = spool ? spool.read(take, running.done) : running.done;
      void done.then((results) => {
        if (failure) return reject(failure.error);
        const i = failedStage(results, quietExitOk);
        if (i < 0) return resolve();
        const { error, stderr, code } = results[i];
        reject(error ? toGitError(error, stages[i]) : classify(stderr || `exit code ${code ?? 1}`, stages[i]));
      });
    });
  }
}

/** Whether `each(…, spool)` goes through a file (the CLI, not on Windows: spool.ts); off, through a pipe. */
let spooling = false;

/** Sends the long outputs that ask for it through a file from now on (or a pipe again); returns the setting it replaces. */
export function spoolOutput(on: boolean): boolean {
  const before = spooling;
  spooling = on && process.platform !== 'win32';
  return before;
}

/** A new spool, or undefined (through a pipe, as without spooling) when the temp folder cannot take one. */
function spoolOrPipe(): Spool | undefined {
  try {
    return createSpool();
  } catch {
    return undefined;
  }
}

/** How the runners start processes: from this process unless a helper's launcher was given (gitHelper.ts). */
let launcher: Launcher = runPipeline;

/** Starts every streamed git command with `start` from now on (undefined: from this process again); returns the one it replaces, to give back. */
export function launchGitWith(start: Launcher | undefined): Launcher | undefined {
  const before = launcher === runPipeline ? undefined : launcher;
  launcher = start ?? runPipeline;
  return before;
}

function toGitError(error: unknown, args: readonly string[]): GitError {
  if (error instanceof GitError) return error;
  const err = error as { code?: string; message?: string };
  if (err.code === 'ENOENT' || /spawn git ENOENT/.test(err.message ?? '')) {
    return new GitError('git-missing', 'git is not installed or not on PATH');
  }
  return classify(err.message ?? String(error), args);
}
