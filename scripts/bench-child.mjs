// One measurement of `npm run bench`, in its own process so that its peak RSS is its own.
// node scripts/bench-child.mjs MODE DIR CACHEFILE TRAILER [NOW]  →  one JSON line on stdout.
//   report: cold report (fresh cache, written to CACHEFILE), refresh with nothing changed, refresh
//           after one new commit on the checked-out branch (committed here, untimed), in this process;
//   disk:   a new process with CACHEFILE present and nothing changed: the full report (the CLI's warm
//           run) and the editor's first render (default range, 90 days before NOW);
//   churn:  cold churn report (fresh cache: history and numstat in one log), then the same again;
//   churnAdded: churn asked of a warm history (numstat on its own), after an untimed commits report.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { GitRepo } = require('../out/src/core/git/index.js');
const { HistoryCache } = require('../out/src/core/history/historyCache.js');
const { scanRepository } = require('../out/src/core/scan/scan.js');
const { spoolOutput } = require('../out/src/core/git/runner.js');
const { parseStrategy } = require('../out/src/core/strategy/index.js');

const [mode, dir, cacheFile, trailer, nowArg] = process.argv.slice(2);
const now = nowArg ? new Date(Number(nowArg)) : new Date();
const strategy = parseStrategy(
  `version: 1\ngoals:\n  - { id: checkout, title: C }\n  - { id: onboarding, title: O }\n  - { id: observability, title: Ob }\n  - { id: legacy, title: L, status: stopped }\nsettings: { trailer: ${trailer} }\n`,
).strategy;
const repo = await GitRepo.open(dir);

async function timed(cache, measure = 'commits', since = 'all') {
  const t0 = performance.now();
  const result = await scanRepository(repo, strategy, { since, measure, cache, now });
  return { ms: performance.now() - t0, commits: result.report.totals.commits, stats: result.stats };
}

const out = {};
if (mode === 'report') {
  rmSync(cacheFile, { force: true });
  const cache = new HistoryCache(cacheFile); // the cold report writes its cache before it returns (the CLI)
  // As the CLI reads it: the history log through a file (spool.ts; BENCH_SPOOL=0: through a pipe, as the editor does).
  const spooled = spoolOutput(process.env.BENCH_SPOOL !== '0');
  out.cold = await timed(cache);
  spoolOutput(spooled);
  cache.options.background = true; // refreshes as the editor runs them: the write follows the report
  out.refresh = await timed(cache);
  // One more commit on the checked-out branch, with plumbing (no index, no hooks).
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (args) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  git(['update-ref', 'HEAD', git(['commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', 'bench: one more commit\n\nGoal: checkout'])]);
  out.refreshOne = await timed(cache);
  await cache.flush();
} else if (mode === 'disk') {
  out.firstRender = await timed(new HistoryCache(cacheFile), 'commits', '90d');
  out.disk = await timed(new HistoryCache(cacheFile));
} else if (mode === 'churn') {
  const cache = new HistoryCache();
  out.churnCold = await timed(cache, 'churn');
  out.churnWarm = await timed(cache, 'churn');
} else if (mode === 'churnAdded') {
  const cache = new HistoryCache();
  await timed(cache);
  out.churnAdded = await timed(cache, 'churn');
}
out.maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(out)}\n`);
