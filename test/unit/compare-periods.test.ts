// Periods in --since/--until and `--compare previous` (issue 15 part 4): the period table, bad
// periods, the comparison computed from one scan equal to a separate report of the previous period,
// the summary's sentences, and every rendering showing the section with repository strings escaped.
import assert from 'node:assert/strict';
import { compareReports } from '../../src/core/alignment/compare';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { GitRepo } from '../../src/core/git';
import { renderHtml } from '../../src/core/render/html';
import { renderMarkdown } from '../../src/core/render/markdown';
import { renderPanelPage } from '../../src/core/render/panelPage';
import { renderText } from '../../src/core/render/text';
import { previousRange, resolveRange } from '../../src/core/scan/period';
import { RangeSpecError } from '../../src/core/scan/range';
import { scanRepository, type ScanOptions } from '../../src/core/scan/scan';
import { parseStrategy } from '../../src/core/strategy';
import type { Strategy } from '../../src/core/strategy/types';
import { cli } from './helpers/cli';
import { TestRepo } from './helpers/testRepo';

const NOW = new Date('2026-10-15T12:00:00Z');
const iso = (d: Date | undefined) => d?.toISOString() ?? null;
const TITLE = 'Search <img src=x onerror=alert(1)> | `x`';
const BRANCH = 'slow<b>burn</b>';

describe('periods in --since / --until', () => {
  const cases: [string | undefined, string | undefined, string | null, string | null, string | undefined][] = [
    ['2026-Q3', undefined, '2026-07-01T00:00:00.000Z', '2026-09-30T23:59:59.999Z', '2026-Q3'],
    ['2026-q1', undefined, '2026-01-01T00:00:00.000Z', '2026-03-31T23:59:59.999Z', '2026-Q1'],
    ['2024-Q1', undefined, '2024-01-01T00:00:00.000Z', '2024-03-31T23:59:59.999Z', '2024-Q1'],
    ['2026-02', undefined, '2026-02-01T00:00:00.000Z', '2026-02-28T23:59:59.999Z', '2026-02'],
    ['2024-02', undefined, '2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2024-02'],
    ['2025', undefined, '2025-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z', '2025'],
    ['this-quarter', undefined, '2026-10-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-Q4'],
    ['last-quarter', undefined, '2026-07-01T00:00:00.000Z', '2026-09-30T23:59:59.999Z', '2026-Q3'],
    ['2026-Q1', '2026-Q3', '2026-01-01T00:00:00.000Z', '2026-09-30T23:59:59.999Z', '2026-Q1 to 2026-Q3'],
    ['2026-Q3', '2026-Q3', '2026-07-01T00:00:00.000Z', '2026-09-30T23:59:59.999Z', '2026-Q3'],
    ['2026-Q3', '2026-08-15', '2026-07-01T00:00:00.000Z', '2026-08-15T23:59:59.999Z', undefined],
    ['2026-06-01', '2026-Q3', '2026-06-01T00:00:00.000Z', '2026-09-30T23:59:59.999Z', undefined],
    ['all', undefined, null, null, undefined],
  ];
  for (const [since, until, from, to, label] of cases) {
    it(`--since ${since}${until ? ` --until ${until}` : ''} → ${from} … ${to}${label ? ` (${label})` : ''}`, () => {
      const range = resolveRange(since, until, NOW);
      assert.deepEqual([iso(range.since), iso(range.until), range.label], [from, to, label]);
    });
  }

  it('last-quarter in January is the previous year’s Q4', () => {
    const range = resolveRange('last-quarter', undefined, new Date('2027-01-05T00:00:00Z'));
    assert.deepEqual(
      [iso(range.since), iso(range.until), range.label],
      ['2026-10-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-Q4'],
    );
  });

  const bad: [string, string | undefined, RegExp][] = [
    ['2026-Q5', undefined, /^--since '2026-Q5' is not a quarter: quarters are Q1 to Q4/],
    ['2026-Q0', undefined, /is not a quarter/],
    ['2026-13', undefined, /^--since '2026-13' is not a month: months are 01 to 12/],
    ['2026-Q3', '2026-Q9', /^--until '2026-Q9' is not a quarter/],
    ['2026-Q3', '2026-Q1', /^--until '2026-Q1' ends before --since '2026-Q3' starts$/],
    [
      'next-quarter',
      undefined,
      /^--since 'next-quarter' is not a date \(YYYY-MM-DD\), a span like .* or a period \(2026-Q3, 2026-07, 2026, this-quarter, last-quarter\)$/,
    ],
    ['90d', 'soon', /^--until 'soon' is not a date \(YYYY-MM-DD\) or a period/],
  ];
  for (const [since, until, message] of bad) {
    it(`refuses --since ${since}${until ? ` --until ${until}` : ''} with one clear line`, () => {
      assert.throws(
        () => resolveRange(since, until, NOW),
        (e: Error) => e instanceof RangeSpecError && message.test(e.message),
      );
    });
  }

  it('the previous period: the calendar period before one period, else the same length right before', () => {
    const prev = (since: string, until?: string) => {
      const p = previousRange(resolveRange(since, until, NOW), NOW);
      return [iso(p.since), iso(p.until), p.label];
    };
    assert.deepEqual(prev('2026-Q3'), ['2026-04-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', '2026-Q2']);
    assert.deepEqual(prev('2026-Q1'), ['2025-10-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z', '2025-Q4']);
    assert.deepEqual(prev('2026-01'), ['2025-12-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z', '2025-12']);
    assert.deepEqual(prev('2026'), ['2025-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z', '2025']);
    // 30 days open at the end: until now, so the same length right before them (wherever a span starts).
    const span = resolveRange('30d', undefined, NOW);
    const before = previousRange(span, NOW);
    assert.equal(before.until!.getTime(), span.since!.getTime() - 1);
    assert.equal(before.until!.getTime() + 1 - before.since!.getTime(), NOW.getTime() - span.since!.getTime());
    // Two whole days, 2026-07-01 and 02: the two days before.
    assert.deepEqual(prev('2026-07-01', '2026-07-02'), ['2026-06-29T00:00:00.000Z', '2026-06-30T23:59:59.999Z', undefined]);
    assert.throws(() => previousRange(resolveRange('all', undefined, NOW), NOW), /--compare previous needs a range with a start/);
  });
});

describe('--compare previous', () => {
  let t: TestRepo;
  let strategy: Strategy;
  const scan = async (options: ScanOptions) => (await scanRepository(await GitRepo.open(t.dir), strategy, { now: NOW, ...options })).report;

  before(() => {
    t = TestRepo.create();
    const text = `version: 1
settings:
  untagged: { commits: 3, days: 30 }
goals:
  - id: pay
    title: Payments
  - id: search
    title: ${JSON.stringify(TITLE)}
  - id: legacy
    title: Legacy admin
    status: stopped
`;
    t.write('strategy.yaml', text);
    const loaded = parseStrategy(text);
    assert.ok(loaded.strategy, JSON.stringify(loaded.diagnostics));
    strategy = loaded.strategy;
    // Q2: init (untagged), pay ×3, search ×1; Q3: pay ×1, search ×3, legacy (stopped) ×1.
    t.commit('init', { date: '2026-04-02T10:00:00Z' });
    for (const d of ['04-10', '05-10', '06-10']) t.commit('pay\n\nGoal: pay', { date: `2026-${d}T10:00:00Z` });
    t.commit('search\n\nGoal: search', { date: '2026-05-20T10:00:00Z' });
    t.commit('pay\n\nGoal: pay', { date: '2026-07-10T10:00:00Z' });
    for (const d of ['07-20', '08-10', '09-10']) t.commit('search\n\nGoal: search', { date: `2026-${d}T10:00:00Z` });
    t.commit('legacy\n\nGoal: legacy', { date: '2026-08-20T10:00:00Z' });
    // Untagged: one branch long-running since May (3 commits), one that becomes so in Q3 (1 commit in
    // June, 2 in August: 1 commit and 5 days old at the end of Q2).
    t.branch('old-side', 'main');
    for (const d of ['05-01', '05-02', '05-03']) t.commit('side', { date: `2026-${d}T10:00:00Z` });
    t.branch(BRANCH, 'main');
    for (const d of ['06-25', '08-01', '08-05']) t.commit('burn', { date: `2026-${d}T10:00:00Z` });
    t.checkout('main');
  });
  after(() => t.cleanup());

  it('gives the same numbers as a separate report of the previous period, from one scan', async () => {
    const compared = await scan({ since: '2026-Q3', compare: 'previous' });
    const q2 = await scan({ since: '2026-Q2' });
    const c = compared.comparison!;
    assert.deepEqual(compared.range, { since: '2026-07-01T00:00:00.000Z', until: '2026-09-30T23:59:59.999Z', label: '2026-Q3' });
    assert.deepEqual(c.range, q2.range);
    assert.deepEqual(
      c.goals.map((g) => [g.id, g.share, g.previousShare]),
      compared.goals.map((g, i) => [g.id, g.share, q2.goals[i].share]),
    );
    // By hand: Q2 holds 9 commits (pay 3, search 1, untagged 5), Q3 7 (pay 1, search 3, legacy 1, untagged 2).
    const share = (id: string) => c.goals.find((g) => g.id === id)!;
    assert.deepEqual([share('pay').previousShare, share('search').previousShare], [0.333333333333, 0.111111111111]);
    assert.ok(Math.abs(share('search').change - (3 / 7 - 1 / 9)) < 1e-9);
    assert.deepEqual([c.untagged.share, c.untagged.previousShare], [compared.untagged.share, q2.untagged.share]);
    assert.deepEqual(
      [c.attributedShare.share, c.attributedShare.previousShare],
      [compared.totals.attributedShare, q2.totals.attributedShare],
    );
    assert.deepEqual(c.weeks, q2.weeks);
    assert.equal(q2.totals.commits, 9);

    // An open range: the same length right before it, equal to a report of those exact instants.
    const open = await scan({ since: '120d', compare: 'previous' });
    const span = previousRange(resolveRange('120d', undefined, NOW), NOW);
    const before = await scan({ since: span.since!.toISOString(), until: span.until!.toISOString() });
    assert.ok(before.totals.commits > 0 && open.totals.commits > 0, 'work on both sides');
    assert.deepEqual(open.comparison!.range, before.range);
    assert.deepEqual(
      open.comparison!.goals.map((g) => g.previousShare),
      before.goals.map((g) => g.share),
    );
    assert.equal(open.comparison!.untagged.previousShare, before.untagged.share);
  });

  it('reads the history once: a cold scan with the comparison reads what a cold scan without it reads', async () => {
    const repo = await GitRepo.open(t.dir);
    const plain = await scanRepository(repo, strategy, { now: NOW, since: '2026-Q3' });
    const compared = await scanRepository(repo, strategy, { now: NOW, since: '2026-Q3', compare: 'previous' });
    assert.equal(compared.stats.commitsRead, plain.stats.commitsRead);
    assert.equal(compared.stats.commitsRead, 16);
  });

  it('says in words who gained and lost most, stopped goals with work and new long-running branches', async () => {
    const c = (await scan({ since: '2026-Q3', compare: 'previous' })).comparison!;
    assert.deepEqual(c.newLongRunning, [BRANCH]);
    assert.deepEqual(c.summary, [
      `'${TITLE}' (search) gained most: 11.1% → 42.9%, +31.7 pp.`,
      `'Payments' (pay) lost most: 33.3% → 14.3%, −19.0 pp.`,
      'Untagged work fell: 55.6% → 28.6%, −27.0 pp.',
      `Stopped goal 'Legacy admin' (legacy) still gets work: 14.3% of the effort, none before.`,
      `Branch '${BRANCH}' became long-running untagged work (3 commits, oldest 2026-06-25).`,
    ]);
  });

  it('says "no notable change" when nothing moved', async () => {
    const q2 = await scan({ since: '2026-Q2' });
    const c = compareReports(q2, q2);
    assert.deepEqual(c.summary, [
      'No notable change: no share moved by 2 pp or more, no stopped goal got work, no new long-running untagged branch.',
    ]);
    assert.ok(c.goals.every((g) => g.change === 0));
  });

  it('names more than three new long-running branches in one sentence', async () => {
    const q2 = await scan({ since: '2026-Q2' });
    const now: AlignmentReport = structuredClone(q2);
    const branch = q2.untagged.branches[0];
    now.untagged.branches = ['a', 'b', 'c', 'd', branch.name].map((name) => ({ ...branch, name, longRunning: true }));
    const c = compareReports(now, q2);
    assert.deepEqual(c.newLongRunning, ['a', 'b', 'c', 'd']);
    assert.deepEqual(c.summary, ["4 branches became long-running untagged work: 'a', 'b', 'c' and 1 more."]);
  });

  it('renders the section in text, Markdown, html and the panel, repository strings escaped', async () => {
    const report: AlignmentReport = await scan({ since: '2026-Q3', compare: 'previous' });
    const text = renderText(report, { color: false, width: 120 });
    assert.match(text, /Compared with 2026-Q2 \(2026-04-01 to 2026-06-30\)/);
    assert.match(text, /Payments \(pay\)\s+33\.3%\s+14\.3%\s+−19\.0 pp/);
    assert.match(text, /untagged\s+55\.6%\s+28\.6%\s+−27\.0 pp/);
    const md = renderMarkdown(report);
    assert.match(md, /### Compared with 2026-Q2 \(2026-04-01 to 2026-06-30\)/);
    assert.match(md, /\| Search \\<img src=x onerror=alert\(1\)\\> \\\| \\`x\\` \(`search`\) \| 11\.1% \| 42\.9% \| \+31\.7 pp \|/);
    assert.ok(md.includes(`- Branch 'slow\\<b\\>burn\\</b\\>' became long-running`), md);
    const panel = renderPanelPage(report, {
      nonce: 'n',
      scriptUri: 's',
      repository: 'r',
      ranges: [],
      range: '90d',
      measures: [],
      measure: 'commits',
      compare: true,
    });
    for (const html of [renderHtml(report), panel]) {
      const section = /<section aria-labelledby="compare-h" class="compare">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      assert.match(section, /Compared with 2026-Q2/);
      assert.ok(!/<img|<b>|onerror=alert\(1\)>/.test(section), section);
      assert.match(section, /<td class="num change better">\+31\.7 pp<\/td>/);
      // More untagged work or more on a stopped goal reads as worse, less untagged work as better.
      assert.match(
        section,
        /Legacy admin <code>legacy<\/code><\/th><td class="num">0\.0%<\/td><td class="num">14\.3%<\/td><td class="num change worse">/,
      );
      assert.match(
        section,
        /<em>untagged<\/em><\/th><td class="num">55\.6%<\/td><td class="num">28\.6%<\/td><td class="num change better">/,
      );
      assert.match(section, /slow&#60;b&#62;burn&#60;\/b&#62;/);
      // The weekly chart spans both periods: the previous weeks marked, a divider between.
      assert.match(html, /class="period-divider"/);
      assert.match(html, /<tr class="prev"><th scope="row">2026-03-30 \(previous\)<\/th>/);
    }
    assert.match(panel, /<input type="checkbox" id="compare" name="compare" checked>/);
  });

  it('the CLI: report --compare previous in JSON, check accepts it, bad input is one line and exit 2', () => {
    const json = JSON.parse(
      cli(t.dir, ['report', '--since', '2026-Q3', '--compare', 'previous', '--format', 'json', '--no-cache']).stdout,
    ) as AlignmentReport;
    assert.equal(json.range.label, '2026-Q3');
    assert.equal(json.comparison?.range.label, '2026-Q2');
    const check = cli(t.dir, [
      'check',
      '--since',
      '2026-Q3',
      '--compare',
      'previous',
      '--no-stopped',
      '--no-long-running',
      '--no-inversions',
    ]);
    assert.equal(check.code, 0, check.stderr);
    // Several repositories: the period holds for the combined report (their comparison: cli-multi.test.ts).
    const two = ['--repo', `a=${t.dir}`, '--repo', `b=${t.dir}`];
    const combined = JSON.parse(cli(t.dir, ['report', ...two, '--since', '2026-Q3', '--format', 'json']).stdout) as AlignmentReport;
    assert.deepEqual(combined.range, json.range);
    assert.equal(combined.totals.commits, 2 * json.totals.commits);
    for (const [args, message] of [
      [
        [...two, '--since', 'all', '--compare', 'previous'],
        'strategy-align: --compare previous needs a range with a start: all history has no previous period\n',
      ],
      [['--since', '2026-Q5'], "strategy-align: --since '2026-Q5' is not a quarter: quarters are Q1 to Q4 (e.g. 2026-Q3)\n"],
      [
        ['--since', 'all', '--compare', 'previous'],
        'strategy-align: --compare previous needs a range with a start: all history has no previous period\n',
      ],
      [['--compare', 'next'], "strategy-align: --compare must be one of previous, got 'next'\n"],
    ] as const) {
      const run = cli(t.dir, ['report', ...args]);
      assert.deepEqual([run.code, run.stderr, run.stdout], [2, message, '']);
    }
  });
});
