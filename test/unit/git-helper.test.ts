// git started by a helper process (issue 14: the editor never forks itself for git): the same
// bytes, the same errors and the same scan as git started by this process, on a real repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepo } from '../../src/core/git';
import { GitError } from '../../src/core/git/errors';
import { GitHelper } from '../../src/core/git/gitHelper';
import { GitRunner, launchGitWith } from '../../src/core/git/runner';
import { scanRepository } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import { linearHistory } from './helpers/linearHistory';
import { TestRepo } from './helpers/testRepo';

const STRATEGY = `version: 1
goals:
  - { id: g0, title: Zero }
  - { id: g1, title: One }
  - { id: g2, title: Two }
`;
const COMMITS = 3000;

for (const direct of [false, true])
  describe(`git started by a helper process, its output ${direct ? 'written by git into a socket read here' : 'relayed over IPC'}`, () => {
    let t: TestRepo;
    let helper: GitHelper;
    const local = () => new GitRunner(t.dir);
    /** A runner whose processes the helper starts (the launcher is the module's: set for the call only). */
    const viaHelper = async <T>(run: (runner: GitRunner) => Promise<T>): Promise<T> => {
      launchGitWith(helper.launch);
      try {
        return await run(new GitRunner(t.dir));
      } finally {
        launchGitWith(undefined);
      }
    };
    const bytes = (runner: GitRunner, args: string[], input?: string) => {
      const chunks: Buffer[] = [];
      return runner
        .each(args, (c) => chunks.push(Buffer.from(c)), input)
        .then(() => ({ all: Buffer.concat(chunks), count: chunks.length }));
    };

    before(() => {
      t = TestRepo.create();
      linearHistory(t.dir, COMMITS, 80, 7); // a log several pipe chunks long (~0.5 MB)
      t.git(['reset', '-q', '--hard', 'main']);
      t.write('strategy.yaml', STRATEGY);
      t.commit('the strategy');
      t.branch('topic');
      t.write('topic.txt', 'topic\n');
      t.commit('topic work');
      t.checkout('main');
    });
    beforeEach(() => (helper = new GitHelper({ direct })));
    afterEach(() => {
      launchGitWith(undefined);
      helper.dispose();
    });
    after(() => t.cleanup());

    it('hands over the same bytes of a long log, in order, chunk by chunk', async () => {
      const args = ['log', '--all', '--format=%H%x00%P%x00%at%x00%B%x00', '-z'];
      const here = await bytes(local(), args);
      const there = await viaHelper((r) => bytes(r, args));
      assert.ok(here.all.length > 400_000, `a log of several chunks (${here.all.length} bytes)`);
      assert.ok(there.count > 1, 'streamed, not handed over at the end');
      assert.ok(there.all.equals(here.all));
      assert.equal(helper.launched, 1);
      assert.equal(helper.directOutputs, direct ? 1 : 0, 'the output came the way asked');
    });

    it('feeds stdin and runs a pipeline: cat-file --batch and diff-tree | patch-id', async () => {
      const shas = t.git(['rev-list', '--max-count=50', 'main']).trim().split('\n');
      const batch = (r: GitRunner) => bytes(r, ['cat-file', '--batch'], shas.join('\n') + '\n');
      assert.ok((await viaHelper(batch)).all.equals((await batch(local())).all));
      const pipe = (r: GitRunner) => {
        const out: Buffer[] = [];
        return r
          .pipe(['diff-tree', '--stdin', '-p'], ['patch-id', '--stable'], shas.join('\n') + '\n', (c) => out.push(Buffer.from(c)))
          .then(() => Buffer.concat(out).toString());
      };
      const ids = await viaHelper(pipe);
      assert.equal(ids.trim().split('\n').length, shas.length, 'one patch-id a commit');
      assert.equal(ids, await pipe(local()));
    });

    it('runs many pipelines at once, each getting its own output', async () => {
      const shas = t.git(['rev-list', '--max-count=24', 'main']).trim().split('\n');
      const subjects = await viaHelper((r) => Promise.all(shas.map((sha) => r.output(['log', '-1', '--format=%s', sha]))));
      assert.deepEqual(
        subjects.map((s) => s.trim()),
        shas.map((sha) => t.git(['log', '-1', '--format=%s', sha]).trim()),
      );
      assert.equal(helper.launched, shas.length);
    });

    it('fails as git started here fails: the kind, the message, a quiet non-zero exit', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'sa-not-a-repo-'));
      try {
        const fail = (r: GitRunner) =>
          r.output(['log']).then(
            () => undefined,
            (e: unknown) => e,
          );
        const [here, there] = [await fail(new GitRunner(outside)), await viaHelper(() => fail(new GitRunner(outside)))];
        assert.ok(there instanceof GitError && here instanceof GitError);
        assert.equal(there.kind, 'not-a-repo');
        assert.equal(there.message, here.message);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
      assert.equal(await viaHelper((r) => r.output(['config', '--get', 'no.such-key'])), '', 'a missing key is empty, not an error');
      const bad = await viaHelper((r) =>
        r.pipe(['log', 'no-such-revision'], ['patch-id', '--stable'], '', () => undefined).catch((e: unknown) => e),
      );
      assert.ok(bad instanceof GitError && bad.kind === 'bad-revision', `a failing first stage fails the pipeline (${String(bad)})`);
    });

    it('stops git when the reader throws, and rejects with the reader’s error', async () => {
      let calls = 0;
      const stop = new Error('enough');
      const result = await viaHelper((r) =>
        r.each(['log', '--all', '--format=%H %B'], () => {
          calls++;
          throw stop;
        }),
      ).catch((e: unknown) => e);
      assert.equal(result, stop);
      assert.equal(calls, 1, 'nothing handed over after the throw');
    });

    it('ends pipelines in flight as failed when disposed, then starts git from this process', async () => {
      const running = viaHelper((r) => bytes(r, ['log', '--all', '-p'])).catch((e: unknown) => e);
      helper.dispose();
      const error = await running;
      assert.ok(error instanceof GitError && /git helper was stopped/.test(error.message), String(error));
      assert.equal(helper.failure, 'disposed');
      const after = await viaHelper((r) => r.output(['rev-parse', 'main']));
      assert.equal(after.trim(), t.git(['rev-parse', 'main']).trim());
    });

    // The exit case waits a minute for the start: its exit, not the clock, must end the wait (a node that
    // takes over 300 ms to start and exit on a busy machine failed it with the timeout's message).
    for (const [what, command, startWithinMs, why] of [
      ['never says it runs', { file: 'sleep', args: ['600'] }, 300, /did not start within 300 ms/],
      ['exits before it runs', { file: process.execPath, args: ['-e', 'process.exit(3)'] }, 60_000, /exit 3/],
    ] as const) {
      it(`runs git here when the helper ${what}, so a scan never waits on it`, async () => {
        const stops: string[] = [];
        helper = new GitHelper({ startWithinMs, command, direct, onStop: (why) => stops.push(why) });
        const head = await viaHelper((r) => r.output(['rev-parse', 'main']));
        assert.equal(head.trim(), t.git(['rev-parse', 'main']).trim(), 'the answer came from git started here');
        assert.match(helper.failure ?? '', why);
        assert.deepEqual(stops, [helper.failure], 'said once');
        const log = await viaHelper((r) => bytes(r, ['log', '--format=%H']));
        assert.equal(log.all.toString().trim().split('\n').length, COMMITS + 1, 'and git goes on starting here');
        assert.equal(helper.launched, 1, 'the helper is not asked again');
      });
    }

    if (direct)
      it('relays the output when the socket cannot be reached', async () => {
        helper.prepare();
        // The one way to make the parent's socket unreachable from outside: point the requests elsewhere.
        (helper as unknown as { address: string }).address = join(tmpdir(), `sa-nobody-listens-${process.pid}.sock`);
        const args = ['log', '--format=%H %s'];
        const there = await viaHelper((r) => bytes(r, args));
        assert.ok(there.all.equals((await bytes(local(), args)).all));
        assert.equal(helper.directOutputs, 0, 'relayed');
        assert.equal(helper.failure, undefined, 'the helper goes on');
      });

    it('does not keep a process alive once its git is done', () => {
      const module = (name: string) => JSON.stringify(require.resolve(`../../src/core/git/${name}`));
      const script = `const { GitHelper } = require(${module('gitHelper')}); const { GitRunner, launchGitWith } = require(${module('runner')});
      launchGitWith(new GitHelper({ direct: ${direct} }).launch);
      new GitRunner(${JSON.stringify(t.dir)}).output(['rev-parse', 'main']).then((sha) => process.stdout.write(sha));`;
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.signal, null, 'it ended on its own (a handle of the helper held it until the timeout)');
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.trim(), t.git(['rev-parse', 'main']).trim());
    });

    it('gives the scan the same report as git started by this process', async () => {
      const strategy = parseStrategy(STRATEGY).strategy!;
      const now = new Date();
      const scan = async () => {
        const { generatedAt: _, ...report } = (await scanRepository(await GitRepo.open(t.dir), strategy, { since: 'all', now })).report;
        return report;
      };
      const here = await scan();
      const there = await viaHelper(scan);
      assert.deepStrictEqual(there, here);
      // Its one git process here is the history log: no notes, and the branch goals come from the config files (configGoals.ts).
      assert.ok(helper.launched >= 1, `the scan's processes came from the helper (${helper.launched})`);
      assert.equal(here.goals.find((g) => g.id === 'g1')!.commits, COMMITS / 3);
    });
  });
