// The tests module the extension host loads (the @vscode/test-electron contract: `run()`),
// used both by code-server's development payload and by `npm run test:electron`.
// It runs every *.test.js next to it with mocha and writes the results, with the host's
// identity read here inside the host, to $STRATEGY_ALIGN_TEST_OUTPUT.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Tags the reporter's lines so a runner can pick them out of the host's console. */
export const LOG_TAG = '[strategy-align-tests]';
const log = (...args: unknown[]) => console.log(`${LOG_TAG} ${format(...args)}`);

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const output = process.env.STRATEGY_ALIGN_TEST_OUTPUT ?? resolve(__dirname, '../../../test-output/integration.json');
  Mocha.reporters.Base.consoleLog = log;
  // STRATEGY_ALIGN_GREP (from INTEGRATION_GREP) runs only the matching tests, while developing.
  const grep = process.env.STRATEGY_ALIGN_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // Only suites whose source still exists: tsc never deletes the output of a removed test.
  const sources = resolve(__dirname, '../../../test/integration');
  // STRATEGY_ALIGN_SUITE picks a run's own suite (multiroot, untrusted); the main run takes the rest.
  const suite = process.env.STRATEGY_ALIGN_SUITE ?? 'main';
  const special: Record<string, string[]> = {
    multiroot: ['multiroot.test.js'],
    untrusted: ['untrusted.test.js'],
    gitdisabled: ['gitdisabled.test.js'],
    edge: ['edge.test.js', 'hostile.test.js'],
    sync: ['sync.test.js'],
    nogit: ['nogit.test.js'],
    packaged: ['packaged.test.js'],
  };
  const own = Object.values(special).flat();
  const suites = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && existsSync(join(sources, f.replace(/\.js$/, '.ts'))))
    .filter((f) => (suite === 'main' ? !own.includes(f) : special[suite]?.includes(f)));
  for (const file of suites.sort()) mocha.addFile(join(__dirname, file));

  const tests: TestResult[] = [];
  const startedAt = new Date().toISOString();
  const stats = await new Promise<Mocha.Stats | undefined>((done) => {
    const runner = mocha.run(() => done(runner.stats));
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, error) =>
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: String(error?.stack ?? error) }),
    );
  });

  mkdirSync(dirname(output), { recursive: true });
  const vscodeInfo = {
    version: vscode.version,
    appName: vscode.env.appName,
    uiKind: vscode.UIKind[vscode.env.uiKind],
    remoteName: vscode.env.remoteName ?? null,
  };
  writeFileSync(
    output,
    `${JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), vscode: vscodeInfo, stats, tests }, null, 2)}\n`,
  );
  log(`results written to ${output}`);

  const failed = tests.filter((t) => t.state === 'failed').length;
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  if (!tests.some((t) => t.state === 'passed')) throw new Error('no integration test ran');
}
