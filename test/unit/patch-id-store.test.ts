// Patch-ids kept between runs beside the history cache (issue 12: "cached by sha"): a new process
// computes none it has saved, reads back exactly what git computed, and never trusts a damaged file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepo } from '../../src/core/git';
import { gitActivity } from '../../src/core/git/runner';
import { HistoryCache } from '../../src/core/history/historyCache';
import { PATCH_ID_FILE } from '../../src/core/ledger/patchIdStore';
import { knownPatchIds } from '../../src/core/ledger/sources';
import { TestRepo } from './helpers/testRepo';

describe('patch-ids kept between runs (patch-ids.bin)', () => {
  let repo: TestRepo;
  let folder: string;
  let shas: string[];
  before(() => {
    repo = TestRepo.create();
    shas = [repo.commit('one'), repo.commit('two'), repo.commit('empty', { files: {} }), repo.commit('three')];
    folder = mkdtempSync(join(tmpdir(), 'sa-patch-ids-'));
  });
  after(() => {
    repo.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  /** knownPatchIds through a new HistoryCache on the file (a new process), and how many git processes it started. */
  async function inNewProcess(asked: string[]): Promise<{ ids: Map<string, string | null>; processes: number }> {
    const git = await GitRepo.open(repo.dir);
    const before = gitActivity.processes;
    const ids = await knownPatchIds(git, new HistoryCache(join(folder, 'history.bin')), asked);
    return { ids, processes: gitActivity.processes - before };
  }

  it('computes each once, then reads them back as git computed them', async () => {
    const first = await inNewProcess(shas.slice(0, 2));
    assert.equal(first.processes, 2, 'one diff-tree | patch-id pipe');
    for (const sha of shas.slice(0, 2)) assert.equal(first.ids.get(sha), execPatchId(sha));
    const again = await inNewProcess(shas.slice(0, 2));
    assert.equal(again.processes, 0, 'all saved: no git');
    assert.deepEqual(again.ids, first.ids);
    const more = await inNewProcess(shas);
    assert.equal(more.processes, 2, 'only the two not saved yet are computed');
    assert.equal(more.ids.get(shas[2]), null, 'a commit that changes nothing has none');
    const all = await inNewProcess(shas);
    assert.equal(all.processes, 0);
    assert.deepEqual(all.ids, more.ids, 'an empty change is saved too');
  });

  it('computes them again when the file is damaged', async () => {
    const file = join(folder, PATCH_ID_FILE);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[good.length - 10] ^= 0x01;
    for (const [what, bytes] of [
      ['a flipped byte', flipped],
      ['truncated', good.subarray(0, good.length - 5)],
    ] as const) {
      writeFileSync(file, bytes);
      const run = await inNewProcess(shas);
      assert.equal(run.processes, 2, `${what}: computed again`);
      for (const sha of shas.slice(0, 2)) assert.equal(run.ids.get(sha), execPatchId(sha), what);
    }
  });

  /** The oracle: git's own patch-id of the commit. */
  function execPatchId(sha: string): string {
    const patch = repo.git(['diff-tree', '-p', '-r', '--root', sha]);
    return execFileSync('git', ['patch-id', '--stable'], { cwd: repo.dir, input: `${patch}\n`, encoding: 'utf8' }).split(' ')[0];
  }
});
