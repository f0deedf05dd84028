// The synthetic repositories of the benches (npm run bench, and its --editor part): a history built
// with git fast-import in the temp folder, with issue 12's pull-request lifecycles, open branches,
// trailers, goal notes and the branch ledger, and the goals the CLI scans it with.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { GitRepo } = require('../out/src/core/git/index.js');
const { branchLine, commitLine } = require('../out/src/core/ledger/record.js');
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
export const SYNTHETIC_START = 1_700_000_000;
const PR_EVERY = 250;
const KINDS = ['merge', 'git', 'squash', 'rebase', 'ff'];
/** The share of the history, at its end, since the team records branch tags (the ledger's age). */
const LEDGER_SPAN = 0.1;

function* fastImport(commits, prs, start) {
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
async function recordPullRequests(dir, prs, marksFile, start) {
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
  const notes = [`commit refs/notes/goals-branches\ncommitter A <a@example.com> ${start} +0000\ndata 6\nledger\n`];
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

/**
 * A synthetic repository of `commits` commits on main, its first at `start` (seconds; one a minute
 * after it): the default keeps every bench's history the same, the editor bench ends it now.
 */
export async function buildRepo(commits, start = SYNTHETIC_START) {
  const dir = mkdtempSync(join(tmpdir(), `sa-bench-${commits}-`));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const prs = [];
  const marks = join(dir, '.git', 'bench-marks');
  await fastImportInto(dir, fastImport(commits, prs, start), marks);
  await recordPullRequests(dir, prs, marks, start);
  rmSync(marks);
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  const kinds = KINDS.map((k) => `${prs.filter((pr) => pr.kind === k).length} ${k}`).join(', ');
  log(`pull requests: ${kinds} (${prs.filter((pr) => pr.untagged).length} of them untagged)`);
  return dir;
}

/** The CLI reads strategy.yaml from the working tree: the goals bench-child.mjs scans with (untracked, never committed). */
export function cliStrategy(dir) {
  writeFileSync(
    join(dir, 'strategy.yaml'),
    `version: 1\ngoals:\n  - { id: checkout, title: C }\n  - { id: onboarding, title: O }\n  - { id: observability, title: Ob }\n  - { id: legacy, title: L, status: stopped }\nsettings: { trailer: Goal }\n`,
  );
}
