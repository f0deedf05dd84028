// The alignment report panel in the real extension host. The host cannot read a webview's DOM, so
// the panel's own script, once it has rendered under the CSP, posts what it shows (headline cards,
// chart rows, tables, the DOM's scripts and handlers); the tests compare that with the model's JSON
// report. Pickers and actions are driven with the messages the controls post.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EFFORT_MEASURES } from '../../src/core/alignment/reportTypes';
import type { AlignmentReport } from '../../src/core/alignment/reportTypes';
import { pct, plural } from '../../src/core/render/format';
import { RANGES } from '../../src/extension/app';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { RepoModel } from '../../src/extension/model/repoModel';
import type { ShownReport } from '../../src/extension/views/report/messages';
import type { ReportPanel } from '../../src/extension/views/report/reportPanel';
import { FIXTURE_TEXT, repoDir, rows, scanned, waitFor, writeStrategy } from './helpers';

const EVIL_BRANCH = 'evil<b>onmouseover=alert(3)</b>';
const EVIL_SUBJECTS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '[x](javascript:alert(1)) | a | `b`'];
const EVIL_TITLE = '<script>alert(1)</script> | [click](javascript:alert(1)) `x` <img src=x onerror=alert(2)>';

describe('The alignment report panel', () => {
  let a: StrategyAlignApi;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir(), encoding: 'utf8' }).trim();
  const model = (): RepoModel => a.app.models.find((m) => m.git)!;
  const report = (): AlignmentReport => model().last!.scan.report;
  const panel = (): ReportPanel => a.reportPanel()!;
  /** What the webview shows once it satisfies `ok` (each render posts it anew). */
  const shown = (what: string, ok: (s: ShownReport) => boolean = () => true) =>
    waitFor(what, () => {
      const s = a.reportPanel()?.shown;
      return s && ok(s) ? s : undefined;
    });
  const commitOn = (branch: string, subjects: string[]) => {
    git('checkout', '-q', '-b', branch, 'main');
    for (const subject of subjects) git('commit', '-q', '--allow-empty', '-m', subject);
    git('checkout', '-q', 'main');
  };
  /** The share chart's rows as the report says they should read. */
  const expectedShareRows = (r: AlignmentReport) => [
    ...r.goals.map((g) => `${pct(g.share)}${g.targetShare === null ? '' : ` / ${pct(g.targetShare)}`}`),
    ...r.unknownGoals.map((u) => pct(u.share)),
    pct(r.untagged.share),
  ];

  before(async () => {
    a = await scanned();
    // Off main, so the other suites' fixture is untouched once the branches are gone: an inversion
    // (#2 gets three commits, #1 one) and a long-running untagged branch with hostile subjects.
    commitOn('mixed-work', [
      'Speed up cart\n\nGoal: faster-checkout',
      ...[1, 2, 3].map((n) => `Signup step ${n}\n\nGoal: self-serve-onboarding`),
    ]);
    commitOn(EVIL_BRANCH, EVIL_SUBJECTS);
    await a.refresh();
  });

  after(async () => {
    a.reportPanel()?.panel.dispose();
    for (const branch of ['mixed-work', EVIL_BRANCH]) git('branch', '-q', '-D', branch);
    writeStrategy(FIXTURE_TEXT);
    await a.app.setMeasure('commits');
    await a.app.setRange('90d');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('strategyAlign.goals.focus');
  });

  it("opens under a strict CSP with one nonce'd script from the extension, which runs and shows the report's numbers", async () => {
    await vscode.commands.executeCommand('strategyAlign.showReport', { repository: repoDir() });
    const s = await shown('the panel to render the report', (x) => x.cards.length > 0);
    const html = panel().html;
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(html)?.[1];
    assert.ok(nonce, 'a nonce for the script');
    assert.match(
      html,
      new RegExp(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;">`,
      ),
    );
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1, 'one script tag');
    assert.match(
      scripts[0],
      new RegExp(`^<script nonce="${nonce}" src="[^"]+/media/report/report\\.js"`),
      "loaded from the extension's media/report",
    );
    assert.deepEqual(
      panel().panel.webview.options.localResourceRoots?.map((u) => u.path.replace(/.*\/(media\/report)$/, '$1')),
      ['media/report'],
    );

    const r = report();
    assert.equal(s.title, 'Strategy alignment · 2026-Q4');
    assert.match(
      s.summary,
      new RegExp(`^since ${r.range.since!.slice(0, 10)} · ${plural(r.totals.commits, 'commit')} · effort by commits`),
    );
    const coverage = /<p class="muted" id="coverage">([^<]*)<\/p>/.exec(html)?.[1];
    assert.match(coverage ?? '', new RegExp(`^Attributed ${pct(r.totals.attributedShare)} of ${plural(r.totals.commits, 'commit')}`));
    assert.deepEqual(
      s.cards.map((c) => [c.id, c.value]),
      [
        ['top', pct(r.alignment.topShare)],
        ['untagged', pct(r.alignment.untaggedShare)],
        ['stopped', pct(r.alignment.stoppedShare)],
        ['correlation', r.alignment.rankCorrelation === null ? 'n/a' : r.alignment.rankCorrelation.toFixed(2)],
      ],
    );
    assert.deepEqual(
      s.shareRows.map((row) => row.value),
      expectedShareRows(r),
    );
    const labels = r.goals.map((g) => `#${g.rank} ${g.title}`).map((l) => (l.length > 42 ? `${l.slice(0, 41)}…` : l));
    assert.deepEqual(
      s.shareRows.slice(0, r.goals.length).map((row) => row.label),
      labels,
    );
    assert.deepEqual(
      s.callouts,
      r.alignment.inversions.map((i) => i.message),
    );
    assert.match(
      s.callouts[0],
      /^#2 'Self-serve onboarding for small teams' got \d+% of the effort, more than #1 'Cut checkout p95 below 400 ms'/,
    );
    assert.equal(s.weeks, r.weeks.length);
    assert.deepEqual(
      s.options,
      { range: RANGES.map((x) => x.id), measure: [...EFFORT_MEASURES], repository: [] },
      'no repository picker with one',
    );
    assert.deepEqual([s.range, s.measure], [a.app.range, a.app.measure]);
  });

  it('shows hostile branch names and goal titles as text: nothing injected, no extra table rows', async () => {
    writeStrategy(FIXTURE_TEXT.replace('title: Self-serve onboarding for small teams', `title: ${JSON.stringify(EVIL_TITLE)}`));
    await vscode.commands.executeCommand('strategyAlign.refresh');
    const s = await shown('the hostile title', (x) => x.goalRows.some((row) => row[1]?.startsWith('<script>')));
    const r = report();
    assert.equal(r.goals[1].title, EVIL_TITLE);
    assert.deepEqual(
      s.dom,
      { scripts: 0, images: 0, links: 0, handlers: 0 },
      'no element, link or handler from the repository in the report',
    );
    assert.deepEqual(s.scripts.filter((src) => src.endsWith('/media/report/report.js')).length, 1, JSON.stringify(s.scripts));
    assert.deepEqual(
      s.branches,
      r.untagged.branches.map((b) => b.name),
    );
    assert.ok(s.branches.includes(EVIL_BRANCH), 'the branch name reads exactly as git has it');
    assert.equal(s.goalRows.length, r.goals.length + 1 + r.unknownGoals.length, 'one row per goal, untagged and unknown id');
    assert.equal(s.goalRows[1][1], `${EVIL_TITLE} self-serve-onboarding`);
    assert.ok(
      s.goalRows.every((row) => row.length === s.goalRows[0].length),
      'the | in the title adds no cell',
    );
    const evil = s.actions.filter((x) => x.branch === EVIL_BRANCH);
    assert.deepEqual(
      evil.map((x) => [x.action, x.label]),
      [
        ['tag', `Tag branch ${EVIL_BRANCH} with a goal`],
        ['open', `Show branch ${EVIL_BRANCH} in the Goals view`],
      ],
    );
  });

  it('re-renders with the measure and the range picked, the same ones the Goals view uses', async () => {
    for (const measure of [...EFFORT_MEASURES].reverse()) {
      assert.equal(await panel().handle({ type: 'setMeasure', measure }), true);
      const s = await shown(`the report by ${measure}`, (x) => x.measure === measure && x.summary.includes(`effort by ${measure}`));
      assert.equal(a.app.measure, measure);
      assert.equal(report().measure, measure, 'the model scanned by the new measure');
      assert.deepEqual(
        s.shareRows.map((row) => row.value),
        expectedShareRows(report()),
      );
      // The Goals view's shares follow the measure and say so.
      const first = (await rows(a))[0];
      assert.match(
        first.description,
        measure === 'commits'
          ? /^\S+ commits? · \d+%( \(target|$)/
          : new RegExp(`· \\d+% of ${measure === 'days' ? 'active days' : 'churn'}`),
        first.description,
      );
    }
    const days = EFFORT_MEASURES.includes('days') ? 'days' : EFFORT_MEASURES[0];
    await panel().handle({ type: 'setMeasure', measure: days });
    await shown('the report by days', (x) => x.measure === days);
    assert.equal(await panel().handle({ type: 'setRange', range: 'all' }), true);
    const s = await shown('the whole history', (x) => x.range === 'all' && x.summary.startsWith('all history'));
    assert.equal(a.app.range, 'all', "the Goals view follows the panel's range");
    assert.equal(report().range.since, null);
    assert.deepEqual(
      s.shareRows.map((row) => row.value),
      expectedShareRows(report()),
    );
    await vscode.commands.executeCommand('strategyAlign.setRange', '30d');
    await shown("the view's range in the panel", (x) => x.range === '30d' && /^since /.test(x.summary));
  });

  it('refuses messages it does not offer: unknown commands, measures, ranges and branches', async () => {
    const before = [a.app.measure, a.app.range];
    for (const message of [
      undefined,
      'setMeasure',
      [],
      { type: 'setMeasure', measure: 'lines' },
      { type: 'setRange', range: '1d' },
      { type: 'setRange', range: { toString: () => 'all' } },
      { type: 'tag', branch: 'main' },
      { type: 'open', branch: '../../etc/passwd' },
      { type: 'tag' },
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'rendered', shown: 'forged' },
    ]) {
      assert.equal(await panel().handle(message), false, JSON.stringify(message));
    }
    assert.deepEqual([a.app.measure, a.app.range], before);
  });

  it('"Show in Goals view" selects the untagged branch in the Goals view', async () => {
    assert.equal(await panel().handle({ type: 'open', branch: EVIL_BRANCH }), true);
    await waitFor('the branch selected in the view', () => {
      const node = a.goalsView.selection[0];
      return node?.kind === 'branch' && node.branch.name === EVIL_BRANCH;
    });
    assert.equal(a.goalsView.visible, true);
  });

  it('"Tag…" tags the branch through Tag Branch… and takes it out of the untagged list', async () => {
    const tagOf = () => {
      try {
        return git('config', `branch.${EVIL_BRANCH}.goal`);
      } catch {
        return undefined; // not set: git config exits 1
      }
    };
    // Answer the goal QuickPick Tag Branch… opens, as a person pressing Enter would. Enter pressed
    // before the workbench has made a row active closes it with no goal, tagging nothing (CI saw it
    // once): a person would then try again, and so does this.
    for (let attempt = 0; attempt < 5 && !tagOf(); attempt++) {
      const done = panel().handle({ type: 'tag', branch: EVIL_BRANCH });
      let settled = false;
      void done.then(() => (settled = true));
      await waitFor('the goal QuickPick to be answered', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled;
      });
      assert.equal(await done, true);
    }
    const goal = tagOf();
    assert.ok(
      a.goals().some((g) => g.id === goal),
      `tagged with a goal of the strategy (${goal})`,
    );
    const s = await shown('the branch gone from Untagged branches', (x) => !x.branches.includes(EVIL_BRANCH));
    assert.deepEqual(
      s.branches,
      report().untagged.branches.map((b) => b.name),
    );
  });

  it('copies and saves the report it shows', async () => {
    await panel().handle({ type: 'copy' });
    const r = report();
    assert.match(
      await vscode.env.clipboard.readText(),
      new RegExp(`^## Strategy alignment · 2026-Q4\\n\\n\\*\\*${plural(r.totals.commits, 'commit')}\\*\\*`),
    );
    const saved = join(tmpdir(), `sa-report-${process.pid}.md`);
    await vscode.commands.executeCommand('strategyAlign.saveReport', { repository: repoDir(), file: saved });
    assert.equal(readFileSync(saved, 'utf8'), await vscode.env.clipboard.readText(), 'the saved Markdown is the copied Markdown');
  });

  it('restores a panel from its saved state (the serializer) without pulling focus, and a re-render elsewhere takes none', async () => {
    a.reportPanel()?.panel.dispose();
    /** Renders posted from now on. */
    const watch = () => {
      const renders: ShownReport[] = [];
      const listener = panel().onDidRender((x) => renders.push(x));
      return { renders, stop: () => listener.dispose() };
    };
    // Where a restart leaves the workbench: the restored panel is the active editor, but workbench
    // focus is not in it (here: in the Explorer, whatever earlier suites left focused).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.explorer');
    const webview = vscode.window.createWebviewPanel(
      'strategyAlign.report',
      'restored',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      {},
    );
    await a.reportSerializer.deserializeWebviewPanel(webview, { repository: repoDir(), focus: 'measure' });
    assert.equal(panel().panel, webview, 'the restored webview is the report panel');
    const s = await shown('the restored panel', (x) => x.cards.length > 0);
    assert.equal(webview.title, `Alignment · ${model().name}`);
    assert.deepEqual(s.cards.map((c) => c.value)[0], pct(report().alignment.topShare));
    assert.equal(s.focused, null, 'the restored page does not pull focus out of the Explorer');
    // Whether focus then comes back into the page depends on when Chromium moves DOM focus into the
    // webview's frame, which was flaky to observe from inside the extension host (2 failures in
    // about 14 full runs); focus kept across re-renders is checked by the UI test, by keyboard.

    // A re-render (while the reader works elsewhere) replaces the page: the webview's state keeps
    // the target, and the new page takes no focus.
    const away = watch();
    await panel().handle({ type: 'refresh' });
    await waitFor('a new render', () => away.renders.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    away.stop();
    assert.deepEqual(
      away.renders.filter((x) => x.focused !== null),
      [],
      'a page rendered while the Explorer has focus does not take it',
    );
  });
});
