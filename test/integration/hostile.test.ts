// Hostile repository content in the Goals tree and the status bar (issue 7 item 4): a goal title,
// a branch name, a commit subject and an author name carrying HTML, Markdown, a command link,
// icon syntax, terminal escapes, a carriage return and a bidi override are shown as text. Labels
// and descriptions are plain strings with control and bidi characters replaced; tooltips are
// untrusted Markdown built with appendText, so nothing in them is markup, a link or an icon.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { printable } from '../../src/core/render/format';
import type { StrategyAlignApi } from '../../src/extension/extension';
import { children, EDGE, edgeApi, model, type Row, statusFor } from './edgeHelpers';

const H = EDGE.hostile;
const asText = (text: string) => new vscode.MarkdownString().appendText(printable(text)).value;
/** A control character, bidi override or line separator a label must not carry. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

function assertSafeTooltip(row: Row): void {
  const md = row.markdown;
  assert.ok(md, `${row.label} has a Markdown tooltip`);
  assert.notEqual(md.isTrusted, true, 'command links are not enabled');
  assert.notEqual(md.supportHtml, true, 'html is not rendered');
  assert.notEqual(md.supportThemeIcons, true, 'icon syntax is not rendered');
  assert.doesNotMatch(md.value, /(?<!\\)\[[^\]]*(?<!\\)\]\((?!\s)/, 'no unescaped [label](target) form');
  assert.doesNotMatch(md.value, /(?<!\\)\*\*bold/, 'no unescaped emphasis');
}

describe('Hostile repository content in the editor', () => {
  let a: StrategyAlignApi;
  before(async function () {
    this.timeout(90_000);
    a = await edgeApi();
  });

  it('the goal title: plain label, escaped tooltip', async () => {
    const m = model(a, 'hostile');
    const goal = (await children(a, m))[0];
    assert.equal(goal.label, `#1 ${printable(H.goalTitle)}`);
    assert.doesNotMatch(goal.label, CONTROL);
    assertSafeTooltip(goal);
    assert.ok(goal.tooltip.includes(asText(H.goalTitle)) && goal.tooltip.includes(asText(H.goalWhy)), goal.tooltip);
  });

  it('the branch name, the commit subject and the author name: plain labels and descriptions, escaped tooltips', async () => {
    const m = model(a, 'hostile');
    const goal = (await children(a, m))[0];
    const [branch] = await children(a, m, goal.node);
    assert.equal(branch.label, printable(H.branch));
    assertSafeTooltip(branch);
    assert.ok(branch.tooltip.includes(asText(H.branch)), branch.tooltip);
    const [commit] = await children(a, m, branch.node);
    assert.equal(commit.label, printable(H.subject));
    assert.match(
      commit.description ?? '',
      new RegExp(`^[0-9a-f]{7} · ${printable(H.author).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · today$`),
    );
    for (const text of [commit.label, commit.description ?? '', branch.label]) assert.doesNotMatch(text, CONTROL);
    assertSafeTooltip(commit);
    assert.ok(
      commit.tooltip.includes(asText(H.subject)) && commit.tooltip.includes(asText(`${H.author} <mallory@example.com>`)),
      commit.tooltip,
    );
  });

  it('a message quoting what the user passed cannot form a notification link', async () => {
    const before = a.app.notifier.shown.length;
    await vscode.commands.executeCommand('strategyAlign.tagBranch', {
      repository: model(a, 'hostile').root.fsPath,
      branch: 'main',
      goal: '[Update now](command:workbench.action.quit)',
    });
    const [message] = a.app.notifier.shown.slice(before);
    assert.match(message, /^'\[Update now\] \(command:workbench\.action\.quit\)' is not a goal in strategy\.yaml/);
  });

  it('the status bar shows the title as text: icon syntax escaped, no control characters', async () => {
    const status = await statusFor(a, model(a, 'hostile'));
    assert.equal(status.text, `$(target) ${printable(H.goalTitle).replace(/\$\(/g, '\\$(')}`);
    assert.doesNotMatch(status.text, CONTROL);
    assert.ok(status.tooltip.includes(asText(H.branch)) && status.tooltip.includes(asText(H.goalTitle)), status.tooltip);
  });
});
