// Acceptance: on the repository built by hand (helpers/scenario.ts), the JSON `alignment` numbers
// match the hand calculation, and the html, Markdown and terminal renderings (through the built
// CLI) and the editor's panel page show those same numbers, parsed back out of each.
import assert from 'node:assert/strict';
import { EFFORT_MEASURES, type AlignmentReport } from '../../src/core/alignment/reportTypes';
import { pct } from '../../src/core/render/format';
import { renderHtml } from '../../src/core/render/html';
import { renderPanelPage } from '../../src/core/render/panelPage';
import { cli, cliHere } from './helpers/cli';
import { buildScenario, day, EXPECTED, type Scenario } from './helpers/scenario';

/** What a reader takes from a rendering: the headline numbers and each row's share and target. */
interface Read {
  top: string;
  untagged: string;
  stopped: string;
  correlation: string;
  /** goal id (or 'untagged' / 'unknown:<id>') → [share, target] as printed. */
  rows: Record<string, [string, string]>;
}

function readHtml(html: string): Read {
  const card = (id: string) => new RegExp(`data-card="${id}"><div class="value">([^<]+)<`).exec(html)?.[1] ?? '';
  const rows: Read['rows'] = {};
  const table = /<table class="goals">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  for (const tr of table.split('<tr').slice(2)) {
    const cells = [...tr.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]);
    const id = /<code>([^<]+)<\/code>/.exec(cells[1])?.[1];
    const key = cells[1].includes('<em>unknown:</em>') ? `unknown:${id}` : cells[1].includes('<em>untagged</em>') ? 'untagged' : id!;
    rows[key] = [cells[4], cells[5]];
  }
  return { top: card('top'), untagged: card('untagged'), stopped: card('stopped'), correlation: card('correlation'), rows };
}

function readMarkdown(md: string): Read {
  const bold = (label: string) => new RegExp(`${label} \\*\\*([^*]+)\\*\\*`).exec(md)?.[1] ?? '';
  const rows: Read['rows'] = {};
  for (const line of md.split('\n').filter((l) => /^\|\s*\d*\s*\| /.test(l))) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    const key =
      cells[1] === '*untagged*'
        ? 'untagged'
        : cells[1].startsWith('*unknown:*')
          ? `unknown:${cells[1].replace('*unknown:* ', '')}`
          : /\(`([^`]+)`\)$/.exec(cells[1])![1];
    rows[key] = [cells[4], cells[5]];
  }
  return {
    top: bold('top 3 active goals'),
    untagged: bold('untagged'),
    stopped: bold('stopped'),
    correlation: bold('rank correlation'),
    rows,
  };
}

function readText(text: string, report: AlignmentReport): Read {
  const alignment = /top 3 active goals (\S+) · untagged (\S+) · unknown (\S+) · stopped (\S+) · rank correlation (\S+)/.exec(text)!;
  const rows: Read['rows'] = {};
  const lines = text.split('\n');
  for (const goal of report.goals) {
    const line = lines.find((l) => new RegExp(`^\\s*${goal.rank}\\D`).test(l))!;
    const m = /[█░]+\s+(\d+%)\s+(\d+%)?\s+[\d.]+$/.exec(line)!;
    rows[goal.id] = [m[1], m[2] ?? ''];
  }
  rows.untagged = [/\(untagged\)\s+[█░]+\s+(\d+%)/.exec(text)![1], ''];
  for (const u of report.unknownGoals)
    rows[`unknown:${u.id}`] = [new RegExp(`\\(unknown: ${u.id}\\)\\s+[█░]+\\s+(\\d+%)`).exec(text)![1], ''];
  return { top: alignment[1], untagged: alignment[2], stopped: alignment[4], correlation: alignment[5], rows };
}

describe('acceptance: the same hand-worked numbers in JSON, html, Markdown, the terminal and the panel', () => {
  let scenario: Scenario;
  let report: AlignmentReport;
  const total = EXPECTED.totals.commits;
  /** The hand calculation of helpers/scenario.ts, as every rendering must print it. */
  const hand = (): Read => ({
    top: pct(EXPECTED.topShare),
    untagged: pct(EXPECTED.untaggedCommits / total),
    stopped: pct(EXPECTED.commits['legacy-admin'] / total),
    correlation: EXPECTED.rankCorrelation.toFixed(2),
    rows: {
      'faster-checkout': [pct(EXPECTED.commits['faster-checkout'] / total), '50%'],
      onboarding: [pct(EXPECTED.commits.onboarding / total), '30%'],
      observability: [pct(EXPECTED.commits.observability / total), '20%'],
      'legacy-admin': [pct(EXPECTED.commits['legacy-admin'] / total), ''],
      untagged: [pct(EXPECTED.untaggedCommits / total), ''],
      'unknown:moonshot': [pct(EXPECTED.unknown.moonshot / total), ''],
    },
  });

  before(() => {
    scenario = buildScenario();
    const run = cli(scenario.repo.dir, ['report', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    report = JSON.parse(run.stdout) as AlignmentReport;
  });
  after(() => scenario.repo.cleanup());

  it('the JSON alignment block is the hand calculation', async () => {
    const a = report.alignment;
    const close = (actual: number | null, expected: number, what: string) =>
      assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
    close(a.topShare, EXPECTED.topShare, 'topShare');
    close(a.untaggedShare, EXPECTED.untaggedCommits / total, 'untaggedShare');
    close(a.unknownShare, EXPECTED.unknown.moonshot / total, 'unknownShare');
    close(a.stoppedShare, EXPECTED.commits['legacy-admin'] / total, 'stoppedShare');
    close(a.rankCorrelation, EXPECTED.rankCorrelation, 'rankCorrelation');
    assert.deepEqual(
      a.inversions.map((i) => [i.higher, i.lower]),
      EXPECTED.inversions,
    );
    for (const goal of report.goals)
      close(goal.share, EXPECTED.commits[goal.id as keyof typeof EXPECTED.commits] / total, `${goal.id} share`);
  });

  it('html shows the hand-worked numbers', async () => {
    assert.deepEqual(readHtml((await cliHere(scenario.repo.dir, ['report', '--format', 'html'])).stdout), hand());
  });

  it('Markdown shows the hand-worked numbers', async () => {
    assert.deepEqual(readMarkdown((await cliHere(scenario.repo.dir, ['report', '--format', 'md'])).stdout), hand());
  });

  it('the terminal shows the hand-worked numbers', async () => {
    assert.deepEqual(readText((await cliHere(scenario.repo.dir, ['report'], { NO_COLOR: '1' })).stdout, report), hand());
  });

  it('the panel page is the standalone body plus its controls: same numbers, same sections', async () => {
    const panel = renderPanelPage(report, {
      nonce: 'n0nce',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/report/report.js',
      repository: scenario.repo.dir,
      ranges: [{ id: '90d', label: 'Last 90 days' }],
      range: '90d',
      measures: EFFORT_MEASURES.map((id) => ({ id, label: id })),
      measure: 'commits',
    });
    assert.deepEqual(readHtml(panel), hand());
    const standalone = renderHtml(report);
    const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to));
    assert.equal(
      between(panel, '<section class="cards"', '<section aria-labelledby="untagged-h"'),
      between(standalone, '<section class="cards"', '<section aria-labelledby="untagged-h"'),
    );
    assert.deepEqual(
      [...panel.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]).slice(1),
      [...EFFORT_MEASURES],
      "the measures offered are the core's list",
    );
  });

  it('inversions and stale goals are called out in the html, Markdown and the terminal', async () => {
    // Up to the day before the first commit (whatever the time zone, no goal has work yet): all stale.
    const until = ['report', '--until', day(21).slice(0, 10)];
    const json = JSON.parse((await cliHere(scenario.repo.dir, [...until, '--format', 'json'])).stdout) as AlignmentReport;
    assert.deepEqual(json.alignment.staleGoals, ['faster-checkout', 'onboarding', 'observability']);
    const html = (await cliHere(scenario.repo.dir, [...until, '--format', 'html'])).stdout;
    const stale = [...html.matchAll(/<li class="stale">([^<]+)<\/li>/g)].map((m) => m[1]);
    assert.deepEqual(stale, [
      '#1 &#39;Cut checkout p95 below 400 ms&#39; had no work in the last 14 days',
      '#2 &#39;Self-serve onboarding&#39; had no work in the last 14 days',
      '#3 &#39;Observability&#39; had no work in the last 14 days',
    ]);
    assert.match(
      (await cliHere(scenario.repo.dir, [...until, '--format', 'md'])).stdout,
      /- No work in the last 14 days on: `faster-checkout`, `onboarding`, `observability`/,
    );
    assert.match(
      (await cliHere(scenario.repo.dir, until, { NO_COLOR: '1' })).stdout,
      /stale \(no work in 14 days\): faster-checkout, onboarding, observability/,
    );
    const inversions = [
      ...cli(scenario.repo.dir, ['report', '--format', 'html']).stdout.matchAll(/<li class="inversion">([^<]+)<\/li>/g),
    ].map((m) => m[1].replace(/&#39;/g, "'"));
    assert.deepEqual(
      inversions,
      report.alignment.inversions.map((i) => i.message),
    );
  });
});
