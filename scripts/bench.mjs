// npm run bench [-- --sizes 10000,100000] [-- --repo DIR]: Strategy Align's scan against raw
// `git log` with the same format, on the same repository, in the same run (machines here are
// noisy: ratios, not seconds). Synthetic repositories are built with git fast-import.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const sizes = option('sizes', '10000,100000').split(',').map(Number);
const runs = Number(option('runs', '3'));

function buildRepo(commits) {
  const dir = mkdtempSync(join(tmpdir(), `sa-bench-${commits}-`));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const lines = [];
  const start = Math.floor(Date.now() / 1000) - commits * 60;
  const goals = ['checkout', 'onboarding', 'observability', 'legacy'];
  for (let i = 1; i <= commits; i++) {
    const trailer = i % 3 === 0 ? `\n\nGoal: ${goals[i % 4]}` : i % 7 === 0 ? `\n\n* squashed\nGoal: ${goals[(i + 1) % 4]}\n* more\n\nSigned-off-by: A <a@example.com>` : '';
    const msg = `Change ${i}: adjust module ${i % 97}${trailer}\n`;
    const when = start + i * 60;
    lines.push('commit refs/heads/main', `mark :${i}`, `author Dev${i % 13} <dev${i % 13}@example.com> ${when} +0000`, `committer Dev${i % 13} <dev${i % 13}@example.com> ${when} +0000`, `data ${Buffer.byteLength(msg)}`, msg);
    if (i > 1) lines.push(`from :${i - 1}`);
    lines.push(`M 644 inline src/m${i % 97}.txt`, `data ${String(i).length}`, String(i), '');
  }
  // branches off main: half tagged by name pattern, half untagged, 5 commits each
  let mark = commits;
  for (let b = 0; b < 20; b++) {
    const name = b % 2 === 0 ? `${goals[b % 4]}/topic-${b}` : `feature/topic-${b}`;
    for (let k = 0; k < 5; k++) {
      mark++;
      const msg = `Branch ${b} step ${k}\n`;
      const when = start + commits * 60 + mark;
      lines.push(`commit refs/heads/${name}`, `mark :${mark}`, `author Dev1 <dev1@example.com> ${when} +0000`, `committer Dev1 <dev1@example.com> ${when} +0000`, `data ${msg.length}`, msg, `from :${k === 0 ? commits - b * 10 : mark - 1}`, `M 644 inline b${b}.txt`, `data ${String(k).length}`, String(k), '');
    }
  }
  // notes on every 50th commit
  const noteLines = ['commit refs/notes/goals', `committer A <a@example.com> ${start + commits * 60 + mark + 1} +0000`, 'data 5', 'notes'];
  for (let i = 50; i <= commits; i += 50) noteLines.push(`N inline :${i}`, 'data 15', 'Goal: checkout\n');
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: [...lines, ...noteLines, ''].join('\n'), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  execFileSync('git', ['gc', '-q'], { cwd: dir });
  return dir;
}

async function timeRaw(dir) {
  const { logArgs } = require('../out/src/core/git/log.js');
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn('git', logArgs({ revs: ['--branches', '--remotes'], trailerKey: 'Goal' }), { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => undefined);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git log exited ${code}`))));
  });
  return performance.now() - t0;
}

async function timeScan(dir) {
  const { GitRepo } = require('../out/src/core/git/index.js');
  const { scanRepository } = require('../out/src/core/scan/scan.js');
  const { parseStrategy } = require('../out/src/core/strategy/index.js');
  const strategy = parseStrategy('version: 1\ngoals:\n  - { id: checkout, title: C }\n  - { id: onboarding, title: O }\n  - { id: observability, title: Ob }\n  - { id: legacy, title: L, status: stopped }\n').strategy;
  const t0 = performance.now();
  const { report } = await scanRepository(await GitRepo.open(dir), strategy, { since: 'all' });
  return { ms: performance.now() - t0, commits: report.totals.commits };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const repos = option('repo', undefined) ? [[option('repo'), 'given']] : sizes.map((n) => [null, n]);
for (const [given, n] of repos) {
  process.stderr.write(`[bench] ${given ? `repository ${given}` : `building ${n} commits`}…\n`);
  const dir = given ?? buildRepo(n);
  const raw = [];
  const ours = [];
  let commits = 0;
  for (let r = 0; r < runs; r++) {
    raw.push(await timeRaw(dir));
    const scan = await timeScan(dir);
    ours.push(scan.ms);
    commits = scan.commits;
  }
  rows.push({ repo: given ?? `synthetic ${n}`, commits, raw: median(raw), cold: median(ours) });
  if (!given) rmSync(dir, { recursive: true, force: true });
}
console.log('| repository | commits | raw git log | cold report | ratio (target ≤ 1.25) |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.repo} | ${r.commits} | ${r.raw.toFixed(0)} ms | ${r.cold.toFixed(0)} ms | ${(r.cold / r.raw).toFixed(2)} |`);
console.log(`\nmedian of ${runs} runs each, same machine, same run; peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
