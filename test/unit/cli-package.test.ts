// The CLI as users install it: `npm pack` of the built package, `npm install -g` of the tarball
// into an empty prefix with no network (the bundles inline every dependency, so npm fetches
// nothing), then the installed `strategy-align` on a real repository. One pack and one install
// per run of this file. Needs `npm run build` first (as every CLI test does).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { TestRepo } from './helpers/testRepo';

const ROOT = join(__dirname, '..', '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
  dependencies?: object;
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Packed {
  filename: string;
  files: { path: string }[];
}

describe('the npm package of the CLI', () => {
  let work: string;
  let packed: Packed;
  let bin: string;
  let installLog: string;

  before(function () {
    this.timeout(120_000); // a last guard: pack and install take a few seconds
    work = mkdtempSync(join(tmpdir(), 'sa-pack-'));
    // A cache of its own, empty, and --offline: an install that needed the registry would fail.
    // (Under `npm test` the parent's npm_* variables would steer the child npm: left out.)
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
    env.npm_config_cache = join(work, 'npm-cache');
    env.npm_config_update_notifier = 'false';
    const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env, encoding: 'utf8' });
    packed = (JSON.parse(out) as Packed[])[0];
    const prefix = join(work, 'prefix');
    installLog = execFileSync(
      npm,
      ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, packed.filename)],
      { cwd: work, env, encoding: 'utf8' },
    );
    bin = join(prefix, 'bin', 'strategy-align');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('is named for its version and holds exactly what `files` lists (no source maps, no sources)', () => {
    assert.equal(packed.filename, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
    const always = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']; // npm adds these when present
    const paths = packed.files.map((f) => f.path).sort();
    assert.deepEqual(
      paths.filter((p) => !always.includes(p)),
      [...PACKAGE.files].sort(),
    );
    assert.ok(!paths.some((p) => p.endsWith('.map') || p.startsWith('src/') || p.endsWith('.ts')), paths.join(', '));
  });

  it('installs with no dependencies and no network into an empty prefix', () => {
    assert.equal(PACKAGE.dependencies, undefined, 'the bundles inline simple-git, yaml and zod');
    assert.match(installLog, /added 1 package/);
  });

  it('prints the package version', () => {
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${PACKAGE.version}\n`);
  });

  it('reports on a real repository, cold and then warm, with the same JSON', () => {
    const repo = TestRepo.create();
    try {
      repo.write('strategy.yaml', 'version: 1\ngoals:\n  - { id: api, title: API }\n  - { id: web, title: Web, status: stopped }\n');
      repo.commit('start\n\nGoal: api', { files: { 'a.txt': 'a\n' } });
      repo.commit('more api\n\nGoal: api', { files: { 'a.txt': 'b\n' } });
      repo.commit('untagged work', { files: { 'b.txt': 'c\n' } });
      const report = () => {
        const run = spawnSync(bin, ['report', '--format', 'json', '--since', 'all'], { cwd: repo.dir, encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        const { generatedAt: _, ...rest } = JSON.parse(run.stdout) as AlignmentReport;
        return rest;
      };
      const cold = report();
      assert.equal(cold.schemaVersion, 1);
      assert.deepEqual([cold.totals.commits, cold.totals.trailer, cold.totals.untagged], [3, 2, 1]);
      assert.deepEqual(
        cold.goals.map((g) => [g.id, g.commits]),
        [
          ['api', 2],
          ['web', 0],
        ],
      );
      assert.deepStrictEqual(report(), cold, 'the warm run (a saved scan) gives the same report');
    } finally {
      repo.cleanup();
    }
  });
});
