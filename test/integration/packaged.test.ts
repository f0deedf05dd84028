// The extension as users install it. The `packaged` run (scripts/host/run-integration.mjs) writes
// the .vsix with `npm run package`'s function, installs it with code-server's --install-extension
// into a fresh extensions folder, and loads only this tests module beside a runner extension of
// another id: every check here drives the installed copy, so a file that .vscodeignore wrongly
// leaves out fails one of them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, repoDir, rows, scanned, waitFor } from './helpers';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { RepoModel } from '../../src/extension/model/repoModel';

/** What vsce adds beside the package's own files, and the documents a gallery shows. */
const PACKAGE_DOCUMENTS = ['.vsixmanifest', 'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt'];
/** Files the code loads by path rather than through package.json (the report panel's script). */
const LOADED_BY_CODE = ['media/report/report.js'];

/** Every file below `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** The files package.json names: main, icon, and every dist/ or media/ path in `contributes`. */
function manifestFiles(manifest: { main: string; icon: string; contributes: unknown }): string[] {
  const found = new Set([manifest.main, manifest.icon].map((f) => f.replace(/^\.\//, '')));
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && /^(\.\/)?(dist|media)\/[^\s]+\.\w+$/.test(value)) found.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.contributes);
  return [...found].sort();
}

describe('The packaged extension, installed from its .vsix', () => {
  let a: StrategyAlignApi;
  const installed = () => extension();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir(), encoding: 'utf8' }).trim();
  const model = (): RepoModel => a.app.models.find((m) => m.git)!;

  before(async () => {
    a = await scanned();
  });

  after(async () => {
    a.reportPanel()?.panel.dispose();
    git('checkout', '-q', 'main');
  });

  it('is the copy installed by --install-extension into the fresh extensions folder, not a development one', () => {
    const dir = process.env.STRATEGY_ALIGN_EXTENSIONS_DIR;
    assert.ok(dir, 'the packaged run names the extensions folder');
    const ext = installed();
    const { version } = ext.packageJSON as { version: string };
    assert.equal(relative(realpathSync(dir), realpathSync(ext.extensionPath)), `${EXTENSION_ID}-${version}`);
    assert.deepEqual(
      vscode.extensions.all.filter((e) => e.id.startsWith('strategy-align.')).map((e) => e.id),
      [EXTENSION_ID],
      'one copy of the extension',
    );
    assert.ok(ext.isActive, 'activated by workspaceContains:strategy.yaml');
  });

  it('ships every file its manifest names and the code loads, and nothing else: no maps, sources, tests or screenshots', () => {
    const ext = installed();
    const shipped = filesUnder(ext.extensionPath);
    const needed = [...manifestFiles(ext.packageJSON), ...LOADED_BY_CODE];
    assert.deepEqual(
      needed.filter((f) => !shipped.includes(f)),
      [],
      'files the installed extension needs but the .vsix left out',
    );
    assert.deepEqual(
      shipped.filter((f) => !needed.includes(f) && !PACKAGE_DOCUMENTS.includes(f)),
      [],
      'files shipped that nothing uses',
    );
    assert.doesNotMatch(
      readFileSync(join(ext.extensionPath, ext.packageJSON.main as string), 'utf8'),
      /sourceMappingURL/,
      'the bundle names no source map',
    );
    const schema = JSON.parse(readFileSync(join(ext.extensionPath, 'dist', 'strategy.schema.json'), 'utf8')) as {
      properties?: Record<string, unknown>;
    };
    assert.ok(schema.properties?.goals, 'the yamlValidation schema describes goals');
  });

  it("shows the fixture's ranked goals in the Goals view and the quiet status on the base branch", async () => {
    const labels = (await rows(a)).map((r) => r.label);
    assert.deepEqual(labels.slice(0, 3), [
      '#1 Cut checkout p95 below 400 ms',
      '#2 Self-serve onboarding for small teams',
      '#3 Offline mode in the mobile app',
    ]);
    await waitFor('the status bar on main', () => a.app.status.state.visible && a.app.status.text === '$(target) No goal (base branch)');
  });

  it('tags a branch with strategyAlign.tagBranch: git config reads it back and the status bar follows', async () => {
    git('checkout', '-q', '-b', 'packaged-topic');
    git('commit', '-q', '--allow-empty', '-m', 'Work on the packaged topic');
    await waitFor('the git extension to see the new HEAD', () => model().currentBranch === 'packaged-topic');
    await vscode.commands.executeCommand('strategyAlign.tagBranch', {
      repository: repoDir(),
      branch: 'packaged-topic',
      goal: 'faster-checkout',
    });
    assert.equal(git('config', 'branch.packaged-topic.goal'), 'faster-checkout');
    await waitFor('the status bar to show the goal', () => a.app.status.text === '$(target) Cut checkout p95 below 400 ms');
  });

  it('opens the report panel, whose script from the installed media/report runs and shows the numbers', async () => {
    await vscode.commands.executeCommand('strategyAlign.showReport', { repository: repoDir() });
    const shown = await waitFor('the panel to render the report', () => {
      const s = a.reportPanel()?.shown;
      return s && s.cards.length > 0 ? s : undefined;
    });
    assert.equal(shown.title, 'Strategy alignment · 2026-Q4');
    const script = /<script nonce="[0-9a-f]+" src="([^"]+)"/.exec(a.reportPanel()!.html)?.[1] ?? '';
    assert.ok(
      script.includes(`/${EXTENSION_ID}-${(installed().packageJSON as { version: string }).version}/media/report/report.js`),
      `the script comes from the installed copy: ${script}`,
    );
  });
});
