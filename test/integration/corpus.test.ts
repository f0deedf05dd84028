// The bad-strategy.yaml corpus in the real editor: a file of each category written over the
// workspace's strategy.yaml (as another tool or a checkout would) shows its diagnostics in Problems
// at the expected line:column, while the Goals view keeps the last valid strategy.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import { corpus, type CorpusCase, mismatch } from '../unit/helpers/corpus';
import { FIXTURE_TEXT, repoDir, rows, scanned, strategyUri, waitFor, writeStrategy } from './helpers';

/** Files that load (warnings only): a typo at every level, and CRLF with a byte order mark. */
const VALID_SAMPLE = ['unknown-keys.yaml', 'crlf-bom-valid.yaml'];
const FIXTURE_GOALS = ['faster-checkout', 'self-serve-onboarding', 'mobile-offline', 'legacy-admin-ui'];

/** Problems for strategy.yaml, in the shape the corpus expects (1-based, like the CLI). */
function problems() {
  return vscode.languages
    .getDiagnostics(strategyUri())
    .map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: d.severity === vscode.DiagnosticSeverity.Error ? ('error' as const) : ('warning' as const),
      message: d.message,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

async function showsExactly(c: CorpusCase): Promise<void> {
  await waitFor(`the diagnostics of ${c.name}`, () => mismatch(problems(), c.expected) === undefined, 15_000).catch((e: Error) => {
    throw new Error(`${e.message}: ${mismatch(problems(), c.expected)}`);
  });
}

describe('the strategy.yaml corpus in the editor', () => {
  const all = corpus();
  // The first broken file of each category, and the ones whose positions depend on bytes the
  // editor hides or counts its own way (BOM, CRLF, a lone CR, emoji).
  const picked = new Set([
    ...new Map(all.filter((c) => !c.goals).map((c) => [c.category, c.name])).values(),
    'bom-error.yaml',
    'crlf.yaml',
    'cr-only.yaml',
    'unicode-columns.yaml',
    'latin1.yaml',
    'alias-bomb.yaml',
    'deep-flow-nesting.yaml',
    'generated-over-1-MiB.yaml',
  ]);
  const sample = all.filter((c) => picked.has(c.name));
  let a: StrategyAlignApi;

  before(async () => {
    a = await scanned(); // git has opened the repository: its entry stays the same through the tests
    await waitFor('the fixture goals', () => a.goals().length === FIXTURE_GOALS.length);
  });

  after(async () => {
    writeStrategy(FIXTURE_TEXT);
    await a.refresh();
    await waitFor('Problems to clear', () => vscode.languages.getDiagnostics(strategyUri()).length === 0);
  });

  it('samples every category of the corpus', () => {
    const valid = all.filter((c) => VALID_SAMPLE.includes(c.name));
    assert.deepEqual(new Set([...sample, ...valid].map((c) => c.category)), new Set(all.map((c) => c.category)));
  });

  for (const c of sample) {
    it(`${c.name}: Problems at the expected line:column, the last valid goals still shown`, async () => {
      writeFileSync(strategyUri().fsPath, c.bytes);
      await showsExactly(c); // through the file watcher, as when another tool writes the file
      assert.deepEqual(
        a.goals().map((g) => g.id),
        FIXTURE_GOALS,
      );
      const labels = (await rows(a)).map((r) => r.label);
      assert.deepEqual(labels.slice(0, 3), [
        '#1 Cut checkout p95 below 400 ms',
        '#2 Self-serve onboarding for small teams',
        '#3 Offline mode in the mobile app',
      ]);
    });
  }

  it('keeps the last valid goals when git closes and reopens the repository while the file is broken', async () => {
    const c = all.find((x) => x.name === 'syntax-tab-indentation.yaml')!;
    writeFileSync(strategyUri().fsPath, c.bytes);
    await showsExactly(c);
    const git = vscode.extensions
      .getExtension<{ getAPI(v: 1): { openRepository(root: vscode.Uri): Promise<unknown>; repositories: unknown[] } }>('vscode.git')!
      .exports.getAPI(1);
    await vscode.commands.executeCommand('git.close', git.repositories[0]);
    await waitFor('the repository to close', () => !a.app.models.some((m) => m.git));
    await git.openRepository(vscode.Uri.file(repoDir()));
    await waitFor('the repository to open again', () => a.app.models.some((m) => m.git));
    await showsExactly(c);
    assert.deepEqual(
      a.goals().map((g) => g.id),
      FIXTURE_GOALS,
    );
  });

  // Last: these load, and replace the fixture's goals until after() puts the fixture back.
  for (const name of VALID_SAMPLE) {
    it(`${name} has warnings only: it loads, with each warning at the expected line:column`, async () => {
      const c = all.find((x) => x.name === name)!;
      writeFileSync(strategyUri().fsPath, c.bytes);
      await showsExactly(c);
      await waitFor(
        'the new goals',
        () =>
          a
            .goals()
            .map((g) => g.id)
            .join() === c.goals!.join(),
      );
    });
  }
});
