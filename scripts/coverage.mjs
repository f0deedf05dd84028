// npm run coverage [-- --commits N] [-- --seed S] [-- --keep]
// Issue 13's before/after, measured with the built CLI (dist/cli.js) on a synthetic team history
// (test/unit/helpers/teamHistory.ts): how much of the effort is attributed, and from which source,
//   1. today: trailers, notes and `match` suggestions only (strategy.yaml without `issues:`);
//   2. with each goal's `issues:` declared;
//   3. after one `strategy-align triage --accept` (a tech lead saying yes to the queue).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const { buildTeamHistory, teamStrategy } = createRequire(import.meta.url)(join(ROOT, 'out', 'test', 'unit', 'helpers', 'teamHistory.js'));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const dir = join(mkdtempSync(join(tmpdir(), 'sa-coverage-')), 'team');
const run = (cliArgs) => execFileSync(process.execPath, [CLI, ...cliArgs], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20 });

const stats = buildTeamHistory(dir, { commits: option('commits', 2000), seed: option('seed', 7) });
process.stderr.write(`[coverage] ${stats.commits} commits in ${stats.pullRequests} pull requests, ${dir}\n`);

const rows = [];
function measure(stage) {
  const report = JSON.parse(run(['report', '--format', 'json', '--no-cache']));
  const { commits, untagged } = report.totals;
  const sources = report.totals.sources ? Object.entries(report.totals.sources).filter(([name, n]) => n > 0 && name !== 'untagged') : [];
  rows.push({
    stage,
    commits,
    attributed: commits - untagged,
    share: commits > 0 ? (commits - untagged) / commits : 0,
    sources: sources.map(([name, n]) => `${name} ${Math.round(n)}`).join(', '),
    goals: report.goals.map((g) => `${g.id} ${Math.round(g.commits)}`).join(', '),
  });
}

measure('1. today (trailers, notes; match only suggests)');
writeFileSync(join(dir, 'strategy.yaml'), teamStrategy({ issues: true }));
measure('2. issues: declared in strategy.yaml');
let triage = '';
try {
  triage = run(['triage', '--accept']);
  measure('3. after one triage --accept');
} catch (error) {
  rows.push({
    stage: `3. triage --accept failed: ${String(error.message).split('\n')[0]}`,
    commits: 0,
    attributed: 0,
    share: 0,
    sources: '',
    goals: '',
  });
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
process.stdout.write('| stage | commits | attributed | coverage | by source | goals |\n|---|---:|---:|---:|---|---|\n');
for (const r of rows)
  process.stdout.write(`| ${r.stage} | ${r.commits} | ${Math.round(r.attributed)} | ${pct(r.share)} | ${r.sources} | ${r.goals} |\n`);
if (triage) process.stderr.write(`[coverage] triage --accept: ${triage.trim().split('\n').slice(-1)[0]}\n`);
if (!args.includes('--keep')) rmSync(dirname(dir), { recursive: true, force: true });
