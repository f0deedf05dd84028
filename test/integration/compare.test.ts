// Quarters and `--compare previous` in the report panel (issue 15 part 4), in the real extension
// host: the range picker's Last quarter and the "Compare with previous period" checkbox, driven with
// the messages the controls post, and the comparison rows read back from what the page shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { pct1, pp } from '../../src/core/alignment/compare';
import type { AlignmentReport, ShareChange } from '../../src/core/alignment/reportTypes';
import { comparedWith } from '../../src/core/render/compareSection';
import { type Period, parsePeriod, periodBefore } from '../../src/core/scan/period';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { ShownReport } from '../../src/extension/views/report/messages';
import { repoDir, scanned, waitFor } from './helpers';

const BRANCH = 'quarter-work';

describe('The report panel over quarters, compared with the previous one', () => {
  let a: StrategyAlignApi;
  let last: Period;
  let prior: Period;
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, { cwd: repoDir(), encoding: 'utf8', env: { ...process.env, ...env } }).trim();
  const report = (): AlignmentReport => a.app.models.find((m) => m.git)!.last!.scan.report;
  const shown = (what: string, ok: (s: ShownReport) => boolean) =>
    waitFor(what, () => {
      const s = a.reportPanel()?.shown;
      return s && ok(s) ? s : undefined;
    });

  before(async () => {
    a = await scanned();
    last = parsePeriod('last-quarter', new Date())!;
    prior = periodBefore(last);
    // On a branch of its own, dated in the two quarters before this one: checkout work moves to onboarding.
    const at = (p: Period, day: number) => new Date(p.start.getTime() + day * 86_400_000 + 10 * 3_600_000).toISOString();
    const commit = (date: string, goal: string) =>
      git(['commit', '-q', '--allow-empty', '-m', `work\n\nGoal: ${goal}`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    git(['checkout', '-q', '-b', BRANCH, 'main']);
    for (const day of [5, 6, 7]) commit(at(prior, day), 'faster-checkout');
    commit(at(prior, 8), 'self-serve-onboarding');
    commit(at(last, 10), 'faster-checkout');
    for (const day of [11, 12, 13]) commit(at(last, day), 'self-serve-onboarding');
    git(['checkout', '-q', 'main']);
    await a.refresh();
  });

  after(async () => {
    a.reportPanel()?.panel.dispose();
    git(['branch', '-q', '-D', BRANCH]);
    await a.app.setCompare(false);
    await a.app.setRange('90d');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers This quarter and Last quarter and a compare toggle, and shows the comparison rows and summary', async () => {
    await vscode.commands.executeCommand('strategyAlign.showReport', { repository: repoDir() });
    const first = await shown('the panel to render', (x) => x.cards.length > 0);
    assert.ok(first.options.range.includes('this-quarter') && first.options.range.includes('last-quarter'), first.options.range.join());
    assert.equal(first.compare, false);
    assert.equal(first.comparison, null);

    assert.equal(await a.reportPanel()!.handle({ type: 'setRange', range: 'last-quarter' }), true);
    await shown('last quarter', (x) => x.range === 'last-quarter' && x.summary.startsWith(`${last.label} (`));
    assert.equal(a.app.range, 'last-quarter', 'the Goals view keeps following the one range');
    assert.equal(await a.reportPanel()!.handle({ type: 'setCompare', compare: 'yes' }), false, 'only a boolean');
    assert.equal(await a.reportPanel()!.handle({ type: 'setCompare', compare: true }), true);
    const s = await shown('the comparison', (x) => x.compare === true && x.comparison !== null);

    const r = report();
    const c = r.comparison!;
    assert.equal(r.range.label, last.label);
    assert.equal(c.range.label, prior.label);
    assert.equal(s.comparison!.title, comparedWith(c));
    assert.match(s.comparison!.title, /^Compared with \d{4}-Q[1-4] \(\d{4}-\d\d-01 to \d{4}-\d\d-3[01]\)$/);
    // By hand: checkout 3 of 4 commits before, 1 of 4 now; onboarding the other way round.
    const goal = (id: string) => c.goals.find((g) => g.id === id)!;
    assert.deepEqual([goal('faster-checkout').previousShare, goal('faster-checkout').share], [0.75, 0.25]);
    assert.deepEqual([goal('self-serve-onboarding').previousShare, goal('self-serve-onboarding').share], [0.25, 0.75]);
    const rows: [string, ShareChange][] = [
      ...c.goals.map((g): [string, ShareChange] => [`${g.title} ${g.id}`, g]),
      ['untagged', c.untagged],
      ['attributed (coverage)', c.attributedShare],
    ];
    assert.deepEqual(
      s.comparison!.rows,
      rows.map(([label, x]) => [label, pct1(x.previousShare), pct1(x.share), pp(x.change)]),
    );
    assert.ok(s.comparison!.rows.some((row) => row[3] === '+50.0 pp') && s.comparison!.rows.some((row) => row[3] === '−50.0 pp'));
    assert.deepEqual(s.comparison!.summary, c.summary);
    assert.match(
      s.comparison!.summary[0],
      /^'Self-serve onboarding for small teams' \(self-serve-onboarding\) gained most: 25\.0% → 75\.0%, \+50\.0 pp\.$/,
    );
    // The weekly table spans both quarters.
    assert.equal(s.weeks, c.weeks.length + r.weeks.length);

    assert.equal(await a.reportPanel()!.handle({ type: 'setCompare', compare: false }), true);
    await shown('no comparison', (x) => x.compare === false && x.comparison === null);
    assert.equal(report().comparison, undefined);
  });
});
