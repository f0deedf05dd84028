// npm run test:integration: the compiled suites of test/integration inside a real VS Code
// (code-server from the cached host), loaded through VS Code's development payload.
// Fails when the host does not start, when a test fails, or when no test ran at all.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { onCleanup, runCleanups, runMain } from './cleanup.mjs';
import { createEdgeWorkspace } from './edge-fixture.mjs';
import { createFixtureRepo, createMultiRootWorkspace, createSyncWorkspace } from './fixture.mjs';
import { REPO_ROOT } from './paths.mjs';
import { startCodeServer, workbenchUrl } from './server.mjs';
import { ensureHost } from './setup.mjs';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 5 * 60_000);
const outDir = join(REPO_ROOT, 'test-output');
const resultFile = join(outDir, 'integration.json');
const testsModule = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');

const LOG_TAG = '[strategy-align-tests] '; // test/integration/index.ts tags the reporter's lines

/**
 * The extension host's console reaches the page console as ('%c INFO', css, text); print the
 * test reporter's lines, in order (everything with INTEGRATION_VERBOSE=1).
 */
function relayConsole(page) {
  let queue = Promise.resolve();
  page.on('console', (message) => {
    queue = queue.then(async () => {
      const args = await Promise.all(message.args().map((a) => a.jsonValue().catch(() => '?')));
      const text = args.length >= 3 && /^%c/.test(String(args[0])) ? format(...args.slice(2)) : message.text();
      if (text.startsWith(LOG_TAG)) console.log(text.slice(LOG_TAG.length));
      else if (process.env.INTEGRATION_VERBOSE) console.log(`[page] ${text}`);
    });
  });
}

/**
 * The runs: the main suites on one fixture repository; `multiroot.test` on a workspace of two
 * repositories; `untrusted.test` with workspace trust ON, so the folder opens in Restricted Mode;
 * `gitdisabled.test` with the built-in git extension turned off (git.enabled: false); `edge.test` and
 * `hostile.test` on five repositories: empty, detached HEAD, no base branch, odd and hostile names;
 * `sync.test` on a clone of a bare origin (pushes, pulls and merges elsewhere change its history);
 * `nogit.test` with a PATH that has every program but git; `packaged.test` against the .vsix as
 * users install it (see packagedRun).
 */
const RUNS = [
  { suite: 'main', result: resultFile, workspace: (root) => createFixtureRepo(join(root, 'workspace')) },
  { suite: 'multiroot', result: join(outDir, 'integration-multiroot.json'), workspace: (root) => createMultiRootWorkspace(root) },
  {
    suite: 'untrusted',
    result: join(outDir, 'integration-untrusted.json'),
    workspace: (root) => createFixtureRepo(join(root, 'workspace')),
    trust: true,
  },
  {
    suite: 'gitdisabled',
    result: join(outDir, 'integration-gitdisabled.json'),
    workspace: (root) => createFixtureRepo(join(root, 'workspace')),
    settings: { 'git.enabled': false },
  },
  { suite: 'sync', result: join(outDir, 'integration-sync.json'), workspace: (root) => createSyncWorkspace(root) },
  { suite: 'edge', result: join(outDir, 'integration-edge.json'), workspace: (root) => createEdgeWorkspace(root) },
  {
    suite: 'nogit',
    result: join(outDir, 'integration-nogit.json'),
    workspace: (root) => createFixtureRepo(join(root, 'workspace')),
    env: (root) => ({ PATH: pathWithoutGit(root), VSCODE_CLI: '1' }),
  }, // VSCODE_CLI: no login-shell env (it would restore PATH)
  {
    suite: 'packaged',
    result: join(outDir, 'integration-packaged.json'),
    workspace: (root) => createFixtureRepo(join(root, 'workspace')),
    packaged: true,
  },
];

/**
 * The packaged run: `npm run package`'s function writes the .vsix from dist/ and .vscodeignore, and
 * code-server's `--install-extension` installs it into the run's fresh extensions folder. VS Code
 * runs a tests module only beside a development extension (no extensionDevelopmentPath: "Cannot
 * load test runner"), so the payload names a tiny runner extension of another id that contributes
 * nothing: the repository itself is never loaded as an extension, and the tests drive the
 * installed copy.
 */
async function packagedRun(root) {
  const { packageExtension, vsixName } = await import('../package.mjs');
  const { path, bytes } = await packageExtension({ out: join(root, vsixName()), quiet: true });
  console.log(`[integration] packaged: ${vsixName()}, ${bytes} bytes`);
  const runner = join(root, 'test-runner');
  mkdirSync(runner, { recursive: true });
  const manifest = {
    name: 'packaged-test-runner',
    publisher: 'strategy-align-tests',
    version: '0.0.0',
    engines: { vscode: '*' },
    description: 'Carries the tests module of the packaged run.',
  };
  writeFileSync(join(runner, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { vsix: path, developmentPath: runner, env: { STRATEGY_ALIGN_EXTENSIONS_DIR: join(root, 'extensions') } };
}

/** A PATH like this one, but without git: a folder of links to every other program on it. */
function pathWithoutGit(root) {
  const bin = join(root, 'bin-without-git');
  mkdirSync(bin, { recursive: true });
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean).reverse()) {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (name === 'git' || name.startsWith('git-')) continue;
      rmSync(join(bin, name), { force: true });
      try {
        symlinkSync(join(dir, name), join(bin, name));
      } catch {
        /* unreadable entry: skip */
      }
    }
  }
  return bin;
}

async function runOnce(host, run) {
  const root = mkdtempSync(join(tmpdir(), `sa-integration-${run.suite}-`));
  onCleanup(`temp folder (${run.suite})`, () => rmSync(root, { recursive: true, force: true }));
  rmSync(run.result, { force: true });
  const workspace = run.workspace(root);
  const packaged = run.packaged ? await packagedRun(root) : undefined;
  const server = await startCodeServer({
    host,
    root,
    smokeTestDriver: true,
    vsix: packaged?.vsix,
    trust: run.trust,
    settings: run.settings,
    env: {
      ...(run.env?.(root) ?? {}),
      ...(packaged?.env ?? {}),
      STRATEGY_ALIGN_TEST_OUTPUT: run.result,
      STRATEGY_ALIGN_SUITE: run.suite,
      STRATEGY_ALIGN_GREP: process.env.INTEGRATION_GREP ?? '',
    },
  });
  onCleanup(`code-server (${run.suite})`, async () => {
    await server.stop();
    copyFileSync(server.logFile, join(outDir, `code-server-integration-${run.suite}.log`));
  });
  console.log(`[integration] ${run.suite}: code-server pid ${server.pid} on ${server.url}`);
  const browser = await launchBrowser(root);
  onCleanup(`browser (${run.suite})`, () => browser.close());
  const page = await browser.newPage();
  relayConsole(page);
  // The workbench calls window.codeAutomationExit(code) once the tests module's run() settles.
  let settle;
  const exitCode = new Promise((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => settle(code));
  const serverDied = server.exited.then((code) => {
    throw new Error(`code-server exited (${code}) during the run`);
  });
  serverDied.catch(() => {}); // it also "dies" when cleanup stops it: only the race below cares
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  await page.goto(
    workbenchUrl(server, workspace, { extensionDevelopmentPath: packaged?.developmentPath ?? REPO_ROOT, extensionTestsPath: testsModule }),
  );
  const code = await Promise.race([exitCode, serverDied, timeout]).finally(() => clearTimeout(timer));
  await runCleanups();
  if (!existsSync(run.result)) throw new Error(`the ${run.suite} run exited with ${code} and wrote no ${run.result}`);
  const result = JSON.parse(readFileSync(run.result, 'utf8'));
  return { result, code };
}

async function main() {
  for (const [file, fix] of [
    [testsModule, 'npm run compile'],
    [join(REPO_ROOT, 'dist', 'extension.js'), 'npm run build'],
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run ${fix}`);
  }
  const started = Date.now();
  const host = ensureHost();
  mkdirSync(outDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  let empty = [];
  let version = '';
  // While developing: INTEGRATION_RUNS=main,untrusted picks runs, INTEGRATION_GREP=words picks tests.
  const picked = process.env.INTEGRATION_RUNS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const runs = picked?.length ? RUNS.filter((r) => picked.includes(r.suite)) : RUNS;
  for (const run of runs) {
    const { result, code } = await runOnce(host, run);
    const p = result.tests.filter((t) => t.state === 'passed').length;
    const f = result.tests.filter((t) => t.state === 'failed').length;
    if (p === 0) empty.push(run.suite);
    if (code !== 0 && f === 0) failed += 1; // the host failed outside any test
    passed += p;
    failed += f;
    version = `${result.vscode.appName} ${result.vscode.version}`;
  }
  console.log(`[integration] ${version}, ${runs.length} runs, ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  if (empty.length) console.error(`[integration] FAILED: no integration test ran in: ${empty.join(', ')}`);
  return failed > 0 || empty.length > 0 ? 1 : 0;
}

await runMain(main, (error) => `[integration] ${error.message}`);
