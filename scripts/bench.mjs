// npm run bench [-- --sizes 10000,100000] [-- --runs 3] [-- --repo DIR] [-- --no-churn] [-- --keep]
// Strategy Align's history scan against git itself, on the same repository, in the same run
// (machines here are noisy: ratios, not seconds). Synthetic repositories are built with git
// fast-import in the temp folder and deleted after; `--repo DIR` measures a shared clone of DIR
// (DIR itself is never written to). Every measurement of ours runs in its own Node process, so its
// peak RSS is its own. Not part of `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { BUFFERED, historyLogArgs, historyLogInput } = require('../out/src/core/git/historyLog.js');
const { numstatArgs } = require('../out/src/core/git/numstat.js');
const { GitRepo } = require('../out/src/core/git/index.js');
const { branchLine, commitLine } = require('../out/src/core/ledger/record.js');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const sizes = option('sizes', '10000,100000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const withChurn = !args.includes('--no-churn');
const keep = args.includes('--keep'); // keep the synthetic repositories (their paths are printed)
const log = (text) => process.stderr.write(`[bench] ${text}\n`);

const GOALS = ['checkout', 'onboarding', 'observability', 'legacy'];

/**
 * fast-import input, produced lazily: `commits` on main, with a pull request landing every
 * PR_EVERY commits (issue 12's lifecycles, so that the merge, recorded, patch and squash rules all
 * run), 20 open branches (half tagged by name), and goal notes. The pull requests take turns:
 *   merge   a GitHub merge commit ("Merge pull request #N from owner/feature/pr-N"), recorded
 *   git     a plain "Merge branch 'checkout/pr-N'" (its goal from branchPattern), kept
 *   squash  one commit whose change equals the branch's, recorded, the branch deleted
 *   rebase  the branch's commits replayed on main (same patches and author dates), recorded, deleted
 *   ff      fast-forwarded into main, recorded, deleted
 * and every third one is untagged work (not recorded, no goal in its name): it must stay untagged.
 * Only the pull requests of the last LEDGER_SPAN of the history are recorded (the team adopted
 * Strategy Align then); before, only the plain merges' branch names give goals.
 * `prs` collects what buildRepo records in the ledger afterwards (patch-ids need the commits).
 */
const SYNTHETIC_START = 1_700_000_000;
const PR_EVERY = 250;
const KINDS = ['merge', 'git', 'squash', 'rebase', 'ff'];
/** The share of the history, at its end, since the team records branch tags (the ledger's age). */
const LEDGER_SPAN = 0.1;

function* fastImport(commits, prs) {
  const start = SYNTHETIC_START;
  const who = (when, n = 1) => `Dev${n} <dev${n}@example.com> ${when} +0000`;
  const commit = (ref, mark, author, committer, msg, from, body) =>
    `commit ${ref}\nmark :${mark}\nauthor ${author}\ncommitter ${committer}\ndata ${Buffer.byteLength(msg)}\n${msg}${from ? `from ${from}\n` : ''}${body}\n`;
  const file = (path, content) => `M 644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  const mainMark = new Map(); // main's commit i → its mark
  let mark = 0;
  let tip = ''; // main's last mark
  for (let i = 1; i <= commits; i++) {
    if (i % PR_EVERY === 0 && i > PR_EVERY) {
      const n = i / PR_EVERY;
      const kind = KINDS[n % KINDS.length];
      const untagged = n % 3 === 0 || (kind !== 'git' && i < commits * (1 - LEDGER_SPAN));
      const name = untagged ? `misc/pr-${n}` : kind === 'git' ? `${GOALS[n % 3]}/pr-${n}` : `feature/pr-${n}`;
      const fork = kind === 'ff' ? tip : `:${mainMark.get(i - 5)}`;
      const steps = [];
      for (let k = 0; k < 3; k++) {
        const when = start + i * 60 - 50 + k;
        const content = `pr ${n}\n${'line\n'.repeat(k + 1)}`;
        steps.push({ mark: ++mark, when, content });
        yield commit(
          `refs/heads/${name}`,
          mark,
          who(when, n % 13),
          who(when, n % 13),
          `PR ${n} step ${k}\n`,
          k === 0 ? fork : '',
          file(`pr/${n}.txt`, content),
        );
      }
      const last = steps[2];
      const at = start + i * 60 - 20;
      if (kind === 'merge' || kind === 'git') {
        const msg = kind === 'merge' ? `Merge pull request #${n} from owner/${name}\n` : `Merge branch '${name}'\n`;
        yield commit('refs/heads/main', ++mark, who(at), who(at), msg, tip, `merge :${last.mark}\n`);
      } else if (kind === 'squash') {
        yield commit('refs/heads/main', ++mark, who(at, n % 13), who(at), `PR ${n} (#${n})\n`, tip, file(`pr/${n}.txt`, last.content));
      } else if (kind === 'rebase') {
        for (const [k, step] of steps.entries()) {
          yield commit(
            'refs/heads/main',
            ++mark,
            who(step.when, n % 13),
            who(at + k),
            `PR ${n} step ${k}\n`,
            tip,
            file(`pr/${n}.txt`, step.content),
          );
          tip = `:${mark}`;
        }
      }
      tip = kind === 'ff' ? `:${last.mark}` : `:${mark}`;
      prs.push({ n, kind, name, untagged, fork, commits: steps.map((s) => `:${s.mark}`), tip: `:${last.mark}`, goal: GOALS[n % 3] });
    }
    const trailer =
      i % 3 === 0
        ? `\n\nGoal: ${GOALS[i % 4]}`
        : i % 7 === 0
          ? `\n\n* squashed\nGoal: ${GOALS[(i + 1) % 4]}\n* more\n\nSigned-off-by: A <a@example.com>`
          : '';
    const msg = `Change ${i}: adjust module ${i % 97}${trailer}\n`;
    const when = start + i * 60;
    const author = `Dev${i % 13} <dev${i % 13}@example.com> ${when} +0100`;
    const path = i % 50 === 0 ? `package-lock.json` : `src/m${i % 97}.txt`;
    mainMark.set(i, ++mark);
    yield commit('refs/heads/main', mark, author, author, msg, tip, file(path, `${i}\n${i % 5}\n`));
    tip = `:${mark}`;
  }
  for (let b = 0; b < 20; b++) {
    const name = b % 2 === 0 ? `${GOALS[b % 4]}/topic-${b}` : `feature/topic-${b}`;
    for (let k = 0; k < 5; k++) {
      const when = start + commits * 60 + mark;
      const from = k === 0 ? `:${mainMark.get(commits - b * 10)}` : `:${mark}`;
      yield commit(`refs/heads/${name}`, ++mark, who(when), who(when), `Branch ${b} step ${k}\n`, from, file(`b${b}.txt`, `${k}\n`));
    }
  }
  yield `commit refs/notes/goals\ncommitter A <a@example.com> ${start + commits * 60 + mark + 1} +0000\ndata 5\nnotes\n`;
  for (let i = 50; i <= commits; i += 50) yield `N inline :${mainMark.get(i)}\ndata 15\nGoal: checkout\n\n`;
}

/** Runs git fast-import on the pieces of `input`, with the marks exported to `marksFile` when given. */
async function fastImportInto(dir, input, marksFile) {
  const child = spawn('git', ['fast-import', '--quiet', ...(marksFile ? [`--export-marks=${marksFile}`] : [])], {
    cwd: dir,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))),
  );
  let batch = '';
  for (const piece of input) {
    batch += piece;
    if (batch.length > 1 << 20) {
      if (!child.stdin.write(batch)) await new Promise((resolve) => child.stdin.once('drain', resolve));
      batch = '';
    }
  }
  child.stdin.end(batch);
  await done;
}

/**
 * The branch ledger of the recorded pull requests, as tag-branch and sync write it (record.ts's
 * lines: the whole change's and every commit's patch-id, computed by git), then the merged
 * branches deleted but the plain merges'.
 */
async function recordPullRequests(dir, prs, marksFile) {
  const sha = new Map(
    readFileSync(marksFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')),
  );
  const repo = await GitRepo.open(dir);
  const recorded = prs.filter((pr) => !pr.untagged && pr.kind !== 'git');
  const requests = recorded.flatMap((pr) => [
    ...pr.commits.map((c) => ({ sha: sha.get(c) })),
    { sha: sha.get(pr.tip), base: sha.get(pr.fork) },
  ]);
  const ids = await repo.patchIds(requests);
  const times = await repo.authorTimes(recorded.flatMap((pr) => pr.commits.map((c) => sha.get(c))));
  const notes = [`commit refs/notes/goals-branches\ncommitter A <a@example.com> ${SYNTHETIC_START} +0000\ndata 6\nledger\n`];
  for (const pr of recorded) {
    const [tip, base] = [sha.get(pr.tip), sha.get(pr.fork)];
    const lines = [
      branchLine({ name: pr.name, goal: pr.goal, base, patchId: ids.get(`${base}..${tip}`), time: times.get(tip) }),
      ...pr.commits.map((c) =>
        commitLine({ sha: sha.get(c), goal: pr.goal, patchId: ids.get(sha.get(c)), authorTime: times.get(sha.get(c)) }),
      ),
    ];
    const text = `${lines.join('\n')}\n`;
    notes.push(`N inline ${tip}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  await fastImportInto(dir, notes);
  const deleted = prs.filter((pr) => pr.kind !== 'git' && (pr.kind !== 'merge' || pr.n % 2 === 0));
  execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, input: deleted.map((pr) => `delete refs/heads/${pr.name}\n`).join('') });
}

async function buildRepo(commits) {
  const dir = mkdtempSync(join(tmpdir(), `sa-bench-${commits}-`));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const prs = [];
  const marks = join(dir, '.git', 'bench-marks');
  await fastImportInto(dir, fastImport(commits, prs), marks);
  await recordPullRequests(dir, prs, marks);
  rmSync(marks);
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  const kinds = KINDS.map((k) => `${prs.filter((pr) => pr.kind === k).length} ${k}`).join(', ');
  log(`pull requests: ${kinds} (${prs.filter((pr) => pr.untagged).length} of them untagged)`);
  return dir;
}

/** A clone of `dir` sharing its objects (nothing of `dir` is written), with its goal notes. */
function shareRepo(dir) {
  const clone = mkdtempSync(join(tmpdir(), 'sa-bench-repo-'));
  execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', dir, clone]);
  execFileSync('git', ['fetch', '-q', 'origin', '+refs/notes/*:refs/notes/*'], { cwd: clone });
  return clone;
}

/** Raw git: the same arguments and environment our scan gives git, stdout drained, nothing parsed. */
function timeGit(dir, gitArgs, input = '', env = BUFFERED) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('git', gitArgs, { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    child.stdout.on('data', () => undefined);
    child.stdin.end(input);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`git ${gitArgs[0]} exited ${code}`))));
  });
}

/** A fresh process of the built CLI (what `npm install -g` installs: dist/cli.js and its bundles), timed from spawn to exit. */
const CLI = join(ROOT, 'dist', 'cli.js');
function timeNode(nodeArgs, cwd) {
  const t0 = performance.now();
  execFileSync(process.execPath, nodeArgs, { cwd, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
  return performance.now() - t0;
}
const NODE_RUNS = 10;
const bestNode = (nodeArgs, cwd) => Math.min(...Array.from({ length: NODE_RUNS }, () => timeNode(nodeArgs, cwd)));

/** The CLI reads strategy.yaml from the working tree: the goals bench-child.mjs scans with (untracked, never committed). */
function cliStrategy(dir) {
  writeFileSync(
    join(dir, 'strategy.yaml'),
    `version: 1\ngoals:\n  - { id: checkout, title: C }\n  - { id: onboarding, title: O }\n  - { id: observability, title: Ob }\n  - { id: legacy, title: L, status: stopped }\nsettings: { trailer: Goal }\n`,
  );
}

function child(mode, dir, cacheFile, trailer, now = '') {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'bench-child.mjs'), mode, dir, cacheFile, trailer, now], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(dir, label, now) {
  const trailer = 'Goal';
  const cacheFile = join(mkdtempSync(join(tmpdir(), 'sa-bench-cache-')), 'history.bin');
  const m = {
    node0: [],
    version: [],
    warmCli: [],
    rawFlushing: [],
    raw: [],
    cold: [],
    refresh: [],
    refreshOne: [],
    disk: [],
    firstRender: [],
    rss: [],
    rawChurnLog: [],
    churnCold: [],
    churnWarm: [],
    churnRss: [],
    rawNumstat: [],
    churnAdded: [],
  };
  let commits = 0;
  for (let r = 0; r < runs; r++) {
    // What a cold scan gives git on stdin: every branch tip, nothing read before.
    const tips = historyLogInput(
      execFileSync('git', ['for-each-ref', '--format=%(objectname)', 'refs/heads', 'refs/remotes'], { cwd: dir, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean),
      [],
    );
    m.rawFlushing.push(await timeGit(dir, [...historyLogArgs(trailer), '--'], tips, {}));
    m.raw.push(await timeGit(dir, [...historyLogArgs(trailer), '--'], tips));
    const report = child('report', dir, cacheFile, trailer);
    m.cold.push(report.cold.ms);
    m.refresh.push(report.refresh.ms);
    m.refreshOne.push(report.refreshOne.ms);
    m.rss.push(report.maxRssMb);
    commits = report.refreshOne.commits;
    if (report.refresh.stats.commitsRead !== 0 || report.refreshOne.stats.commitsRead !== 1)
      throw new Error(`refresh read ${report.refresh.stats.commitsRead} and ${report.refreshOne.stats.commitsRead} commits`);
    const disk = child('disk', dir, cacheFile, trailer, now);
    m.disk.push(disk.disk.ms);
    m.firstRender.push(disk.firstRender.ms);
    if (withChurn) {
      m.rawChurnLog.push(await timeGit(dir, [...historyLogArgs(trailer, true), '--'], tips));
      const churn = child('churn', dir, cacheFile, trailer);
      m.churnCold.push(churn.churnCold.ms);
      m.churnWarm.push(churn.churnWarm.ms);
      m.churnRss.push(churn.maxRssMb);
      const shas = execFileSync('git', ['rev-list', '--no-merges', '--branches', '--remotes'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      m.rawNumstat.push(await timeGit(dir, [...numstatArgs(), '--'], shas));
      m.churnAdded.push(child('churnAdded', dir, cacheFile, trailer).churnAdded.ms);
    }
    // The CLI as users run it, each a new process with Node's start: `--version` against `node -e 0`,
    // and a warm `report` (the two runs before it, untimed, saved its scan, then its output) against
    // the raw git log above. Each the best of NODE_RUNS: a process start is noise on a busy machine.
    const cliReport = ['report', '--repo', dir, '--since', 'all', '--format', 'json'];
    timeNode([CLI, ...cliReport], dir);
    timeNode([CLI, ...cliReport], dir);
    m.node0.push(bestNode(['-e', '0'], dir));
    m.version.push(bestNode([CLI, '--version'], dir));
    m.warmCli.push(bestNode([CLI, ...cliReport], dir));
    log(
      `${label}: run ${r + 1}/${runs}: raw ${m.raw[r].toFixed(0)} ms, cold ${m.cold[r].toFixed(0)} ms, CLI warm report ${m.warmCli[r].toFixed(0)} ms${withChurn ? `, raw+numstat ${m.rawChurnLog[r].toFixed(0)} ms, churn cold ${m.churnCold[r].toFixed(0)} ms` : ''}`,
    );
  }
  rmSync(dirname(cacheFile), { recursive: true, force: true });
  const med = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.length ? median(v) : NaN]));
  return { label, commits, ...med, rss: Math.max(...m.rss), churnRss: m.churnRss.length ? Math.max(...m.churnRss) : NaN };
}

function activation() {
  const file = join(ROOT, 'test-output', 'activation.json');
  if (!existsSync(file))
    return 'activate(): not measured yet: run `npm run test:integration` (test/integration/activation.test.ts writes test-output/activation.json)';
  const a = JSON.parse(readFileSync(file, 'utf8'));
  const verdict = a.activateMs <= 30 && !a.gitDuringActivate ? 'target met' : 'TARGET MISSED';
  return `activate(): ${a.activateMs} ms, git started during activate(): ${a.gitDuringActivate ? 'yes' : 'no'} (target ≤ 30 ms, no git: ${verdict}); measured in the real extension host by test/integration/activation.test.ts at ${a.measuredAt}, read from test-output/activation.json`;
}

const rows = [];
const given = option('repo', undefined);
const loadBefore = loadavg()[0];
for (const n of given ? [undefined] : sizes) {
  log(given ? `repository ${given}: sharing its objects in a temp clone…` : `building ${n} commits with git fast-import…`);
  const t0 = performance.now();
  const dir = given ? shareRepo(given) : await buildRepo(n);
  cliStrategy(dir);
  log(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${dir}`);
  // The editor's default range ends now; a synthetic history ends a day before "now".
  const now = given ? '' : String((SYNTHETIC_START + n * 60 + 86_400) * 1000);
  try {
    rows.push(await measure(dir, given ?? `synthetic ${n}`, now));
  } finally {
    if (!keep || given) rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x) => (Number.isNaN(x) ? '–' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const ratio = (x, y, target) =>
  Number.isNaN(x) ? '–' : `${(x / y).toFixed(3)}${target === undefined ? '' : x / y <= target ? ' ✓' : ' ✗'}`;
console.log(
  `\nmedians of ${runs} run(s), same machine, same run; ✓ = target met; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (${cpus().length} cores)\n`,
);
console.log(
  '| repository | commits | raw git log, flushing | raw git log | cold report | ÷ raw (≤ 1.25) | refresh, nothing changed | ÷ raw (≤ 0.05) | refresh, 1 new commit | ÷ raw (≤ 0.1) | new process + cache file | ÷ raw | first render, 90 d, cache file | ÷ raw | peak RSS, cold (≤ 300 MB) | µs/commit, cold |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.commits} | ${ms(r.rawFlushing)} | ${ms(r.raw)} | ${ms(r.cold)} | ${ratio(r.cold, r.raw, 1.25)} | ${ms(r.refresh)} | ${ratio(r.refresh, r.raw, 0.05)} | ${ms(r.refreshOne)} | ${ratio(r.refreshOne, r.raw, 0.1)} | ${ms(r.disk)} | ${ratio(r.disk, r.raw)} | ${ms(r.firstRender)} | ${ratio(r.firstRender, r.raw)} | ${r.rss.toFixed(0)} MB ${r.rss <= 300 ? '✓' : '✗'} | ${((r.cold * 1000) / r.commits).toFixed(2)} |`,
  );
}
if (withChurn) {
  console.log(
    '\n| repository | raw git log + --numstat | churn cold | ÷ raw (≤ 1.1) | churn warm | ÷ raw (≤ 0.05) | raw --numstat alone | churn asked of a warm history | ÷ raw | peak RSS, churn cold |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.label} | ${ms(r.rawChurnLog)} | ${ms(r.churnCold)} | ${ratio(r.churnCold, r.rawChurnLog, 1.1)} | ${ms(r.churnWarm)} | ${ratio(r.churnWarm, r.rawChurnLog, 0.05)} | ${ms(r.rawNumstat)} | ${ms(r.churnAdded)} | ${ratio(r.churnAdded, r.rawNumstat)} | ${r.churnRss.toFixed(0)} MB |`,
    );
}
console.log(
  '\n| repository | node -e 0 | strategy-align --version | ÷ node -e 0 (≤ 1.5) | raw git log | strategy-align report, warm, new process | − node -e 0 | ÷ raw (≤ 0.15) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.label} | ${ms(r.node0)} | ${ms(r.version)} | ${ratio(r.version, r.node0, 1.5)} | ${ms(r.raw)} | ${ms(r.warmCli)} | ${ms(r.warmCli - r.node0)} | ${ratio(r.warmCli, r.raw, 0.15)} |`,
  );
console.log(`\n${activation()}`);
console.log(
  `\nraw git log = \`GIT_FLUSH=0 git ${historyLogArgs('Goal').join(' ')} --\` with every branch tip on stdin: the exact arguments, input and environment of our one history read`,
);
console.log(
  '  (every ratio divides by it; "flushing" is the same without GIT_FLUSH=0: git flushes after each commit into a pipe, for information only);',
);
console.log(`raw git log + --numstat = the same with \`--numstat -M\`: our history read when churn is asked of a cold cache;`);
console.log(
  `raw --numstat alone = \`GIT_FLUSH=0 git ${numstatArgs().join(' ')} --\` with every non-merge sha on stdin: our churn read for commits already in the cache.`,
);
console.log('cold report = a fresh cache: refs + config + notes + ONE history log, attribution, aggregation, the cache file written;');
console.log('refresh = the same process again (the editor); new process + cache file = the CLI on an unchanged repository;');
console.log("first render = a new process with the cache file and the editor's default range (90 days);");
console.log(
  "strategy-align = `node dist/cli.js` (the files npm installs), a new process each time, Node's start included: `--version`, and",
);
console.log(
  `  \`report --since all --format json\` after two untimed runs of it (the warm path: refs, config and strategy.yaml read from their files, no git process, and the output the run before printed, printed again with this run's clock);`,
);
console.log(
  `  each of these three is the best of ${NODE_RUNS} (a process start is mostly noise on a busy machine); "− node -e 0" is the CLI's own work.`,
);
