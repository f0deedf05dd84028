// What the Playwright sessions (run-ui.mjs, shot-all-repositories.mjs) do in the workbench alike.
import { launchBrowser } from './browser.mjs';
import { onCleanup } from './cleanup.mjs';
import { startCodeServer, workbenchUrl } from './server.mjs';

/** Runs `title` from the command palette; `listed()` is called once the palette lists it. */
export async function runCommand(page, title, listed = () => {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  listed();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Drags the side bar's edge to `width` pixels (whole descriptions in the screenshots). */
export async function widenSideBar(page, width) {
  const sash = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(sash.x + sash.width + 1, sash.y + 200);
  await page.mouse.down();
  await page.mouse.move(sash.x + width, sash.y + 200, { steps: 5 });
  await page.mouse.up();
}

/**
 * code-server with the built extension installed and a browser page on `folder` (a folder or a
 * .code-workspace file), the workbench loaded; both stopped at exit.
 */
export async function openWorkbench(host, root, folder) {
  const server = await startCodeServer({ host, root, extension: true });
  onCleanup('code-server', () => server.stop());
  const browser = await launchBrowser(root);
  onCleanup('browser', () => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.setDefaultTimeout(30_000);
  await page.goto(workbenchUrl(server, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}
