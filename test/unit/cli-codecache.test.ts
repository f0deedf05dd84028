// The CLI's bundles compiled with a V8 code cache (src/cli/codeCache.ts) under the user's cache
// folder: written by the first run, used by the next, and a missing, corrupt or unwritable cache
// changes nothing a command prints.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cli, cliHere } from './helpers/cli';
import { buildScenario, type Scenario } from './helpers/scenario';

const VALIDATE = ['validate'];

describe('strategy-align with a V8 code cache of its bundles', () => {
  let scenario: Scenario;
  let cache: string;
  let folder: string;

  before(() => {
    scenario = buildScenario();
    cache = mkdtempSync(join(tmpdir(), 'sa-codecache-'));
    folder = join(cache, 'strategy-align');
  });
  after(() => {
    scenario.repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
  });

  const run = () => cli(scenario.repo.dir, VALIDATE, { XDG_CACHE_HOME: cache });
  const cacheFile = () =>
    join(
      folder,
      readdirSync(folder).find((name) => name.startsWith('cli-commands.js.'))!,
    );

  it('writes the cache on the first run and keeps it while it fits', async () => {
    const expected = await cliHere(scenario.repo.dir, VALIDATE);
    assert.deepEqual(run(), expected, 'first run');
    const written = readFileSync(cacheFile());
    assert.ok(written.length > 0, 'the cache of cli-commands.js is written');
    const mtime = statSync(cacheFile()).mtimeMs;
    assert.deepEqual(run(), expected, 'run with the cache');
    assert.equal(statSync(cacheFile()).mtimeMs, mtime, 'a cache V8 accepts is not written again');
  });

  it('removes the cache of another build when it writes its own (an upgrade leaves no ~1 MB file behind)', async () => {
    const expected = await cliHere(scenario.repo.dir, VALIDATE);
    const current = cacheFile();
    const old = join(folder, 'cli-commands.js.0123456789abcdef.v20.0.0.x64.v8');
    const other = join(folder, 'cli-other.js.0123456789abcdef.v20.0.0.x64.v8');
    writeFileSync(old, 'an old build');
    writeFileSync(other, 'another bundle');
    rmSync(current);
    assert.deepEqual(run(), expected);
    const names = readdirSync(folder);
    assert.ok(names.includes(basename(current)), 'this build writes its cache');
    assert.ok(!names.includes(basename(old)), 'the old build of the same bundle is removed');
    assert.ok(names.includes(basename(other)), 'another bundle is left alone');
  });

  it('compiles without a corrupt or unwritable cache, and replaces a corrupt one', async () => {
    const expected = await cliHere(scenario.repo.dir, VALIDATE);
    const garbage = Buffer.from('not a V8 code cache');
    writeFileSync(cacheFile(), garbage);
    assert.deepEqual(run(), expected, 'a corrupt cache');
    assert.notDeepEqual(readFileSync(cacheFile()), garbage, 'the corrupt cache is replaced');
    const file = join(cache, 'a-file');
    writeFileSync(file, '');
    assert.deepEqual(cli(scenario.repo.dir, VALIDATE, { XDG_CACHE_HOME: file }), expected, 'XDG_CACHE_HOME is a file: nothing written');
  });
});
