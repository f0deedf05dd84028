// Hostile repository content (goal titles, branch names, unknown ids from commit messages) is shown
// as text in every rendering: html, Markdown and the terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { renderPanelPage } from '../../src/core/render/panelPage';
import { cli } from './helpers/cli';
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

  it('the JSON keeps the strings as data', () => {
    const report = JSON.parse(cli(t.dir, ['report', '--format', 'json']).stdout) as AlignmentReport;
    assert.equal(report.goals[0].title, TITLE);
    assert.deepEqual(report.unknownGoals.map((u) => u.id), ['<svg onload=alert(4)>']);
    assert.deepEqual(report.untagged.branches.map((b) => b.name).sort(), [BRANCH, ...BRANCHES].sort());
  });

  it('html escapes every one of them and has no script at all', () => {
    const html = cli(t.dir, ['report', '--format', 'html']).stdout;
    assert.doesNotMatch(html, /<script|<img|<svg onload|<b>|javascript:alert\(1\)\)"/i);
    assert.doesNotMatch(html.replace(/"[^"]*"/g, '""'), /<[^>]*\son(error|load|mouseover)=/i, 'no event handler attribute on any tag');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /evil&#60;b&#62;onmouseover=alert\(3\)&#60;\/b&#62;/);
    assert.match(html, /&#60;svg onload=alert\(4\)&#62;/);
  });

  it('the panel page keeps branch names inside their attributes and offers actions on exactly those branches', () => {
    const report = JSON.parse(cli(t.dir, ['report', '--format', 'json']).stdout) as AlignmentReport;
    const page = renderPanelPage(report, { nonce: 'abc', scriptUri: 'vscode-resource:/media/report/report.js', repository: t.dir, ranges: [{ id: '90d', label: 'Last 90 days' }], range: '90d', measures: [{ id: 'commits', label: 'Commits' }], measure: 'commits' });
    const decode = (text: string) => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e]!);
    const tagged = [...page.matchAll(/data-action="tag" data-branch="([^"]*)"/g)].map((m) => decode(m[1]));
    assert.deepEqual(tagged.sort(), [BRANCH, ...BRANCHES].sort(), 'each attribute holds the whole name, decoded exactly');
    const outsideQuotes = page.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(outsideQuotes, /<[^>]*\son[a-z]+=/i, 'no event handler attribute on any tag');
    assert.equal([...page.matchAll(/<script\b/g)].length, 1, 'only the nonce\'d script');
    assert.match(page, /<script nonce="abc" src="vscode-resource:\/media\/report\/report.js"><\/script>/);
    assert.match(page, /content="default-src 'none'; style-src 'nonce-abc'; script-src 'nonce-abc'; img-src data:;"/);
  });

  it('Markdown cannot form links, HTML, code spans or break the table', () => {
    const md = cli(t.dir, ['report', '--format', 'md']).stdout;
    const branchRows = md.split('\n').filter((l) => l.startsWith('| ') && / \| \d+ \| /.test(l) && !l.startsWith('| 1 |') && !/^\|\s+\|/.test(l));
    assert.equal(branchRows.length, 1 + BRANCHES.length, 'one row per untagged branch');
    assert.ok(branchRows.every((row) => row.split(/(?<!\\)\|/).length === 6), `no branch name adds a cell:\n${branchRows.join('\n')}`);
    assert.match(md, /tick\\`code\\`/, 'backticks in a branch name are escaped');
    const goalRow = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    assert.equal(goalRow.split(/(?<!\\)\|/).length, 8, `the title's | does not add cells: ${goalRow}`);
    assert.doesNotMatch(md, /(?<!\\)<(script|img|svg|b)/, 'every < is escaped');
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript/, 'no link forms');
    assert.match(md, /\\`x\\`/);
  });

  it('the terminal gets no escape sequences from repository content', () => {
    const text = cli(t.dir, ['report'], { NO_COLOR: '1' }).stdout;
    assert.doesNotMatch(text, /\u001b/);
    assert.match(text, /evil<b>onmouseover=alert\(3\)<\/b>/, 'plain text is shown as it is');
  });
});
