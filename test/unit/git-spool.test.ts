// The CLI's history log through a file (core/git/spool.ts): git writes its whole output without
// waiting on the reader, the reader gets the same bytes as through a pipe, failures are the same
// GitErrors, nothing is left in the temp folder; and the git helper's limit on them (cli/pool.ts's many repositories).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError } from '../../src/core/git/errors';
import { GitHelper } from '../../src/core/git/gitHelper';
import { readHistoryLog } from '../../src/core/git/historyLog';
import { GitRunner, launchGitWith, spoolOutput } from '../../src/core/git/runner';
import { inPool } from '../../src/cli/pool';
import { linearHistory } from './helpers/linearHistory';
import { TestRepo } from './helpers/testRepo';

const COMMITS = 4000;

/** Every record of the history log, as text, read with spooling on or off. */
async function historyRecords(runner: GitRunner, tips: string[], spooled: boolean): Promise<string[]> {
  const records: string[] = [];
  const before = spoolOutput(spooled);
  try {
    await readHistoryLog(runner, 'Goal', tips, [], (data, starts) => records.push(data.toString('latin1', starts[0], starts.at(-1))));
  } finally {
    spoolOutput(before);
  }
  return records;
}

/** The state letter of a process (R, S, Z…), or undefined when it is gone. */
function stateOf(pid: number): string | undefined {
  try {
    return /\) (\S) /.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** This process's git children (Linux). */
function gitChildren(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync('/proc/self/task')) {
    const text = readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim();
    for (const pid of text ? text.split(' ').map(Number) : []) {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'git') pids.push(pid);
    }
  }
  return pids;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

describe('long git output through a file (the CLI’s history log)', () => {
  let t: TestRepo;
  let tips: string[];
  let temp: string;
  const savedTmp = process.env.TMPDIR;

  before(() => {
    t = TestRepo.create();
    linearHistory(t.dir, COMMITS, 150, 5); // ~1 MB of log: far more than a pipe holds
    tips = [t.git(['rev-parse', 'main']).trim()];
  });
  // Each test's spool files go to a folder of its own: that nothing is left there is checked.
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'sa-spool-'));
    process.env.TMPDIR = temp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    launchGitWith(undefined);
    rmSync(temp, { recursive: true, force: true });
  });
  after(() => t.cleanup());

  const launchers: [string, () => { use: () => void; dispose: () => void }][] = [
    ['started by this process', () => ({ use: () => launchGitWith(undefined), dispose: () => undefined })],
    ...[false, true].map((direct): [string, () => { use: () => void; dispose: () => void }] => [
      `started by the git helper (${direct ? 'direct' : 'relayed'} output asked)`,
      () => {
        const helper = new GitHelper({ direct });
        return { use: () => launchGitWith(helper.launch), dispose: () => helper.dispose() };
      },
    ]),
  ];
  for (const [how, make] of launchers)
    it(`gives the same records as a pipe and leaves no file behind, git ${how}`, async () => {
      const launcher = make();
      try {
        launcher.use();
        const piped = await historyRecords(new GitRunner(t.dir), tips, false);
        const spooled = await historyRecords(new GitRunner(t.dir), tips, true);
        assert.equal(piped.length, COMMITS);
        assert.deepEqual(spooled, piped);
        assert.deepEqual(readdirSync(temp), [], 'the spool file is gone');
      } finally {
        launcher.dispose();
      }
    });

  it('goes through a pipe when the temp folder cannot take a file', async () => {
    const piped = await historyRecords(new GitRunner(t.dir), tips, false);
    process.env.TMPDIR = join(temp, 'missing');
    assert.deepEqual(await historyRecords(new GitRunner(t.dir), tips, true), piped);
  });

  it('lets git write its whole output while this process does not read', async function () {
    this.timeout(120_000);
    // The first chunk is held (this thread blocked: nothing reads the rest) until git has exited, a
    // zombie not yet reaped. Through a pipe git would wait at a full pipe and never get there.
    let exited = false;
    let first = true;
    const chunks: Buffer[] = [];
    const before = spoolOutput(true);
    try {
      await new GitRunner(t.dir).each(
        ['log', '--format=%H %B', 'main'],
        (chunk) => {
          chunks.push(Buffer.from(chunk));
          if (!first) return;
          first = false;
          const [pid] = gitChildren();
          assert.ok(pid, 'git is running when its first output is read');
          for (let waited = 0; waited < 60_000 && !exited; waited += 5) {
            exited = !['R', 'S', 'D'].includes(stateOf(pid) ?? 'gone');
            if (!exited) Atomics.wait(pause, 0, 0, 5);
          }
        },
        '',
        undefined,
        true,
      );
    } finally {
      spoolOutput(before);
    }
    assert.ok(exited, 'git ended while its output was not being read');
    const expected = execFileSync('git', ['log', '--format=%H %B', 'main'], { cwd: t.dir, maxBuffer: 1 << 26 });
    assert.ok(Buffer.concat(chunks).equals(expected), 'and every byte was read after');
  });

  it('fails as a pipe fails: the same GitError; a reader that throws stops git and rejects with its error', async () => {
    const runner = new GitRunner(t.dir);
    const fail = async (spooled: boolean) => {
      const before = spoolOutput(spooled);
      try {
        return await runner.each(['log', 'no-such-revision'], () => undefined, '', undefined, true).catch((e: unknown) => e);
      } finally {
        spoolOutput(before);
      }
    };
    const [piped, spooled] = [await fail(false), await fail(true)];
    assert.ok(spooled instanceof GitError && piped instanceof GitError);
    assert.equal(spooled.kind, 'bad-revision');
    assert.equal(spooled.message, piped.message);
    const stop = new Error('enough');
    const before = spoolOutput(true);
    try {
      const thrown = await runner
        .each(
          ['log', '--format=%H %B', 'main'],
          () => {
            throw stop;
          },
          '',
          undefined,
          true,
        )
        .catch((e: unknown) => e);
      assert.equal(thrown, stop);
    } finally {
      spoolOutput(before);
    }
    assert.deepEqual(readdirSync(temp), [], 'no spool file is left after a failure');
  });

  it('runs at most N spooled pipelines at once in the git helper (spooledAtOnce); the rest start at once', async () => {
    // A `git` first on PATH that notes when each real git starts and ends, for the helper to run.
    const bin = mkdtempSync(join(tmpdir(), 'sa-git-bin-'));
    const events = join(bin, 'events');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\necho "start $1" >> '${events}'\n'${real}' "$@"\ncode=$?\necho "end $1" >> '${events}'\nexit $code\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    const helper = new GitHelper({ direct: true, spooledAtOnce: 2 });
    const before = spoolOutput(true);
    try {
      helper.prepare(); // started with the PATH above
      launchGitWith(helper.launch);
      const runner = new GitRunner(t.dir);
      const logs = Array.from({ length: 5 }, () => {
        let size = 0;
        return readHistoryLog(runner, 'Goal', tips, [], () => size++).then(() => size);
      });
      const other = runner.output(['rev-parse', 'main']);
      assert.equal((await other).trim(), tips[0]);
      assert.deepEqual(await Promise.all(logs), Array(5).fill(COMMITS), 'every log read whole');
    } finally {
      spoolOutput(before);
      helper.dispose();
      process.env.PATH = path;
    }
    const lines = readFileSync(events, 'utf8').trim().split('\n');
    rmSync(bin, { recursive: true, force: true });
    let logs = 0;
    let most = 0;
    for (const line of lines) {
      if (line === 'start log') most = Math.max(most, ++logs);
      if (line === 'end log') logs--;
    }
    assert.equal(lines.filter((l) => l === 'start log').length, 5);
    assert.equal(most, 2, 'never more than two history logs at once, and two did run together');
    assert.ok(lines.indexOf('start rev-parse') < lines.lastIndexOf('start log'), 'the short read did not wait for the logs');
  });
});

describe('the many-repository pool', () => {
  it('keeps the items’ order, runs at most its limit at once, and starts nothing after a failure', async () => {
    let active = 0;
    let most = 0;
    const ticks = (n: number) =>
      Array.from({ length: n }).reduce<Promise<void>>((p) => p.then(() => new Promise(setImmediate)), Promise.resolve());
    const results = await inPool([5, 1, 4, 2, 3, 0], 3, async (n) => {
      most = Math.max(most, ++active);
      await ticks(n);
      active--;
      return n * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30, 0]);
    assert.equal(most, 3);
    const started: number[] = [];
    const failure = await inPool([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await ticks(n);
      if (n === 2) throw new Error('two failed');
    }).catch((e: unknown) => e);
    assert.equal((failure as Error).message, 'two failed');
    assert.ok(!started.includes(5) && !started.includes(6), `nothing started after the failure was seen (${started.join(',')})`);
  });
});
