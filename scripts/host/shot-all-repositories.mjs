// node scripts/host/shot-all-repositories.mjs [--update-screenshot]: the README's screenshot of a
// multi-root workspace (issue 15), taken from the real host: code-server with the built extension
// (as npm run test:ui), two repositories sharing the demo strategy ("shop" is npm start's demo,
// "mobile" is made here), the Goals view's *All repositories* row opened, and the report panel on
// *All repositories* beside it. Checks on the way that the row and the panel show the CLI's
// combined numbers (`report --repo shop --repo mobile`). Run after `npm run build`.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup, runMain } from './cleanup.mjs';
import { createDemoRepo } from '../demo-repo.mjs';
import { git } from './git.mjs';
import { REPO_ROOT } from './paths.mjs';
import { ensureHost } from './setup.mjs';
import { openWorkbench, runCommand, widenSideBar } from './workbench.mjs';

const shots = join(REPO_ROOT, 'test-output', 'screenshots');
const DAY = 86_400_000;

/** A second repository under the same strategy: some checkout and onboarding work, an untagged spike. */
function createMobileRepo(dir, strategy) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(dir, ['config', 'user.name', 'Mobile Dev']);
  git(dir, ['config', 'user.email', 'mobile@example.com']);
  writeFileSync(join(dir, 'strategy.yaml'), strategy);
  git(dir, ['add', 'strategy.yaml']);
  const at = (daysAgo) => new Date(Date.now() - daysAgo * DAY).toISOString();
  const commit = (message, daysAgo) =>
    git(dir, ['commit', '--quiet', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: at(daysAgo), GIT_COMMITTER_DATE: at(daysAgo) });
  commit('Mobile app skeleton', 30);
  for (const [n, days] of [
    [1, 20],
    [2, 16],
    [3, 12],
  ])
    commit(`Faster card form ${n}\n\nGoal: faster-checkout`, days);
  commit('First-run tips\n\nGoal: self-serve-onboarding', 9);
  git(dir, ['switch', '--quiet', '-c', 'widget-spike']);
  for (const n of [1, 2, 3, 4, 5, 6]) commit(`Home screen widget ${n}`, 14 - n);
  git(dir, ['switch', '--quiet', 'main']);
}

async function main() {
  const host = ensureHost();
  const root = mkdtempSync(join(tmpdir(), 'sa-shot-'));
  onCleanup('temp folder', () => rmSync(root, { recursive: true, force: true }));
  mkdirSync(shots, { recursive: true });
  const shop = createDemoRepo(join(root, 'shop'));
  const mobile = join(root, 'mobile');
  createMobileRepo(mobile, git(shop, ['show', 'HEAD:strategy.yaml']) + '\n');
  const file = join(root, 'all.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: [{ path: 'shop' }, { path: 'mobile' }] }));
  const cli = JSON.parse(
    execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'report', '--format', 'json', '--repo', shop, '--repo', mobile], {
      encoding: 'utf8',
    }),
  );

  const page = await openWorkbench(host, root, file);
  await page.getByRole('tab', { name: /Strategy Align/ }).click({ timeout: 60_000 });
  const row = (text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  await row('All repositories').waitFor({ timeout: 60_000 });
  const description = (await row('All repositories').locator('.label-description').textContent())?.trim();
  assert.equal(description, `${cli.totals.commits} commits · 2 repositories`);
  // A wider side bar (the descriptions whole), then the row opened: the stopped goal with work shows only under it.
  await widenSideBar(page, 470);
  await row('All repositories').locator('.monaco-tl-twistie').click();
  await row('#4 New features in the legacy admin UI').waitFor();

  await runCommand(page, 'Strategy: Show Alignment Report for All Repositories');
  await page.locator('.tab', { hasText: 'Alignment · All repositories' }).waitFor();
  const report = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await report.locator('table.repositories').waitFor();
  const names = await report.locator('table.repositories tbody th').allTextContents();
  assert.deepEqual(names, ['mobile', 'shop']);
  await report.locator('#repos-h').evaluate((el) => el.scrollIntoView());
  await page.mouse.move(1270, 700);
  await page.screenshot({ path: join(shots, 'all-repositories.png') });
  if (process.argv.includes('--update-screenshot'))
    copyFileSync(join(shots, 'all-repositories.png'), join(REPO_ROOT, 'media', 'screenshot-all-repositories.png'));
  console.log(`[shot] All repositories: ${cli.totals.commits} commits in the row and the panel's table as the CLI; screenshot in ${shots}`);
  return 0;
}

await runMain(main, (error) => `[shot] FAILED: ${error.message}`);
