// git processes started from a worker thread (issue 14). Node starts a process by forking its own:
// from the extension host (hundreds of MB mapped) one spawn held its event loop for 40–120 ms
// (bench: the config read, the history log, the notes reads), two in one turn more. Forked from a
// worker thread, the host's loop goes on; the output comes back as transferred buffers, no copy.
// The worker runs pipeline.ts's `runPipeline` (its source text) and nothing else.
import { SHARE_ENV, Worker } from 'node:worker_threads';
import { type Launcher, type PipelineRequest, type RunningPipeline, runPipeline, type StageResult } from './pipeline';

type Output = { id: number; chunk: ArrayBuffer } | { id: number; results: StageResult[] };
type FromWorker = { ready: true } | Output;
type ToWorker = { id: number; request: PipelineRequest } | { id: number; kill: true };

interface Pending {
  request: PipelineRequest;
  onChunk: (chunk: Buffer) => void;
  finish: (results: StageResult[]) => void;
  /** The same pipeline run in this thread instead, when the worker never started. */
  here?: RunningPipeline;
}

/**
 * The worker's program: say it runs, then run pipelines on request. git writes its log a commit at a
 * time (~0.5 KB a read: 44k reads for 100k commits), so output is gathered here and sent in blocks of
 * BLOCK bytes (or what came within a few ms), each block's memory moved, not copied: ~100 messages
 * for the host's thread to take instead of tens of thousands of reads.
 */
function workerMain(run: typeof runPipeline): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const port = (require('node:worker_threads') as typeof import('node:worker_threads')).parentPort!;
  const BLOCK = 256 * 1024;
  const running = new Map<number, RunningPipeline>();
  port.on('message', (message: ToWorker) => {
    const { id } = message;
    if ('kill' in message) return running.get(id)?.kill();
    let parts: Buffer[] = [];
    let size = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (size === 0) return;
      const block = parts.length === 1 && parts[0].byteLength === parts[0].buffer.byteLength ? parts[0] : Buffer.concat(parts, size);
      const memory =
        block.byteOffset === 0 && block.byteLength === block.buffer.byteLength
          ? block.buffer
          : block.buffer.slice(block.byteOffset, block.byteOffset + size);
      parts = [];
      size = 0;
      port.postMessage({ id, chunk: memory }, [memory as ArrayBuffer]);
    };
    const pipeline = run(message.request, (chunk) => {
      parts.push(chunk);
      size += chunk.byteLength;
      if (size >= BLOCK) flush();
      else timer ??= setTimeout(flush, 4);
    });
    running.set(id, pipeline);
    void pipeline.done.then((results) => {
      flush();
      running.delete(id);
      port.postMessage({ id, results });
    });
  });
  port.postMessage({ ready: true });
}

/** Most of one event-loop turn the worker's output may take before the rest waits for the next turn. */
const TURN_MS = 12;

export interface GitWorkerOptions {
  /** Told why, once, if the worker stops on its own (an error, an exit, never starting). */
  onStop?: (why: string) => void;
  /**
   * How long the worker may take to start before git runs in this thread instead. It starts in tens of
   * milliseconds; a debugger can hold new threads until it lets them go (the host started with
   * --inspect-brk-extensions), and a scan must not wait on that forever.
   */
  startWithinMs?: number;
}

export class GitWorker {
  private worker: Worker | undefined;
  private ready = false;
  private failed: string | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  /** Messages not handed over yet: given out a few milliseconds at a time (a burst of chunks is one parse each). */
  private readonly inbox: Output[] = [];
  private draining = false;
  /** Pipelines this worker ran (the tests observe it). */
  launched = 0;

  constructor(private readonly options: GitWorkerOptions = {}) {}

  /** Starts a pipeline in the worker, or in this thread once the worker is gone. */
  readonly launch: Launcher = (request, onChunk) => {
    const worker = this.start();
    if (!worker) return runPipeline(request, onChunk);
    const id = this.next++;
    this.launched++;
    let finish: (results: StageResult[]) => void = () => undefined;
    const done = new Promise<StageResult[]>((resolve) => (finish = resolve));
    if (this.pending.size === 0) worker.ref();
    const entry: Pending = { request, onChunk, finish };
    this.pending.set(id, entry);
    worker.postMessage({ id, request } satisfies ToWorker);
    return { done, kill: () => (entry.here ? entry.here.kill() : this.worker?.postMessage({ id, kill: true } satisfies ToWorker)) };
  };

  /** Why the worker stopped, if it did (then pipelines run in this thread). */
  get failure(): string | undefined {
    return this.failed;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failed ??= 'disposed';
    void worker?.terminate();
    this.abandon('the git worker was stopped');
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    const source = `(${workerMain.toString()})(${runPipeline.toString()});`;
    const worker = new Worker(source, { eval: true, env: SHARE_ENV, name: 'strategy-align git' });
    worker.on('message', (message: FromWorker) => {
      if ('ready' in message) {
        this.ready = true;
        return clearTimeout(late);
      }
      this.inbox.push(message); // a burst of messages is delivered in one go: only queued here, handed over by drain
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => this.drain());
      }
    });
    const stop = (why: string) => {
      if (this.worker !== worker) return;
      clearTimeout(late);
      this.worker = undefined;
      this.failed = why;
      void worker.terminate();
      if (this.ready) this.abandon(`the git worker stopped: ${why}`);
      else this.runHere(); // it never ran a thing: every pipeline asked of it runs here, as if asked here
      this.options.onStop?.(why);
    };
    const within = this.options.startWithinMs ?? 5000;
    const late = setTimeout(() => stop(`it did not start within ${within} ms (a debugger holding new threads?)`), within);
    late.unref();
    worker.on('error', (error) => stop(error.message));
    worker.on('exit', (code) => stop(`exit code ${code}`));
    worker.unref(); // kept alive only while pipelines run (launch, finish)
    this.worker = worker;
    return worker;
  }

  /** Hands the inbox over in order, at most TURN_MS of it per turn. */
  private drain(): void {
    const end = performance.now() + TURN_MS;
    let taken = 0;
    while (taken < this.inbox.length && performance.now() < end) {
      const message = this.inbox[taken++];
      const pending = this.pending.get(message.id);
      if (!pending) continue;
      if ('chunk' in message) {
        try {
          pending.onChunk(Buffer.from(message.chunk));
        } catch {
          // the runner's onChunk catches its own errors; nothing else may stop the inbox
        }
      } else {
        this.pending.delete(message.id);
        if (this.pending.size === 0) this.worker?.unref();
        pending.finish(message.results);
      }
    }
    this.inbox.splice(0, taken);
    if (this.inbox.length > 0) setImmediate(() => this.drain());
    else this.draining = false;
  }

  /** Pipelines in flight when the worker went away end as failed, with `why`. */
  private abandon(why: string): void {
    this.inbox.length = 0;
    for (const { finish } of this.pending.values()) finish([{ code: null, stderr: '', error: { message: why } }]);
    this.pending.clear();
  }

  /** The worker never started: its pipelines start here, their output going where it would have. */
  private runHere(): void {
    for (const entry of this.pending.values()) {
      entry.here = runPipeline(entry.request, entry.onChunk);
      void entry.here.done.then(entry.finish);
    }
    this.pending.clear();
  }
}
