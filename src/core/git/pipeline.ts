// How a git process (or `git A | git B`) is started and watched: the one piece of code that calls
// child_process.spawn for the runner's streamed commands. It runs in this process (the CLI) or in a
// small helper process (the editor, gitHelper.ts: a spawn forks the whole extension host, 40–120 ms
// its event loop would otherwise stand still for). The helper runs this function's own source text,
// so it uses nothing but its parameters, `require` and globals: no imports, no helpers outside it.

/** One pipeline: `stages` piped one into the next, `input` on the first one's stdin, in `cwd`. */
export interface PipelineRequest {
  cwd: string;
  stages: string[][];
  input: string;
  /** Added to the environment. */
  env?: Record<string, string>;
  /**
   * A file (created by the caller, who reads it as it grows: spool.ts) the last stage writes its
   * output into instead of a pipe; it is unlinked once opened here. `onChunk` is not called.
   */
  spool?: string;
}

/** How one stage ended: its exit code (null when killed), the start of its stderr, or why it did not start. */
export interface StageResult {
  code: number | null;
  stderr: string;
  error?: { code?: string; message: string };
}

export interface RunningPipeline {
  /** Every stage closed (its stdout fully handed over first). Never rejects. */
  done: Promise<StageResult[]>;
  kill(): void;
}

/** Starts a pipeline: the last stage's stdout goes to `onChunk` chunk by chunk. */
export type Launcher = (request: PipelineRequest, onChunk: (chunk: Buffer) => void) => RunningPipeline;

/**
 * The launcher of this process. Self-contained: gitHelper.ts gives its source text to the helper.
 * With `stdout` (a connected socket: the helper's direct output), the last stage writes there
 * itself and `onChunk` is not called.
 */
export function runPipeline(
  request: PipelineRequest,
  onChunk: (chunk: Buffer) => void,
  stdout?: import('node:net').Socket,
): RunningPipeline {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const env = request.env ? { ...process.env, ...request.env } : undefined;
  const results: StageResult[] = request.stages.map(() => ({ code: null, stderr: '' }));
  const last = request.stages.length - 1;
  let output: import('node:net').Socket | number | 'pipe' = stdout ?? 'pipe';
  if (request.spool) {
    try {
      output = fs.openSync(request.spool, 'r+');
      fs.rmSync(request.spool, { force: true }); // the reader has it open: nothing is left behind
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      return {
        done: Promise.resolve(request.stages.map(() => ({ code: null, stderr: '', error: { code, message } }))),
        kill: () => undefined,
      };
    }
  }
  const children = request.stages.map((args, i) =>
    // (typed as all pipes: the last stage's stdout is null when it is `stdout` or the spool, and is then not read)
    spawn('git', args, { cwd: request.cwd, stdio: ['pipe', i === last ? output : 'pipe', 'pipe'], ...(env ? { env } : {}) }),
  ) as import('node:child_process').ChildProcessWithoutNullStreams[];
  if (typeof output === 'number') fs.closeSync(output); // git has its own
  const kill = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  let open = children.length;
  let finish: (results: StageResult[]) => void = () => undefined;
  const done = new Promise<StageResult[]>((resolve) => (finish = resolve));
  children.forEach((child, i) => {
    const result = results[i];
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      if (--open === 0) finish(results);
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (result.stderr.length < 4096) result.stderr += text;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      result.error = { code: error.code, message: error.message };
      kill();
      close();
    });
    child.on('close', (code: number | null) => {
      result.code = code;
      if (code !== 0) kill(); // one stage failing stops the others
      close();
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all of stdin
    if (i > 0) children[i - 1].stdout.pipe(child.stdin);
  });
  if (output === 'pipe') children[last].stdout.on('data', onChunk);
  children[0].stdin.end(request.input);
  return { done, kill };
}

/** The stage whose failure the pipeline reports: the first that failed on its own (not killed), else the first that failed. */
export function failedStage(results: readonly StageResult[], quietExitOk: boolean): number {
  const failed = (r: StageResult) => r.error !== undefined || (r.code !== 0 && !(quietExitOk && r.code !== null && r.stderr === ''));
  const own = results.findIndex((r) => failed(r) && (r.error !== undefined || r.code !== null));
  return own >= 0 ? own : results.findIndex(failed);
}
