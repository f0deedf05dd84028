// npm run test:ui: a person's session, driven by Playwright. code-server runs WITHOUT the
// smoke-test driver and with the built extension installed, on the demo repository; the test
// opens the Strategy Align container, reads the rows from the DOM (checked against the CLI's JSON
// for the same repository), tags the long-running untagged branch through its context menu and
// the goal QuickPick, opens the goal QuickPick from the status bar, runs "Strategy: Refresh" and
// "Strategy: Show Alignment Report" from the command palette, then (in the default dark theme)
// checks the panel's headline against the CLI and re-renders it with the effort-measure picker, then
// compares the last 30 days with the 30 before through the panel's checkbox.
// Screenshots go to test-output/screenshots/ as evidence; `-- --update-screenshot` also refreshes the README's.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, runMain } from './cleanup.mjs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createDemoRepo } from '../demo-repo.mjs';
import { git } from './git.mjs';
import { REPO_ROOT } from './paths.mjs';
import { ensureHost } from './setup.mjs';
import { openWorkbench, runCommand as runWorkbenchCommand, widenSideBar } from './workbench.mjs';

const shots = join(REPO_ROOT, 'test-output', 'screenshots');
/** The product's own number rule (compiled by `npm run compile`), not a copy of it. */
const { correlation, count, pct, plural } = createRequire(import.meta.url)(join(REPO_ROOT, 'out', 'src', 'core', 'render', 'format.js'));
/** The top rows the Goals view must show, from the CLI's JSON report of the same repository. */
function expectedRows(workspace) {
  const report = JSON.parse(
    execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'report', '--format', 'json', '--repo', workspace], {
      encoding: 'utf8',
    }),
  );
  const rows = report.goals
    .filter((g) => g.status !== 'stopped')
    .map((g) => [
      `#${g.rank} ${g.title}`,
      `${plural(g.commits, 'commit')} · ${pct(g.share)}${g.targetShare === null ? '' : ` (target ${pct(g.targetShare)})`}`,
    ]);
  rows.push(
    ['Untagged work', count(report.untagged.branches.length)],
    ['Stop list', count(report.goals.filter((g) => g.status === 'stopped').length)],
  );
  return rows;
}
/** The CLI's JSON report of `workspace`, by `measure`. */
function cliReport(workspace, measure) {
  return JSON.parse(
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'dist', 'cli.js'), 'report', '--format', 'json', '--measure', measure, '--repo', workspace],
      { encoding: 'utf8' },
    ),
  );
}
/** The report panel's four headline cards as the JSON says they should read. */
function headline(report) {
  const a = report.alignment;
  return [pct(a.topShare), pct(a.untaggedShare), pct(a.stoppedShare), correlation(a.rankCorrelation)];
}
/** A webview re-render replaces its page: try an action on it again if its frame went away. */
async function retryDetached(action, attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return await action();
    } catch (error) {
      if (i >= attempts || !/detached|not attached|stable/i.test(String(error?.message))) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
let checks = 0;
/** Called after the assertion or the wait that proves `what`. */
const seen = (what) => {
  checks += 1;
  console.log(`  ✔ ${what}`);
};

/** The Goals view's rows as shown: [label, description] each. */
async function goalRows(page) {
  const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
  await rows.first().waitFor({ timeout: 60_000 });
  return rows.evaluateAll((els) =>
    els.map((el) => [
      el.querySelector('.label-name')?.textContent?.trim() ?? '',
      el.querySelector('.label-description')?.textContent?.trim() ?? '',
    ]),
  );
}

/** For the screenshot: a wider side bar and strategy.yaml open next to its goals. */
async function showcase(page) {
  await widenSideBar(page, 520);
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('strategy.yaml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'strategy.yaml' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor .view-lines', { hasText: 'faster-checkout' }).waitFor();
  // Wait for YAML colouring (tokens other than the default class), then park the mouse.
  await page.waitForFunction(() => document.querySelector('.editor .view-lines span[class^="mtk"]:not(.mtk1)') !== null);
  await page.mouse.move(900, 650);
}

/** The palette's run of `title`, counted as a check once it lists the command. */
const runCommand = (page, title) => runWorkbenchCommand(page, title, () => seen(`the command palette lists "${title}"`));

async function main() {
  const host = ensureHost();
  const root = mkdtempSync(join(tmpdir(), 'sa-ui-'));
  onCleanup('temp folder', () => rmSync(root, { recursive: true, force: true }));
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const workspace = createDemoRepo(join(root, 'workspace'));
  const EXPECTED = expectedRows(workspace);
  const page = await openWorkbench(host, root, workspace);
  const container = page.getByRole('tab', { name: /Strategy Align/ });
  await container.waitFor({ timeout: 60_000 });
  seen('the activity bar shows the Strategy Align container');
  await container.click();

  const sidebarRow = (text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  await sidebarRow('Stop list').waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll('.part.sidebar .monaco-list-row .label-description')].some((d) => d.textContent?.trim() === want),
    EXPECTED[0][1],
    { timeout: 60_000 },
  );
  assert.deepEqual(await goalRows(page), EXPECTED);
  seen('the Goals view lists the ranked goals with the same numbers as the CLI, then Untagged work and the Stop list');
  await page.locator('.part.sidebar .title-actions, .part.sidebar .pane-header').getByRole('button', { name: 'Refresh' }).first().waitFor();
  seen('the Goals view title has the Refresh action');

  await sidebarRow(EXPECTED[0][0]).click();
  await sidebarRow('speed-up-payment').waitFor();
  seen('a goal opens to the branches that serve it');
  await sidebarRow('Untagged work').click();
  await sidebarRow('dark-mode-spike').waitFor();
  seen('Untagged work lists the long-running untagged branch');
  await showcase(page);
  await page.screenshot({ path: join(shots, '01-goals.png') });

  await sidebarRow('dark-mode-spike').hover();
  await page.locator('.monaco-hover, .workbench-hover', { hasText: 'Long-running untagged work' }).first().waitFor();
  seen('hovering the untagged branch says why it is flagged');
  await page.screenshot({ path: join(shots, '02-tooltip.png') });

  await sidebarRow('dark-mode-spike').click({ button: 'right' });
  const menuItem = page.getByRole('menuitem', { name: 'Tag Branch…' }).first();
  await menuItem.waitFor().catch(async (error) => {
    await page.screenshot({ path: join(shots, 'debug-context-menu.png') });
    throw error;
  });
  // VS Code's context menu acts on mouse-up inside its own shadow DOM; drive it by keyboard.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const pick = page.locator('.quick-input-widget');
  await pick
    .locator('.quick-input-list .monaco-list-row', { hasText: '#2 Self-serve onboarding' })
    .waitFor()
    .catch(async (error) => {
      await page.screenshot({ path: join(shots, 'debug-after-menu.png') });
      throw error;
    });
  await page.waitForTimeout(500); // the QuickPick fades in
  await page.screenshot({ path: join(shots, '03-tag-quickpick.png') });
  seen('Tag Branch… opens the goal QuickPick with the ranked goals');
  await pick.locator('.quick-input-list .monaco-list-row', { hasText: '#2 Self-serve onboarding' }).click();
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.part.sidebar .monaco-list-row')].some(
        (r) => r.textContent?.includes('dark-mode-spike') && r.querySelector('.codicon-warning'),
      ),
    undefined,
    { timeout: 30_000 },
  );
  assert.equal(git(workspace, ['config', 'branch.dark-mode-spike.goal']), 'self-serve-onboarding');
  seen('picking a goal tags the branch in git config and takes it out of Untagged work');

  const status = page.locator('.statusbar-item', { hasText: 'No goal (base branch)' }).first();
  await status.waitFor();
  await status.click();
  await pick.locator('.quick-input-list .monaco-list-row', { hasText: '#1 Cut checkout' }).waitFor();
  seen('on the base branch the status bar says so quietly, and opens the goal QuickPick');
  await page.keyboard.press('Escape');

  // New untagged work for the report's branch actions, made outside the editor (as a terminal would).
  // (commit-tree, so HEAD stays on main and no "which goal?" prompt comes up).
  let tip = git(workspace, ['rev-parse', 'main']);
  for (const n of [1, 2, 3]) tip = git(workspace, ['commit-tree', `${tip}^{tree}`, '-p', tip, '-m', `Search ranking experiment ${n}`]);
  git(workspace, ['branch', 'search-spike', tip]);
  await runCommand(page, 'Strategy: Refresh');
  await sidebarRow(EXPECTED[0][0]).waitFor();
  seen('Strategy: Refresh runs from the command palette');
  // The report in VS Code's default dark theme (the README's screenshot), with the side bar closed.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ })
    .first()
    .click();
  await page.locator('.quick-input-widget input[placeholder*="Theme"]').waitFor();
  await page.locator('.quick-input-widget input').fill('Dark Modern');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-workbench.vs-dark').waitFor();
  seen('the workbench follows the dark theme');
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'Strategy: Show Alignment Report');
  await page.locator('.tab', { hasText: 'Alignment · workspace' }).waitFor();
  const report = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await report
    .locator('h1', { hasText: 'Strategy alignment' })
    .waitFor({ timeout: 30_000 })
    .catch(async (error) => {
      await page.screenshot({ path: join(shots, 'debug-report.png') });
      throw error;
    });
  seen('Strategy: Show Alignment Report opens the report panel, rendered inside the webview');
  /** The headline cards once they read `expected` (a re-render replaces the webview's page). */
  const cards = async (expected) => {
    const deadline = Date.now() + 30_000;
    let shown;
    while (Date.now() < deadline) {
      shown = await report
        .locator('[data-card] .value')
        .allTextContents()
        .catch(() => []);
      if (JSON.stringify(shown) === JSON.stringify(expected)) return shown;
      await page.waitForTimeout(200);
    }
    assert.deepEqual(shown, expected);
  };
  /** Waits until the webview has keyboard focus on the element with this id (the script restores
   *  focus on load; the workbench hands keyboard focus to the new page a moment later). */
  const focusedIs = async (id) => {
    const deadline = Date.now() + 10_000;
    let focused;
    while (Date.now() < deadline) {
      focused = await report
        .locator('body')
        .evaluate(() => (document.hasFocus() ? (document.activeElement?.id ?? null) : 'outside the webview'))
        .catch(() => null);
      if (focused === id) return;
      await page.waitForTimeout(100);
    }
    assert.equal(focused, id, 'focused element in the report');
  };
  const byCommits = cliReport(workspace, 'commits');
  await cards(headline(byCommits));
  seen("the panel's headline numbers are the CLI's JSON numbers");

  // The range picker by keyboard alone: arrow keys on the focused <select>, then Tab onwards.
  const range = report.getByLabel('Time range');
  await range.focus();
  await page.keyboard.press('ArrowDown');
  await report.locator('#summary', { hasText: /^\d{4}-Q[1-4] \(since / }).waitFor();
  await focusedIs('range');
  assert.equal(await retryDetached(() => range.inputValue()), 'this-quarter');
  seen('the range picker works from the keyboard: the panel re-renders over this quarter, focus kept on it');
  await page.keyboard.press('ArrowUp');
  await report.locator('#summary', { hasText: /^since / }).waitFor();
  await focusedIs('range');
  await page.keyboard.press('Tab');
  await focusedIs('measure');
  seen('back to 90 days by keyboard; Tab moves from the range to the measure picker');

  // The measure picker, as a person uses it: a real <select> in the webview.
  const measure = report.getByLabel('Effort measure');
  await measure.focus();
  await measure.selectOption('days');
  await report.locator('#summary', { hasText: 'effort by days' }).waitFor();
  await cards(headline(cliReport(workspace, 'days')));
  await focusedIs('measure');
  seen('picking "Active days" re-renders the panel by days, with the CLI\'s numbers, focus kept on the picker');
  await measure.selectOption('commits');
  await report.locator('#summary', { hasText: 'effort by commits' }).waitFor();
  await cards(headline(byCommits));
  seen('and back to commits');
  // Focus off the picker and the mouse away, for a quiet screenshot; then the lower half.
  await retryDetached(() => measure.evaluate((el) => el.blur()));
  await page.mouse.move(1270, 700);
  await page.screenshot({ path: join(shots, '05-report.png') });
  await retryDetached(() => report.locator('#goals-h').evaluate((el) => el.scrollIntoView()));
  await page.screenshot({ path: join(shots, '06-report-weekly.png') });

  // "Show in Goals view" on the untagged branch: a real click in the webview reveals its row.
  const show = report.getByRole('button', { name: 'Show branch search-spike in the Goals view' });
  await retryDetached(() => show.click());
  await page.locator('.part.sidebar .monaco-list-row.selected', { hasText: 'search-spike' }).waitFor();
  seen('"Show in Goals view" in the report opens the side bar with the untagged branch selected');
  await page.screenshot({ path: join(shots, '07-report-show-branch.png') });

  // The last 30 days beside the 30 before (the README's comparison screenshot): earlier work, dated
  // 35 to 55 days back, made outside the editor on a branch of its own.
  let past = git(workspace, ['rev-parse', 'main']);
  for (const [days, goal] of [
    [55, 'faster-checkout'],
    [50, 'legacy-admin-ui'],
    [45, 'faster-checkout'],
    [40, 'legacy-admin-ui'],
    [35, 'faster-checkout'],
  ]) {
    const date = new Date(Date.now() - days * 86_400_000).toISOString();
    past = git(workspace, ['commit-tree', `${past}^{tree}`, '-p', past, '-m', `Earlier work\n\nGoal: ${goal}`], {
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
  }
  git(workspace, ['branch', 'earlier-work', past]);
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'Strategy: Refresh');
  await retryDetached(() => report.getByLabel('Time range').selectOption('30d'));
  await report.locator('#summary', { hasText: /^since / }).waitFor();
  await retryDetached(() => report.getByLabel('Compare with previous period').check());
  const expected = JSON.parse(
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'dist', 'cli.js'), 'report', '--format', 'json', '--since', '30d', '--compare', 'previous', '--repo', workspace],
      {
        encoding: 'utf8',
      },
    ),
  ).comparison.summary;
  const deadline = Date.now() + 30_000;
  let summary = [];
  while (Date.now() < deadline && JSON.stringify(summary) !== JSON.stringify(expected)) {
    summary = await report
      .locator('.compare-summary li')
      .allTextContents()
      .catch(() => []);
    if (JSON.stringify(summary) !== JSON.stringify(expected)) await page.waitForTimeout(200);
  }
  assert.deepEqual(summary, expected);
  seen('"Compare with previous period" shows the CLI\'s comparison of the last 30 days with the 30 before');
  await retryDetached(() => report.locator('#compare-h').evaluate((el) => el.scrollIntoView()));
  await page.mouse.move(1270, 700);
  await page.screenshot({ path: join(shots, '08-report-compare.png') });
  if (process.argv.includes('--update-screenshot')) {
    copyFileSync(join(shots, '01-goals.png'), join(REPO_ROOT, 'media', 'screenshot-goals.png'));
    copyFileSync(join(shots, '05-report.png'), join(REPO_ROOT, 'media', 'screenshot-report.png'));
    copyFileSync(join(shots, '08-report-compare.png'), join(REPO_ROOT, 'media', 'screenshot-compare.png'));
  }
  console.log(`[ui] ${checks} checks passed; screenshots in ${shots}`);
  return 0;
}

await runMain(main, (error) => `[ui] FAILED after ${checks} checks: ${error.message}`);
