// npm run test:electron: the SAME integration suites in desktop VS Code, downloaded by
// @vscode/test-electron (needs update.code.visualstudio.com, so it is not part of npm test or CI).
//   npm run build && npm run compile && npm run test:electron     (VSCODE_VERSION=1.139.1 by default)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createFixtureRepo } from './fixture.mjs';
import { REPO_ROOT, VSCODE_VERSION } from './paths.mjs';

const root = mkdtempSync(join(tmpdir(), 'sa-electron-'));
let status = 1;
try {
  const workspace = createFixtureRepo(join(root, 'workspace'));
  await runTests({
    version: process.env.VSCODE_VERSION ?? VSCODE_VERSION,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { STRATEGY_ALIGN_TEST_OUTPUT: join(REPO_ROOT, 'test-output', 'integration-electron.json') },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir',
      join(root, 'user-data'),
      '--extensions-dir',
      join(root, 'extensions'),
    ],
  });
  status = 0;
} catch (error) {
  console.error(`[test:electron] ${error.message ?? error}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(status);
