// Hostile repository content (goal titles, branch names, unknown ids from commit messages) is shown
// as text in every rendering: html, Markdown and the terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { renderPanelPage } from '../../src/core/render/panelPage';
import { cli, cliHere } from './helpers/cli';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const TITLE = '<script>alert(1)</script> | [click](javascript:alert(1)) `x` <img src=x onerror=alert(2)>';
const BRANCH = 'evil<b>onmouseover=alert(3)</b>';
/** Branch names git accepts that try to break out of an attribute, a table cell or a code span. */
const BRANCHES = ['x"onclick="alert(5)', "q'onfocus='alert(6)", 'a|b](javascript', 'tick`code`'];

describe('hostile strings in the report', () => {
  let t: TestRepo;
  before(() => {
    assert.equal(spawnSync('git', ['check-ref-format', '--branch', BRANCH]).status, 0, 'git accepts the hostile branch name');
    t = TestRepo.create();
    t.write('strategy.yaml', `version: 1\ngoals:\n  - id: safe\n    title: ${JSON.stringify(TITLE)}\n`);
    t.commit('init', { date: day(5) });
    t.commit('tagged\n\nGoal: safe', { date: day(4) });
    t.commit('evil id\n\nGoal: <svg onload=alert(4)>', { date: day(3) });
    t.branch(BRANCH);
    t.commit('untagged \u001b[31mred\u001b[0m <i>x</i>', { date: day(2) });
    for (const name of BRANCHES) {
      t.branch(name, 'main');
      t.commit(`work on ${name}`, { date: day(2) });
    }
    t.checkout('main');
  });
  after(() => t.cleanup());

  it('the JSON keeps the strings as data', async () => {
    const report = JSON.parse(cli(t.dir, ['report', '--format', 'json']).stdout) as AlignmentReport;
    assert.equal(report.goals[0].title, TITLE);
    assert.deepEqual(
      report.unknownGoals.map((u) => u.id),
      ['<svg onload=alert(4)>'],
    );
    assert.deepEqual(report.untagged.branches.map((b) => b.name).sort(), [BRANCH, ...BRANCHES].sort());
  });

  it('html escapes every one of them and has no script at all', async () => {
    const html = (await cliHere(t.dir, ['report', '--format', 'html'])).stdout;
    assert.doesNotMatch(html, /<script|<img|<svg onload|<b>|javascript:alert\(1\)\)"/i);
    assert.doesNotMatch(html.replace(/"[^"]*"/g, '""'), /<[^>]*\son(error|load|mouseover)=/i, 'no event handler attribute on any tag');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /evil&#60;b&#62;onmouseover=alert\(3\)&#60;\/b&#62;/);
    assert.match(html, /&#60;svg onload=alert\(4\)&#62;/);
  });

  it('the panel page keeps branch names inside their attributes and offers actions on exactly those branches', async () => {
    const report = JSON.parse((await cliHere(t.dir, ['report', '--format', 'json'])).stdout) as AlignmentReport;
    const page = renderPanelPage(report, {
      nonce: 'abc',
      scriptUri: 'vscode-resource:/media/report/report.js',
      repository: t.dir,
      ranges: [{ id: '90d', label: 'Last 90 days' }],
      range: '90d',
      measures: [{ id: 'commits', label: 'Commits' }],
      measure: 'commits',
    });
    const decode = (text: string) =>
      text
        .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
        .replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e]!);
    const tagged = [...page.matchAll(/data-action="tag" data-branch="([^"]*)"/g)].map((m) => decode(m[1]));
    assert.deepEqual(tagged.sort(), [BRANCH, ...BRANCHES].sort(), 'each attribute holds the whole name, decoded exactly');
    const outsideQuotes = page.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(outsideQuotes, /<[^>]*\son[a-z]+=/i, 'no event handler attribute on any tag');
    assert.equal([...page.matchAll(/<script\b/g)].length, 1, "only the nonce'd script");
    assert.match(page, /<script nonce="abc" src="vscode-resource:\/media\/report\/report.js"><\/script>/);
    assert.match(page, /content="default-src 'none'; style-src 'nonce-abc'; script-src 'nonce-abc'; img-src data:;"/);
  });

  it('Markdown cannot form links, HTML, code spans or break the table', async () => {
    const md = (await cliHere(t.dir, ['report', '--format', 'md'])).stdout;
    const branchRows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && / \| \d+ \| /.test(l) && !l.startsWith('| 1 |') && !/^\|\s+\|/.test(l));
    assert.equal(branchRows.length, 1 + BRANCHES.length, 'one row per untagged branch');
    assert.ok(
      branchRows.every((row) => row.split(/(?<!\\)\|/).length === 6),
      `no branch name adds a cell:\n${branchRows.join('\n')}`,
    );
    assert.match(md, /tick\\`code\\`/, 'backticks in a branch name are escaped');
    const goalRow = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    assert.equal(goalRow.split(/(?<!\\)\|/).length, 8, `the title's | does not add cells: ${goalRow}`);
    assert.doesNotMatch(md, /(?<!\\)<(script|img|svg|b)/, 'every < is escaped');
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript/, 'no link forms');
    assert.match(md, /\\`x\\`/);
  });

  it('the terminal gets no escape sequences from repository content', async () => {
    const text = (await cliHere(t.dir, ['report'], { NO_COLOR: '1' })).stdout;
    assert.doesNotMatch(text, /\u001b/);
    assert.match(text, /evil<b>onmouseover=alert\(3\)<\/b>/, 'plain text is shown as it is');
  });
});

describe('terminal escapes in repository content', () => {
  // A goal title that would recolor, link (OSC 8), retitle the window (OSC 0), return the cursor and
  // reverse the line (bidi override); a branch name with a bidi override and the 8-bit CSI.
  const TITLE =
    '\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b]0;pwned\u0007\roverwritten \u202eesrever\u2066x\u2069';
  const BRANCH = 'evil\u202eesrever\u009b31m';
  const UNKNOWN = 'x\u001b[2J';
  /** Anything a terminal would act on, other than the newline. */
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
  let t: TestRepo;
  before(() => {
    assert.equal(spawnSync('git', ['check-ref-format', '--branch', BRANCH]).status, 0, 'git accepts the branch name');
    t = TestRepo.create();
    t.write(
      'strategy.yaml',
      `version: 1\nperiod: ${JSON.stringify('\u001b]0;period\u0007Q4')}\ngoals:\n  - id: safe\n    title: ${JSON.stringify(TITLE)}\n    ${JSON.stringify('\u001b[31mcolour')}: red\n`,
    );
    t.commit('init', { date: day(5) });
    t.commit(`tagged \u001b[31m\r\n\nGoal: safe`, { date: day(4) });
    t.commit(`unknown id\n\nGoal: ${UNKNOWN}`, { date: day(4) });
    t.branch(BRANCH);
    for (const n of [1, 2, 3]) t.commit(`untagged ${n}`, { date: day(3) });
    t.checkout('main');
  });
  after(() => t.cleanup());

  it('the text report shows them as ?, with colour off', async () => {
    const run = cli(t.dir, ['report'], { NO_COLOR: '1' });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, CONTROL);
    assert.match(run.stdout, /\?\[31mRED\?\[0m \?\]8;;https:\/\/evil\.example\?/);
    assert.match(run.stdout, /evil\?esrever\?31m/);
    assert.match(run.stdout, /unknown: x\?\[2j/);
  });

  it("with colour on, the only escapes are the report's own colours", async () => {
    const text = (await cliHere(t.dir, ['report'], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout;
    assert.match(text, /\u001b\[1m/, 'colour is on');
    assert.doesNotMatch(text.replace(/\u001b\[\d+m/g, ''), CONTROL);
  });

  it('check and tag-branch print them as ?, validate as visible \\u escapes', async () => {
    const check = await cliHere(t.dir, ['check']);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /'evil\?esrever\?31m'/);
    const tag = await cliHere(t.dir, ['tag-branch', 'safe', '--branch', BRANCH]);
    assert.equal(tag.code, 0, tag.stderr);
    assert.doesNotMatch(tag.stdout, CONTROL);
    const validate = await cliHere(t.dir, ['validate']);
    // Diagnostics escape control characters themselves (the editor's Problems show them too).
    assert.ok(validate.stdout.includes("unknown key '\\u001b[31mcolour'"), validate.stdout);
    assert.doesNotMatch(validate.stdout, CONTROL);
  });

  it('error messages on stderr stay one line and act on nothing', async () => {
    for (const args of [
      ['tag-branch', 'safe', '--branch', 'gone\u202eesrever\u009b2J'],
      ['tag-commit', '\u001b]8;;https://evil.example\u0007x', 'safe'],
      ['tag-commit', 'HEAD', 'no\u001b[31mgoal'],
      ['\u001b[2Jcommand'],
      ['report', '--since', '\u001b[31m\r90d'],
    ]) {
      const run = await cliHere(t.dir, args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr.split('\n').length, 2, `one line: ${JSON.stringify(run.stderr)}`);
      assert.doesNotMatch(run.stderr.trimEnd(), CONTROL, JSON.stringify(run.stderr));
    }
  });

  it('html and Markdown carry no control characters or bidi overrides', async () => {
    t.git(['config', '--unset', `branch.${BRANCH}.goal`]); // its name is listed as untagged again
    for (const format of ['html', 'md']) {
      const out = (await cliHere(t.dir, ['report', '--format', format])).stdout;
      assert.match(out, /evil ?esrever/, format);
      assert.doesNotMatch(out.replace(/[\t\n\r]/g, ''), CONTROL, format); // whitespace is text in a page
    }
  });
});
