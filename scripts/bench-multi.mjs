// npm run bench -- --multi [--repos 50] [--commits 20000] [--jobs N] [--runs 3] [--keep | --dir DIR]
// Issue 15: one report over many repositories, cold, against running their raw `git log`s with the
// same concurrency, in the same run (machines here are noisy: a ratio, not seconds). Builds
// `--distinct` synthetic histories (bench-repo.mjs; default 5) and copies them into `--repos`
// repositories (each copy its own .git: notes, ledger, branches and tags as built), then per run:
//   raw    every repository's history log (the exact arguments, input and environment of our scan's
//          one history read), at most `--jobs` at once, output drained;
//   report `strategy-align report --repos FILE --jobs N --no-cache --format json`, one new process
//          (what CI runs), its peak RSS read by a preload at exit.
// Not part of `npm test`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRepo, cliStrategy } from './bench-repo.mjs';

const require = createRequire(import.meta.url);
const { BUFFERED, historyLogArgs, historyLogInput } = require('../out/src/core/git/historyLog.js');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const count = Number(option('repos', '50'));
const commits = Number(option('commits', '20000'));
const distinct = Math.min(count, Number(option('distinct', '5')));
const jobs = Number(option('jobs', String(Math.min(4, cpus().length))));
const runs = Number(option('runs', '3'));
const keep = args.includes('--keep');
const log = (text) => process.stderr.write(`[bench:multi] ${text}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `tasks` (functions returning promises) at most `limit` at a time. */
async function pool(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

function rawLog(dir, trailer) {
  const tips = execFileSync('git', ['for-each-ref', '--format=%(objectname)', 'refs/heads', 'refs/remotes'], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const input = historyLogInput(tips, []);
  return () =>
    new Promise((resolve, reject) => {
      const child = spawn('git', [...historyLogArgs(trailer), '--'], {
        cwd: dir,
        stdio: ['pipe', 'pipe', 'inherit'],
        env: { ...process.env, ...BUFFERED },
      });
      child.stdout.on('data', () => undefined);
      child.stdin.end(input);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git log exited ${code} in ${dir}`))));
    });
}

/** The CLI in a new process, timed from spawn to exit; its peak RSS (MB) from a preload that prints it at exit. */
function timeReport(listFile, preload, out) {
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      preload,
      join(ROOT, 'dist', 'cli.js'),
      'report',
      '--repos',
      listFile,
      '--jobs',
      String(jobs),
      '--no-cache',
      '--format',
      'json',
      '--out',
      out,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`strategy-align report exited ${run.status}: ${run.stderr}`);
  const rss = Number(/maxrss (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  return { ms, rss };
}

// `--dir DIR`: the repositories an earlier run kept (--keep), listed in DIR/repos.txt; never deleted.
const given = option('dir', undefined);
const work = given ?? mkdtempSync(join(tmpdir(), 'sa-bench-multi-'));
try {
  const listFile = join(work, 'repos.txt');
  if (!given) await build(listFile);
  const dirs = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const preload = join(work, 'maxrss.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\\n`));\n");
  const logs = dirs.map((dir) => rawLog(dir, 'Goal'));
  const load = loadavg()[0];
  const raw = [];
  const report = [];
  const rss = [];
  const out = join(work, 'report.json');
  for (let run = 1; run <= runs; run++) {
    // Interleaved, raw first: the page cache holds the objects for both alike after the first run's raw pass.
    const t0 = performance.now();
    await pool(logs, jobs);
    raw.push(performance.now() - t0);
    const r = timeReport(listFile, preload, out);
    report.push(r.ms);
    rss.push(r.rss);
    log(
      `run ${run}/${runs}: raw git logs ${raw.at(-1).toFixed(0)} ms, report ${r.ms.toFixed(0)} ms (${(r.ms / raw.at(-1)).toFixed(2)}×), peak RSS ${r.rss.toFixed(0)} MB`,
    );
  }
  const json = JSON.parse(readFileSync(out, 'utf8'));
  const total = json.totals.commits;
  const ratio = median(report) / median(raw);
  console.log(
    `\n${dirs.length} repositories (${given ? `kept in ${given}` : `${commits} commits each, ${distinct} distinct histories`}), --jobs ${jobs}, medians of ${runs} run(s); load average ${load.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (${cpus().length} cores)\n`,
  );
  console.log(
    '| repositories | commits in range, all | raw git logs, same concurrency | cold report, one process | ÷ raw (≤ 1.3) | peak RSS | repositories in the report |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${dirs.length} | ${total} | ${median(raw).toFixed(0)} ms | ${median(report).toFixed(0)} ms | ${ratio.toFixed(2)} ${ratio <= 1.3 ? '✓' : '✗'} | ${Math.max(...rss).toFixed(0)} MB | ${json.repositories?.length ?? 1} |`,
  );
  console.log(
    `\nraw = \`GIT_FLUSH=0 git ${historyLogArgs('Goal').slice(0, 3).join(' ')} … --\` per repository with its branch tips on stdin, at most ${jobs} at once; report = \`strategy-align report --repos FILE --jobs ${jobs} --no-cache --format json\` (a new Node process; default range, the whole history read).`,
  );
} finally {
  if (keep || given) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Builds `--distinct` histories and copies them into `--repos` repositories in `work`, listed in `listFile`. */
async function build(listFile) {
  log(`building ${distinct} histories of ${commits} commits, copied into ${count} repositories in ${work}…`);
  const sources = [];
  // A commit a minute (bench-repo.mjs), ending a day or so ago, each history a few days apart: the default 90-day range holds work.
  const start = Math.floor(Date.now() / 1000) - commits * 60 - 86_400;
  for (let i = 0; i < distinct; i++) sources.push(await buildRepo(commits, start - i * 3 * 86_400));
  const dirs = [];
  for (let i = 0; i < count; i++) {
    const dir = join(work, `repo-${String(i + 1).padStart(2, '0')}`);
    cpSync(sources[i % distinct], dir, { recursive: true });
    cliStrategy(dir);
    dirs.push(dir);
  }
  for (const source of sources) rmSync(source, { recursive: true, force: true });
  writeFileSync(listFile, dirs.map((d) => `${d}\n`).join(''));
}
