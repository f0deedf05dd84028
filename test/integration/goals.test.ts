// The Goals view and its strategy.yaml, inside a real VS Code extension host.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { api, extension, FIXTURE_TEXT, repoDir, rows, scanned, strategyUri, waitFor, writeStrategy } from './helpers';

// The fixture repository has one untagged commit (strategy.yaml itself) and no other branch.
const FIXTURE_ROWS = [
  { label: '#1 Cut checkout p95 below 400 ms', description: '0 commits · 0% (target 50%)', icon: 'target' },
  { label: '#2 Self-serve onboarding for small teams', description: '0 commits · 0% (target 30%)', icon: 'target' },
  { label: '#3 Offline mode in the mobile app', description: '0 commits · 0%', icon: 'debug-pause' },
  { label: 'Untagged work', description: '0', icon: 'question' },
  { label: 'Stop list', description: '1', icon: 'circle-slash' },
];
const shown = async () => (await rows(await scanned())).map(({ label, description, icon }) => ({ label, description, icon }));

describe('Strategy Align in the extension host', () => {
  afterEach(async () => {
    writeStrategy(FIXTURE_TEXT);
    await vscode.commands.executeCommand('strategyAlign.refresh');
  });

  it('activates by itself in a workspace with a strategy.yaml, and starts git only after activate()', async () => {
    const a = await api();
    assert.equal(a.strategyFile?.toString(), strategyUri().toString());
    const { activated, gitStarted } = a.app.timeline;
    assert.ok(activated, 'activate() finished');
    assert.ok(gitStarted === undefined || gitStarted >= activated, 'no git during activate()');
  });

  it('lists the ranked goals in rank order with their labels and descriptions', async () => {
    assert.deepEqual(await shown(), FIXTURE_ROWS);
  });

  it('shows why a goal matters in its tooltip', async () => {
    const first = (await rows(await api()))[0];
    assert.match(first.tooltip, /Checkout latency is our top churn driver/);
    assert.match(first.tooltip, /target 50%/);
  });

  it('sends goal rows without their Markdown tooltip, made on hover (resolveTreeItem)', async () => {
    const a = await scanned();
    const goal = (await a.goalsProvider.getChildren())?.find((n) => n.kind === 'goal');
    assert.ok(goal, 'a goal row');
    const item = a.goalsProvider.getTreeItem(goal);
    assert.equal(item.tooltip, undefined, 'no tooltip for the extension host to parse as the row is sent');
    const hovered = a.goalsProvider.resolveTreeItem(item, goal).tooltip;
    assert.ok(hovered instanceof vscode.MarkdownString, 'a Markdown tooltip on hover');
    assert.match(hovered.value.replace(/&nbsp;/g, ' '), /Checkout latency is our top churn driver/);
  });

  it("shows the coverage line in the untagged work's tooltip (issue 13)", async () => {
    const untagged = (await rows(await scanned())).find((r) => r.label === 'Untagged work');
    assert.equal(untagged?.tooltip, 'Attributed 0% of 1 commit');
  });

  it('labels a goal of 1,000.5 commits (½ each of 2,001) "1,001 commits", with the exact count in its tooltip (issue 14)', async () => {
    const git = (args: string[], input?: string) => execFileSync('git', args, { cwd: repoDir(), encoding: 'utf8', input }).trim();
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    const now = Math.floor(Date.now() / 1000);
    const base = git(['rev-parse', 'main']);
    const commits = Array.from({ length: 2001 }, (_, i) => {
      const who = `F <f@example.com> ${now - 2001 + i} +0000`;
      const message = `Split ${i}\n\nGoal: faster-checkout, self-serve-onboarding\n`;
      return `commit refs/heads/split-work\nauthor ${who}\ncommitter ${who}\n${data(message)}${i === 0 ? `from ${base}\n` : ''}\n`;
    });
    git(['fast-import', '--quiet'], commits.join(''));
    try {
      const a = await scanned();
      await vscode.commands.executeCommand('strategyAlign.refresh');
      await waitFor('the scan of the split commits', () => a.app.models.some((m) => m.last?.scan.report.totals.commits === 2002));
      const first = (await rows(a))[0];
      assert.equal(first.label, '#1 Cut checkout p95 below 400 ms');
      assert.equal(first.description, '1,001 commits · 50% (target 50%)');
      // MarkdownString.appendText escapes Markdown punctuation: compare what a person reads.
      assert.match(first.tooltip.replace(/\\/g, ''), /faster-checkout · active · 1,000\.5 commits · 50% of effort \(target 50%\)/);
      assert.equal((await rows(a))[1].description, '1,001 commits · 50% (target 30%)');
    } finally {
      git(['update-ref', '-d', 'refs/heads/split-work']);
      await vscode.commands.executeCommand('strategyAlign.refresh');
      await waitFor('the tree without the split commits', async () => (await shown())[0]?.description === FIXTURE_ROWS[0].description);
    }
  });

  it("puts an issues: pattern two goals claim in Problems, at the second one's place (issue 13)", async () => {
    const claimed = FIXTURE_TEXT.replace(/( {4}title: Self-serve onboarding.*\n)/, '$1    issues: ["PAY-*"]\n').replace(
      /( {4}title: Cut checkout p95.*\n)/,
      '$1    issues: ["PAY-*"]\n',
    );
    const lines = claimed.split('\n');
    const first = lines.findIndex((l) => l.includes('PAY-*'));
    const second = lines.findIndex((l, i) => i > first && l.includes('PAY-*'));
    writeStrategy(claimed);
    await vscode.commands.executeCommand('strategyAlign.refresh');
    const errors = vscode.languages.getDiagnostics(strategyUri()).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => [d.range.start.line, d.message]),
      [[second, `goal #2 (self-serve-onboarding): 'PAY-*' is already claimed by goal faster-checkout (line ${first + 1})`]],
    );
  });

  it('shows a new valid strategy.yaml after Refresh', async () => {
    const reordered = FIXTURE_TEXT.replace('Offline mode in the mobile app', 'Offline mode, phase two')
      .replace(/ {2}- id: mobile-offline\n {4}title: (.*)\n {4}status: paused\n/, '')
      .replace('goals:\n', 'goals:\n  - id: mobile-offline\n    title: Offline mode, phase two\n    status: active\n');
    writeStrategy(reordered);
    await vscode.commands.executeCommand('strategyAlign.refresh');
    const labels = (await shown()).map((r) => r.label).filter((l) => l.startsWith('#'));
    assert.deepEqual(labels, [
      '#1 Offline mode, phase two',
      '#2 Cut checkout p95 below 400 ms',
      '#3 Self-serve onboarding for small teams',
    ]);
  });

  it('follows strategy.yaml when it changes on disk, without Refresh (file watcher)', async () => {
    writeStrategy(FIXTURE_TEXT.replace('Cut checkout p95 below 400 ms', 'Cut checkout p95 below 300 ms'));
    await waitFor('the view to show the edited title', async () => (await shown())[0]?.label === '#1 Cut checkout p95 below 300 ms');
  });

  it('keeps the last valid goals and reports the error at its line when strategy.yaml breaks', async () => {
    const broken = FIXTURE_TEXT.replace('status: paused', 'status: sideways');
    const line = broken.split('\n').findIndex((l) => l.includes('sideways'));
    writeStrategy(broken);
    await vscode.commands.executeCommand('strategyAlign.refresh');

    const errors = vscode.languages.getDiagnostics(strategyUri()).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 1, errors.map((d) => d.message).join('\n'));
    assert.match(errors[0].message, /sideways/);
    assert.equal(errors[0].range.start.line, line);
    assert.equal(errors[0].range.start.character, '    status: '.length);
    assert.deepEqual(await shown(), FIXTURE_ROWS);

    writeStrategy(FIXTURE_TEXT);
    await vscode.commands.executeCommand('strategyAlign.refresh');
    assert.deepEqual(vscode.languages.getDiagnostics(strategyUri()), [], 'the diagnostics go away with the error');
  });

  it('registers the refresh command and contributes it to the Goals view title', async () => {
    await api();
    assert.ok((await vscode.commands.getCommands(true)).includes('strategyAlign.refresh'));
    const { commands, menus } = extension().packageJSON.contributes;
    assert.deepEqual(
      commands.find((c: { command: string }) => c.command === 'strategyAlign.refresh'),
      {
        command: 'strategyAlign.refresh',
        title: 'Refresh',
        category: 'Strategy',
        icon: '$(refresh)',
      },
    );
    assert.ok(
      menus['view/title'].some(
        (m: { command: string; when: string }) => m.command === 'strategyAlign.refresh' && m.when === 'view == strategyAlign.goals',
      ),
    );
  });

  it('registers every contributed command, and the walkthrough and menus name only those', async () => {
    await api();
    const registered = new Set(await vscode.commands.getCommands(true));
    const { commands, menus, walkthroughs } = extension().packageJSON.contributes;
    const contributed = commands.map((c: { command: string }) => c.command);
    assert.deepEqual(
      contributed.filter((c: string) => !registered.has(c)),
      [],
      'contributed but not registered',
    );
    const inMenus = Object.values(menus)
      .flat()
      .map((m) => (m as { command: string }).command);
    const inWalkthrough = walkthroughs[0].steps.flatMap((s: { description: string }) =>
      [...s.description.matchAll(/command:(strategyAlign\.\w+)/g)].map((m) => m[1]),
    );
    assert.ok(inWalkthrough.length >= 3);
    assert.deepEqual(
      [...inMenus, ...inWalkthrough].filter((c) => !contributed.includes(c)),
      [],
    );
  });

  it('opens the Strategy Align container and focuses the Goals view', async () => {
    await api();
    await vscode.commands.executeCommand('workbench.view.extension.strategyAlign');
    await vscode.commands.executeCommand('strategyAlign.goals.focus');
  });
});
