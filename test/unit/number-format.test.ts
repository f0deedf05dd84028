// The one rule for numbers people read (issue 14 part 4): labels whole, half-up, with en-US
// separators and "<1" for work that rounds to nothing; tooltips exact to one decimal; JSON exact.
// The table pins the rule; the repository (2,002 commits, 1/k splits) shows every output obeys it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { count, exact, plural } from '../../src/core/render/format';
import { cli, cliHere } from './helpers/cli';

describe('the number rule', () => {
  // value → [label, tooltip, label with its word]
  const TABLE: [number, string, string, string][] = [
    [0, '0', '0', '0 commits'],
    [0.04, '<1', '<0.1', '<1 commit'],
    [0.4, '<1', '0.4', '<1 commit'],
    [0.5, '1', '0.5', '1 commit'], // half-up, and singular as printed
    [1, '1', '1', '1 commit'],
    [1.5, '2', '1.5', '2 commits'],
    [2.5, '3', '2.5', '3 commits'], // half-up, not to even
    [999, '999', '999', '999 commits'],
    [999.5, '1,000', '999.5', '1,000 commits'],
    [1000, '1,000', '1,000', '1,000 commits'],
    [12029.5, '12,030', '12,029.5', '12,030 commits'],
    [1234567, '1,234,567', '1,234,567', '1,234,567 commits'],
    [1 / 3, '<1', '0.3', '<1 commit'],
    [2 / 3, '1', '0.7', '1 commit'],
  ];
  for (const [value, label, tooltip, worded] of TABLE) {
    it(`${value} reads "${label}" in labels and "${tooltip}" in tooltips`, () => {
      assert.equal(count(value), label);
      assert.equal(exact(value), tooltip);
      assert.equal(plural(value, 'commit'), worded);
    });
  }

  it('counts churn lines, days and branches the same way', () => {
    assert.equal(plural(1234567.25, 'line'), '1,234,567 lines');
    assert.equal(plural(1234567.25, 'line', exact), '1,234,567.3 lines');
    assert.equal(plural(1, 'active day'), '1 active day');
    assert.equal(plural(1500, 'active day'), '1,500 active days');
    assert.equal(count(10_000), '10,000');
  });

  it('tooltips say "1 commit" only for exactly one', () => {
    assert.equal(plural(1, 'commit', exact), '1 commit');
    assert.equal(plural(1000.5, 'commit', exact), '1,000.5 commits');
    assert.equal(plural(0.5, 'commit', exact), '0.5 commits');
  });
});

describe('numbers in every output of a repository with 1/k splits', () => {
  let dir: string;
  // #1 beta: 2,001 commits split with alpha (½ each) and one split three ways (⅓): 1,000.8333
  // #2 alpha: 1,000.5 — a label rounds it up to 1,001
  // #3 gamma, #4 delta: ⅓ each — work that exists, "<1"
  const STRATEGY = `version: 1
settings:
  maxActive: 4
goals:
  - id: beta
    title: Beta
  - id: alpha
    title: Alpha
  - id: gamma
    title: Gamma
  - id: delta
    title: Delta
`;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sa-numbers-'));
    execFileSync('git', ['init', '-q', '-b', 'main', dir]);
    const now = Math.floor(Date.now() / 1000);
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    const out: string[] = [];
    for (let i = 1; i <= 2002; i++) {
      const when = `${now - (2002 - i) * 60} +0000`;
      const message = i === 1 ? 'Add the strategy\n\nGoal: gamma, delta, beta\n' : `Change ${i}\n\nGoal: alpha, beta\n`;
      out.push(
        `commit refs/heads/main\nmark :${i}\nauthor A <a@example.com> ${when}\ncommitter A <a@example.com> ${when}\n${data(message)}`,
      );
      if (i > 1) out.push(`from :${i - 1}\n`);
      out.push(i === 1 ? `M 644 inline strategy.yaml\n${data(STRATEGY)}` : `M 644 inline f.txt\n${data(String(i))}`, '\n');
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: out.join('') });
    execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json keeps the exact numbers', async () => {
    const run = await cliHere(dir, ['report', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AlignmentReport;
    const commits = Object.fromEntries(report.goals.map((g) => [g.id, g.commits]));
    assert.equal(report.totals.commits, 2002);
    assert.equal(commits.alpha, 1000.5);
    assert.ok(Math.abs(commits.beta - (1000.5 + 1 / 3)) < 1e-9, String(commits.beta));
    assert.ok(Math.abs(commits.gamma - 1 / 3) < 1e-9, String(commits.gamma));
  });

  it('text shows rounded labels with separators, "<1" for a third of a commit', async () => {
    const run = await cliHere(dir, ['report'], { NO_COLOR: '1' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, / · 2,002 commits · effort by commits/);
    assert.match(run.stdout, /^Attributed 100% of 2,002 commits: trailer 100%$/m);
    assert.match(run.stdout, /^ +2 +Alpha .* 1,001$/m);
    assert.match(run.stdout, /^ +1 +Beta .* 1,001$/m);
    assert.match(run.stdout, /^ +3 +Gamma .* <1$/m);
    assert.doesNotMatch(run.stdout, /1000\.5|1,000\.5|0\.3/);
  });

  it('Markdown shows the same labels', async () => {
    const run = await cliHere(dir, ['report', '--format', 'md']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\*\*2,002 commits\*\*, /m);
    assert.match(run.stdout, /^\| 2 \| Alpha \(`alpha`\) \| active \| 1,001 \| 50% \| {2}\|$/m);
    assert.match(run.stdout, /^\| 3 \| Gamma \(`gamma`\) \| active \| <1 \| 0% \| {2}\|$/m);
  });

  it('HTML shows the labels, with the exact value as the cell tooltip', async () => {
    const run = await cliHere(dir, ['report', '--format', 'html']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /<p class="muted" id="summary">[^<]* · 2,002 commits · /);
    assert.match(run.stdout, /<code>alpha<\/code><\/th><td>active<\/td><td class="num" title="1,000\.5">1,001<\/td>/);
    assert.match(run.stdout, /<code>gamma<\/code><\/th><td>active<\/td><td class="num" title="0\.3">&#60;1<\/td>/);
  });

  it('check and its step summary use the labels', async () => {
    const summary = join(dir, '.git', 'summary.md');
    const run = await cliHere(dir, ['check', '--no-inversions'], { GITHUB_STEP_SUMMARY: summary });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '✓ strategy check passed (2,002 commits, untagged 0%)\n');
    assert.match(readFileSync(summary, 'utf8'), /^\| 2 \| Alpha \(`alpha`\) \| active \| 1,001 \| 50% \| {2}\|$/m);
  });

  it('prints the same text whatever the machine locale (fixed en-US grouping)', () => {
    const run = cli(dir, ['report', '--format', 'md'], { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\*\*2,002 commits\*\*, /m);
  });
});
