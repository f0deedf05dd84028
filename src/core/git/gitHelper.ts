// git started by a small helper process (issue 14). Node starts a process by forking its own, and a
// fork of the extension host (hundreds of MB mapped) held its event loop 40–120 ms a spawn (bench:
// the config read, the history log, the notes reads). From a worker thread it was no better: the
// fork holds the process's memory map, and the host's thread waited on it to grow its tables
// (growable.ts's reserve: 53–90 ms of a scan became 76–203 ms). So the host forks once, a
// ~40 MB Node that runs pipeline.ts's `runPipeline` (its source text) for it; the output comes back
// over the IPC channel in blocks, or (`direct`, the CLI over many repositories) git writes it into a
// socket this process reads, as it would read git's pipe: no copy through the helper. A fork also
// write-protects every page of the parent, so each page it writes afterwards faults once: on the
// test VM, after one spawn, rewriting 100 MB took 26,000 faults and 440 ms instead of 1 ms.
// (The editor keeps the relay: measured with direct output, its cold scan was slower, 1.24–1.73x
// the CLI against 1.28–1.61x, with 72–78 ms turns reading the socket.)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Launcher, type PipelineRequest, type RunningPipeline, runPipeline, type StageResult } from './pipeline';

/** `direct`: the output went to this process's socket (wait for it to close too). */
type Output = { id: number; chunk: Uint8Array } | { id: number; results: StageResult[]; direct?: boolean };
type FromHelper = { ready: true } | Output;
/**
 * `direct`: the socket to connect to and hand to git as its stdout. `atOnce`: a spooled pipeline
 * (its output into a file) waits while that many spooled ones run.
 */
type ToHelper = { id: number; request: PipelineRequest; direct?: string; atOnce?: number } | { id: number; kill: true };

interface Pending {
  request: PipelineRequest;
  onChunk: (chunk: Buffer) => void;
  finish: (results: StageResult[]) => void;
  /** The same pipeline run in this process instead, when the helper never started. */
  here?: RunningPipeline;
  /** Direct output: whether its socket closed, and the results when they came first. */
  closed?: boolean;
  results?: StageResult[];
}

/**
 * The helper's program: say it runs, then run pipelines on request. git writes a few KB at a time,
 * so output is gathered here and sent in blocks of 256 KB (or what came within 4 ms): ~200 messages
 * for a 100k-commit log instead of thousands of reads. Asked for direct output, it connects to the
 * parent's socket, writes the pipeline's id there and gives the socket to git as its stdout (relayed
 * after all when the socket cannot be reached). Spooled pipelines (their output into a file the
 * parent reads) may be limited to a few at once: the next starts here as soon as one exits, not
 * when the parent, busy with the output before, gets to it. It stops, and stops its git, with its parent.
 */
function helperMain(run: typeof runPipeline): void {
  const BLOCK = 256 * 1024;
  const running = new Map<number, RunningPipeline>();
  const killed = new Set<number>(); // asked to stop before their git started (direct: still connecting; spooled: waiting)
  const waiting: (() => void)[] = []; // spooled pipelines over the limit, in the order asked
  let spooling = 0;
  const post = (message: FromHelper) => process.send!(message);
  /** A pipeline asked to stop before its git started ends as stopped. */
  const stopped = (id: number) => void post({ id, results: [{ code: null, stderr: '', error: { message: 'stopped' } }] });
  const ended = (id: number, pipeline: RunningPipeline, direct?: boolean) => {
    running.set(id, pipeline);
    void pipeline.done.then((results) => {
      running.delete(id);
      post({ id, results, ...(direct ? { direct } : {}) });
    });
  };
  /** Output sent over IPC in blocks. */
  const relay = (id: number, request: PipelineRequest) => {
    let parts: Buffer[] = [];
    let size = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (size === 0) return;
      const block = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      parts = [];
      size = 0;
      post({ id, chunk: block });
    };
    const pipeline = run(request, (chunk) => {
      parts.push(chunk);
      size += chunk.byteLength;
      if (size >= BLOCK) flush();
      else timer ??= setTimeout(flush, 4);
    });
    void pipeline.done.then(flush);
    ended(id, pipeline);
  };
  /** Output written by git into the parent's socket, after the pipeline's id; relayed when the socket cannot be reached. */
  const direct = (id: number, request: PipelineRequest, address: string) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const socket = (require('node:net') as typeof import('node:net')).connect(address);
    let started = false;
    const start = (how: () => void) => {
      if (started) return;
      started = true;
      if (!killed.delete(id)) return how();
      socket.destroy();
      stopped(id);
    };
    socket.on('error', () => start(() => relay(id, request)));
    socket.on('connect', () =>
      socket.write(`${id}\n`, () =>
        start(() => {
          const pipeline = run(request, () => undefined, socket);
          socket.destroy(); // git has its own copy: the parent sees the end when git's output ends
          ended(id, pipeline, true);
        }),
      ),
    );
  };
  process.on('message', (message: ToHelper) => {
    const { id } = message;
    if ('kill' in message) {
      if (running.has(id)) running.get(id)!.kill();
      else killed.add(id);
    } else if (message.request.spool) {
      const start = () => {
        if (killed.delete(id)) return stopped(id);
        spooling++;
        const pipeline = run(message.request, () => undefined);
        ended(id, pipeline);
        void pipeline.done.then(() => {
          spooling--;
          waiting.shift()?.();
        });
      };
      if (spooling < (message.atOnce ?? Infinity)) start();
      else waiting.push(start);
    } else if (message.direct) direct(id, message.request, message.direct);
    else relay(id, message.request);
  });
  process.on('disconnect', () => {
    for (const pipeline of running.values()) pipeline.kill();
    process.exit(0);
  });
  post({ ready: true });
}

/** Most of one event-loop turn the helper's output may take before the rest waits for the next turn. */
const TURN_MS = 12;

export interface GitHelperOptions {
  /** Told why, once, if the helper stops on its own (an error, an exit, never starting). */
  onStop?: (why: string) => void;
  /** How long the helper may take to start before git starts in this process instead (it takes ~50–150 ms). */
  startWithinMs?: number;
  /** What runs as the helper (default: this Node, or Electron as Node, with helperMain): the tests give others. */
  command?: { file: string; args: readonly string[] };
  /**
   * git writes its output into a socket this process reads (not on Windows, where it is relayed):
   * no copy through the helper, but every read is an event here (the CLI, not the editor).
   */
  direct?: boolean;
  /** At most this many spooled pipelines (the history logs, runner.ts's spoolOutput) run at once; the others wait in the helper. */
  spooledAtOnce?: number;
}

export class GitHelper {
  private helper: ChildProcess | undefined;
  private ready = false;
  private failed: string | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  /** Messages not handed over yet: given out a few milliseconds at a time (a burst of them arrives in one go). */
  private readonly inbox: Output[] = [];
  private draining = false;
  /** Stops the running helper with a reason (set by start). */
  private stopped: ((why: string) => void) | undefined;
  /** Where git's direct output arrives (options.direct), and the socket's address. */
  private server: Server | undefined;
  private address: string | undefined;
  /** Pipelines the helper was asked to run, and those whose output came through the socket (the tests observe them). */
  launched = 0;
  directOutputs = 0;

  constructor(private readonly options: GitHelperOptions = {}) {}

  /** Starts a pipeline from the helper, or in this process once the helper is gone. */
  readonly launch: Launcher = (request, onChunk) => {
    const helper = this.start();
    if (!helper) return runPipeline(request, onChunk);
    const id = this.next++;
    this.launched++;
    let finish: (results: StageResult[]) => void = () => undefined;
    const done = new Promise<StageResult[]>((resolve) => (finish = resolve));
    if (this.pending.size === 0) this.hold(helper, true);
    const entry: Pending = { request, onChunk, finish };
    this.pending.set(id, entry);
    const atOnce = request.spool ? this.options.spooledAtOnce : undefined;
    this.send({ id, request, ...(this.address ? { direct: this.address } : {}), ...(atOnce ? { atOnce } : {}) });
    return { done, kill: () => (entry.here ? entry.here.kill() : this.send({ id, kill: true })) };
  };

  /** Starts the helper now (its one fork of this process), not with the first pipeline. */
  prepare(): void {
    this.start();
  }

  /** Why the helper stopped, if it did (then git starts in this process). */
  get failure(): string | undefined {
    return this.failed;
  }

  dispose(): void {
    const helper = this.helper;
    this.helper = undefined;
    this.failed ??= 'disposed';
    helper?.kill();
    this.closeServer();
    this.abandon('the git helper was stopped');
  }

  /** Listens for git's direct output: a socket named after this process (Linux: not in the file system). */
  private listen(): void {
    if (!this.options.direct || process.platform === 'win32') return;
    const name = `strategy-align-git-${process.pid}-${randomBytes(6).toString('hex')}`;
    const address = process.platform === 'linux' ? `\0${name}` : join(tmpdir(), `${name}.sock`);
    const server = createServer((socket) => this.accept(socket));
    server.on('error', () => undefined); // then the helper cannot connect, and relays the output
    server.listen(address);
    server.unref(); // the pipelines' sockets keep this process alive, not the server
    this.server = server;
    this.address = address;
  }

  private closeServer(): void {
    this.server?.close();
    if (this.address && !this.address.startsWith('\0')) rmSync(this.address, { force: true });
    this.server = undefined;
    this.address = undefined;
  }

  /** One pipeline's direct output: its id on the first line, then git's stdout until it closes. */
  private accept(socket: Socket): void {
    let id = 0;
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      if (id === 0) {
        const newline = chunk.indexOf(10);
        head += chunk.toString('latin1', 0, newline < 0 ? chunk.length : newline);
        if (newline < 0) return;
        id = Number(head);
        if (this.pending.has(id)) this.directOutputs++;
        chunk = chunk.subarray(newline + 1);
        if (chunk.length === 0) return;
      }
      this.pending.get(id)?.onChunk(chunk);
    });
    socket.on('error', () => undefined); // a pipeline stopped here; its results say how it ended
    socket.on('close', () => {
      const entry = this.pending.get(id);
      if (!entry) return;
      entry.closed = true;
      if (entry.results) this.finish(id, entry, entry.results);
    });
  }

  private finish(id: number, entry: Pending, results: StageResult[]): void {
    this.pending.delete(id);
    if (this.pending.size === 0 && this.helper) this.hold(this.helper, false);
    entry.finish(results);
  }

  private send(message: ToHelper): void {
    if (this.helper?.connected) this.helper.send(message, (error) => error && this.stopped?.(`cannot reach it: ${error.message}`));
  }

  /** Keeps this process alive for the helper only while pipelines run. */
  private hold(helper: ChildProcess, on: boolean): void {
    // The process, its IPC channel and the pipe its stderr is read from: each keeps a process alive.
    const handles = [helper, helper.channel, helper.stderr] as ({ ref(): void; unref(): void } | null | undefined)[];
    for (const handle of handles) {
      if (on) handle?.ref();
      else handle?.unref();
    }
  }

  private start(): ChildProcess | undefined {
    if (this.helper || this.failed) return this.helper;
    const { file, args } = this.options.command ?? {
      file: process.execPath,
      args: ['-e', `(${helperMain.toString()})(${runPipeline.toString()});`],
    };
    this.listen();
    const helper = spawn(file, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced', // buffers as bytes, not JSON
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // the editor's Node is Electron's
      windowsHide: true,
    });
    let stderr = '';
    helper.stderr?.setEncoding('utf8');
    helper.stderr?.on('data', (text: string) => (stderr = (stderr + text).slice(-400)));
    helper.on('message', (message: FromHelper) => {
      if ('ready' in message) {
        this.ready = true;
        return clearTimeout(late);
      }
      this.inbox.push(message); // only queued here, handed over by drain
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => this.drain());
      }
    });
    const stop = (why: string) => {
      if (this.helper !== helper) return;
      clearTimeout(late);
      this.helper = undefined;
      this.failed = why;
      helper.kill();
      this.closeServer();
      if (this.ready) this.abandon(`the git helper stopped: ${why}`);
      else this.runHere(); // it never ran a thing: every pipeline asked of it runs here, as if asked here
      this.options.onStop?.(why);
    };
    this.stopped = stop;
    const within = this.options.startWithinMs ?? 10_000;
    const late = setTimeout(() => stop(`it did not start within ${within} ms`), within);
    late.unref();
    helper.on('error', (error) => stop(error.message));
    helper.on('exit', (code, signal) => stop(`exit ${signal ?? code}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
    this.hold(helper, false);
    this.helper = helper;
    return helper;
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
          const { buffer, byteOffset, byteLength } = message.chunk;
          pending.onChunk(Buffer.from(buffer, byteOffset, byteLength));
        } catch {
          // the runner's onChunk catches its own errors; nothing else may stop the inbox
        }
      } else if (message.direct && !pending.closed) {
        pending.results = message.results; // its socket closes after: finished then
      } else {
        this.finish(message.id, pending, message.results);
      }
    }
    this.inbox.splice(0, taken);
    if (this.inbox.length > 0) setImmediate(() => this.drain());
    else this.draining = false;
  }

  /** Pipelines in flight when the helper went away end as failed, with `why`. */
  private abandon(why: string): void {
    this.inbox.length = 0;
    for (const { finish } of this.pending.values()) finish([{ code: null, stderr: '', error: { message: why } }]);
    this.pending.clear();
  }

  /** The helper never started: its pipelines start here, their output going where it would have. */
  private runHere(): void {
    for (const entry of this.pending.values()) {
      entry.here = runPipeline(entry.request, entry.onChunk);
      void entry.here.done.then(entry.finish);
    }
    this.pending.clear();
  }
}
