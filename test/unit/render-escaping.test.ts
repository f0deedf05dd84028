// Hostile repository content (goal titles, branch names, unknown ids from commit messages) is shown
// as text in every rendering: html, Markdown and the terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { cli } from './helpers/cli';
import { day } from './helpers/scenario';
import { TestRepo } from './helpers/testRepo';

const TITLE = '<script>alert(1)</script> | [click](javascript:alert(1)) `x` <img src=x onerror=alert(2)>';
const BRANCH = 'evil<b>onmouseover=alert(3)</b>';

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
    t.checkout('main');
  });
  after(() => t.cleanup());

  it('the JSON keeps the strings as data', () => {
    const report = JSON.parse(cli(t.dir, ['report', '--format', 'json']).stdout) as AlignmentReport;
    assert.equal(report.goals[0].title, TITLE);
    assert.deepEqual(report.unknownGoals.map((u) => u.id), ['<svg onload=alert(4)>']);
    assert.deepEqual(report.untagged.branches.map((b) => b.name), [BRANCH]);
  });

  it('html escapes every one of them and has no script at all', () => {
    const html = cli(t.dir, ['report', '--format', 'html']).stdout;
    assert.doesNotMatch(html, /<script|<img|<svg onload|<b>|javascript:alert\(1\)\)"/i);
    assert.doesNotMatch(html.replace(/"[^"]*"/g, '""'), /<[^>]*\son(error|load|mouseover)=/i, 'no event handler attribute on any tag');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /evil&#60;b&#62;onmouseover=alert\(3\)&#60;\/b&#62;/);
    assert.match(html, /&#60;svg onload=alert\(4\)&#62;/);
  });

  it('Markdown cannot form links, HTML, code spans or break the table', () => {
    const md = cli(t.dir, ['report', '--format', 'md']).stdout;
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
