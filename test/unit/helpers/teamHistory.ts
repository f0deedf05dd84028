// A synthetic team history that looks like real work (issue 13): pull requests on branches named
// after issues or people, issue keys in about 60% of commit messages or branch names, changes local
// to each goal's folder, GitHub merge commits and squash merges, some deleted branches, a few open
// ones, a few explicit `Goal:` trailers and notes, unrelated chores, and one project (INFRA) that no
// goal claims but whose keys also appear on commits already tagged. Built with one git fast-import,
// deterministic for a seed. Used by team-history.test.ts and scripts/coverage.mjs (the measured
// before/after, `npm run attribution-coverage`).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** The goals, their folders, their issue projects; `match` rules suggest, `issues` attribute. */
export const TEAM_GOALS = [
  { id: 'checkout', title: 'Faster checkout', area: 'services/checkout', project: 'PAY', extra: [], share: 40 },
  { id: 'onboarding', title: 'Self-serve onboarding', area: 'web/onboarding', project: 'SHOP', extra: ['#120'], share: 30 },
  { id: 'observability', title: 'Observability', area: 'infra/telemetry', project: 'OBS', extra: [], share: 20 },
];

/** strategy.yaml with `match` rules only (`issues: false`), or with each goal's `issues:` too. */
export function teamStrategy({ issues }: { issues: boolean }): string {
  const goals = TEAM_GOALS.map((g) =>
    [
      `  - id: ${g.id}`,
      `    title: ${g.title}`,
      `    share: ${g.share}`,
      `    match: { paths: ["${g.area}/**"] }`,
      ...(issues ? [`    issues: [${[`${g.project}-*`, ...g.extra].map((p) => JSON.stringify(p)).join(', ')}]`] : []),
    ].join('\n'),
  );
  return `version: 1\ngoals:\n${goals.join('\n')}\n`;
}

const WORDS = ['retry', 'card', 'wallet', 'signup', 'invite', 'metrics', 'trace', 'cache', 'limits', 'banner', 'export', 'token'];
const VERBS = ['Add', 'Fix', 'Handle', 'Refactor', 'Speed up', 'Test', 'Clean up', 'Log'];
const PEOPLE = ['ada', 'grace', 'linus', 'barbara', 'ken'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TeamHistoryStats {
  pullRequests: number;
  /** Commits made on pull-request branches whose message or branch name holds an issue key. */
  keyed: number;
  commits: number;
}

/** Builds the history in `dir` (a new repository): about `commits` commits over the last 80 days. */
export function buildTeamHistory(dir: string, { commits = 2000, seed = 7, now = Date.now() } = {}): TeamHistoryStats {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const out: string[] = [];
  let mark = 0;
  let made = 0;
  const start = Math.floor(now / 1000) - 80 * 86400;
  const step = Math.floor((80 * 86400) / (commits + 1));
  let clock = start;
  const person = () => pick(PEOPLE);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (ref: string, who: string, message: string, files: [string, string][], from?: number, merge?: number): number => {
    clock += step;
    made++;
    out.push(`commit ${ref}\nmark :${++mark}\n`);
    out.push(`author ${who} <${who}@example.com> ${clock} +0000\ncommitter ${who} <${who}@example.com> ${clock} +0000\n`);
    out.push(data(message));
    if (from) out.push(`from :${from}\n`);
    if (merge) out.push(`merge :${merge}\n`);
    for (const [path, content] of files) out.push(`M 644 inline ${path}\n${data(content)}`);
    return mark;
  };
  let main = commit('refs/heads/main', 'ada', 'Initial commit', [
    ['strategy.yaml', teamStrategy({ issues: false })],
    ['README.md', '# shop\n'],
  ]);
  const notes: [number, string][] = [];
  const deleted: string[] = [];
  const stats = { pullRequests: 0, keyed: 0, commits: 0 };
  for (let pr = 1; made < commits; pr++) {
    stats.pullRequests++;
    if (random() < 0.08) {
      main = commit(
        'refs/heads/main',
        person(),
        pick(['Bump dependencies', 'Fix typo in README', 'Update CI cache']),
        [['README.md', `# shop ${pr}\n`]],
        main,
      );
      continue;
    }
    const infra = random() < 0.1; // a project no goal claims; its first commit carries a trailer
    const goal = infra ? TEAM_GOALS[2] : TEAM_GOALS[Math.min(2, Math.floor(random() * random() * 4))];
    const project = infra ? 'INFRA' : goal.project;
    const key = goal.id === 'onboarding' && random() < 0.1 ? '#120' : `${project}-${100 + pr}`;
    const slug = `${pick(WORDS)}-${pick(WORDS)}`;
    const style = random();
    const branch =
      style < 0.3 && !key.startsWith('#')
        ? `${key}-${slug}`
        : style < 0.4 && !key.startsWith('#')
          ? `feature/${key.toLowerCase()}-${slug}`
          : `${person()}/${slug}-${pr}`;
    const who = person();
    const explicit = !infra && random() < 0.1;
    const n = 1 + Math.floor(random() * 4);
    const files: [string, string][] = [];
    let tip = main;
    const messages: string[] = [];
    for (let i = 0; i < n && made < commits; i++) {
      const verb = pick(VERBS);
      const m = random();
      let message =
        m < 0.45
          ? `${key}: ${verb} ${slug.replace('-', ' ')}`
          : m < 0.55
            ? `${verb} ${slug.replace('-', ' ')} (${key})`
            : `${verb} ${slug.replace('-', ' ')}`;
      if (explicit || (infra && i === 0)) message += `\n\nGoal: ${goal.id}`;
      if (infra && i > 0) message = `${key}: ${verb} ${slug.replace('-', ' ')}`;
      const path = random() < 0.1 ? `docs/${slug}-${pr}-${i}.md` : `${goal.area}/${slug}-${pr}-${i}.js`;
      files.push([path, `// ${message.split('\n')[0]}\n`]);
      tip = commit(`refs/heads/${branch}`, who, message, [files[files.length - 1]], tip === main ? main : tip);
      messages.push(message);
      if (/(^|[^\w-])([A-Z]+-\d+|#\d+)\b/.test(message) || /^(feature\/)?[A-Za-z]+-\d+-/.test(branch)) stats.keyed++;
      if (!explicit && !infra && random() < 0.03) notes.push([tip, goal.id]);
    }
    const landing = random();
    if (landing < 0.5) {
      main = commit(
        'refs/heads/main',
        who,
        `Merge pull request #${1000 + pr} from org/${branch}\n\n${messages[0].split('\n')[0]}`,
        files,
        main,
        tip,
      );
      if (random() < 0.7) deleted.push(branch);
    } else if (landing < 0.9) {
      const body = messages.map((m) => `* ${m.split('\n')[0]}`).join('\n');
      main = commit('refs/heads/main', who, `${messages[0].split('\n')[0]} (#${1000 + pr})\n\n${body}`, files, main);
      deleted.push(branch);
    } // else: still open
  }
  if (notes.length > 0) {
    clock += step;
    out.push(`commit refs/notes/goals\ncommitter ada <ada@example.com> ${clock} +0000\n${data('Goal notes')}`);
    for (const [target, goal] of notes) out.push(`N inline :${target}\n${data(`Goal: ${goal}`)}`);
  }
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: out.join('') });
  execFileSync('git', ['update-ref', '--stdin'], { cwd: dir, input: deleted.map((b) => `delete refs/heads/${b}\n`).join('') });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  stats.commits = made;
  return stats;
}
