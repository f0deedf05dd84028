// npm run test:ui: a person's session, driven by Playwright. code-server runs WITHOUT the
// smoke-test driver and with the built extension installed; the test opens the Strategy Align
// container, reads the goal rows from the DOM, runs "Strategy: Refresh" from the command
// palette and checks the rows again. Screenshots go to test-output/screenshots/ as evidence;
// `npm run test:ui -- --update-screenshot` also refreshes media/screenshot-goals.png (README).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { cleanupOnSignals, onCleanup, runCleanups } from './cleanup.mjs';
import { createFixtureRepo } from './fixture.mjs';
import { REPO_ROOT } from './paths.mjs';
import { startCodeServer, workbenchUrl } from './server.mjs';
import { ensureHost } from './setup.mjs';

const shots = join(REPO_ROOT, 'test-output', 'screenshots');
const EXPECTED = [
  ['#1 Cut checkout p95 below 400 ms', 'faster-checkout · active'],
  ['#2 Self-serve onboarding for small teams', 'self-serve-onboarding · active'],
  ['#3 Offline mode in the mobile app', 'mobile-offline · paused'],
  ['#4 New features in the legacy admin UI', 'legacy-admin-ui · stopped'],
];
let checks = 0;
/** Called after the assertion or the wait that proves `what`. */
const seen = (what) => { checks += 1; console.log(`  ✔ ${what}`); };

/** The Goals view's rows as shown: [label, description] each. */
async function goalRows(page) {
  const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
  await rows.first().waitFor({ timeout: 60_000 });
  return rows.evaluateAll((els) => els.map((el) => [
    el.querySelector('.label-name')?.textContent?.trim() ?? '',
    el.querySelector('.label-description')?.textContent?.trim() ?? '',
  ]));
}

/** For the screenshot: a wider side bar and strategy.yaml open next to its goals. */
async function showcase(page) {
  const sash = (await page.locator('.part.sidebar').boundingBox());
  await page.mouse.move(sash.x + sash.width + 1, sash.y + 200);
  await page.mouse.down();
  await page.mouse.move(sash.x + 520, sash.y + 200, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('strategy.yaml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'strategy.yaml' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor .view-lines', { hasText: 'faster-checkout' }).waitFor();
  // Wait for YAML colouring (tokens other than the default class), then park the mouse.
  await page.waitForFunction(() => document.querySelector('.editor .view-lines span[class^="mtk"]:not(.mtk1)') !== null);
  await page.mouse.move(900, 650);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await entry.waitFor();
  await page.screenshot({ path: join(shots, '03-command-palette.png') });
  seen(`the command palette lists "${title}"`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function main() {
  const host = ensureHost();
  const root = mkdtempSync(join(tmpdir(), 'sa-ui-'));
  onCleanup('temp folder', () => rmSync(root, { recursive: true, force: true }));
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const workspace = createFixtureRepo(join(root, 'workspace'));
  const server = await startCodeServer({ host, root, extension: true });
  onCleanup('code-server', () => server.stop());
  const browser = await launchBrowser(root);
  onCleanup('browser', () => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.setDefaultTimeout(30_000);

  await page.goto(workbenchUrl(server, workspace));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const container = page.getByRole('tab', { name: /Strategy Align/ });
  await container.waitFor({ timeout: 60_000 });
  seen('the activity bar shows the Strategy Align container');
  await container.click();

  const rows = await goalRows(page);
  assert.deepEqual(rows, EXPECTED);
  seen('the Goals view lists the four goals in rank order, with id and status');
  // A container with a single view shows the view's title actions in the side bar's title.
  await page.locator('.part.sidebar .title-actions, .part.sidebar .pane-header').getByRole('button', { name: 'Refresh' }).first().waitFor();
  seen('the Goals view title has the Refresh action');
  await showcase(page);
  await page.screenshot({ path: join(shots, '01-goals.png') });

  await page.locator('.part.sidebar .monaco-list-row', { hasText: '#1 Cut checkout' }).hover();
  await page.locator('.monaco-hover, .workbench-hover', { hasText: 'Checkout latency is our top churn driver' }).first().waitFor();
  seen('hovering a goal shows why it matters');
  await page.screenshot({ path: join(shots, '02-tooltip.png') });

  const file = join(workspace, 'strategy.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Cut checkout p95 below 400 ms', 'Cut checkout p95 below 250 ms'));
  await runCommand(page, 'Strategy: Refresh');
  await page.locator('.part.sidebar .monaco-list-row', { hasText: '#1 Cut checkout p95 below 250 ms' }).waitFor();
  const after = await goalRows(page);
  assert.deepEqual(after, [['#1 Cut checkout p95 below 250 ms', EXPECTED[0][1]], ...EXPECTED.slice(1)]);
  seen('after Strategy: Refresh the view shows the edited strategy.yaml');
  await page.screenshot({ path: join(shots, '04-after-refresh.png') });
  if (process.argv.includes('--update-screenshot')) copyFileSync(join(shots, '01-goals.png'), join(REPO_ROOT, 'media', 'screenshot-goals.png'));
  console.log(`[ui] ${checks} checks passed; screenshots in ${shots}`);
  return 0;
}

cleanupOnSignals();
let status = 1;
try {
  status = await main();
} catch (error) {
  console.error(`[ui] FAILED after ${checks} checks: ${error.message}`);
} finally {
  await runCleanups();
}
process.exit(status);
