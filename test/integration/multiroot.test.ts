// A multi-root workspace of two repositories, each with its own strategy.yaml: the tree groups by
// repository and commands act on the repository they are given.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/extension/views/treeNodes';
import { pct1, pp } from '../../src/core/alignment/compare';
import type { AlignmentReport, ShareChange } from '../../src/core/alignment/reportTypes';
import { comparedWith } from '../../src/core/render/compareSection';
import { pct } from '../../src/core/render/format';
import { parsePeriod, periodBefore } from '../../src/core/scan/period';
import type { ShownReport } from '../../src/extension/views/report/messages';
import { api, waitFor } from './helpers';

/** The built command line, run by the host's Node. */
const cliJson = (args: string[]): AlignmentReport =>
  JSON.parse(
    execFileSync(process.execPath, [join(__dirname, '../../../dist/cli.js'), ...args, '--format', 'json', '--no-cache'], {
      encoding: 'utf8',
    }),
  ) as AlignmentReport;

describe('A multi-root workspace', () => {
  const folders = () => vscode.workspace.workspaceFolders ?? [];

  it('shows one group per repository, each with its own ranked goals', async () => {
    const a = await api();
    assert.equal(folders().length, 2);
    await a.app.startGit();
    await waitFor('both repositories scanned', () => a.app.models.filter((m) => m.git && m.last).length === 2);
    const roots = ((await a.goalsProvider.getChildren()) ?? []).filter((n) => n.kind === 'repo');
    assert.deepEqual(
      roots.map((n: TreeNode) => String(a.goalsProvider.getTreeItem(n).label)),
      ['repo-a', 'repo-b'],
    );
    const goalsOf = async (root: TreeNode) =>
      ((await a.goalsProvider.getChildren(root)) ?? [])
        .filter((n) => n.kind === 'goal')
        .map((n) => String(a.goalsProvider.getTreeItem(n).label));
    assert.deepEqual(await goalsOf(roots[0]), [
      '#1 Cut checkout p95 below 400 ms',
      '#2 Self-serve onboarding for small teams',
      '#3 Offline mode in the mobile app',
    ]);
    assert.deepEqual(await goalsOf(roots[1]), ['#1 Ship the mobile app', '#2 Documentation people read']);
  });

  it('tags a branch in the repository it is given, and only there', async () => {
    const a = await api();
    const [repoA, repoB] = folders().map((f) => f.uri.fsPath);
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoB, branch: 'main', goal: 'docs' });
    assert.equal(execFileSync('git', ['config', 'branch.main.goal'], { cwd: repoB, encoding: 'utf8' }).trim(), 'docs');
    assert.throws(() => execFileSync('git', ['config', 'branch.main.goal'], { cwd: repoA, stdio: 'pipe' }));
    await vscode.commands.executeCommand('strategyAlign.tagBranch', { repository: repoB, branch: 'main', goal: 'faster-checkout' });
    assert.equal(
      execFileSync('git', ['config', 'branch.main.goal'], { cwd: repoB, encoding: 'utf8' }).trim(),
      'docs',
      "repo-a's goals are not repo-b's",
    );
    assert.ok(a.app.models.length === 2);
  });

  it("sums both repositories under \"All repositories\", by repo-a's goals (the first folder's), each one's numbers in the tooltip", async () => {
    const a = await api();
    const [repoA, repoB] = folders().map((f) => f.uri.fsPath);
    // Work in repo-b for one of repo-a's goals: the combined goal counts both; repo-b's strategy lacks it (a warning).
    execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'Checkout client for the app\n\nGoal: faster-checkout'], {
      cwd: repoB,
    });
    execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'Cache the cart\n\nGoal: faster-checkout'], { cwd: repoA });
    await a.app.startGit();
    await a.app.refreshAll();
    await waitFor('both repositories scanned', () => a.app.models.filter((m) => m.git && m.last).length === 2);
    const [modelA, modelB] = [repoA, repoB].map((dir) => a.app.modelFor(dir)!);
    const ownA = modelA.last!.scan.report.goals.find((g) => g.id === 'faster-checkout')!.commits;
    assert.ok(ownA >= 1, "repo-a's own report counts its commit");
    assert.equal(
      modelB.last!.scan.report.unknownGoals.find((u) => u.id === 'faster-checkout')?.commits,
      1,
      "repo-b's own report: an unknown goal",
    );
    const top = (await a.goalsProvider.getChildren()) ?? [];
    assert.deepEqual(
      top.map((n) => String(a.goalsProvider.getTreeItem(n).label)),
      ['All repositories', 'repo-a', 'repo-b'],
    );
    const allItem = a.goalsProvider.getTreeItem(top[0]);
    const totals = modelA.last!.scan.report.totals.commits + modelB.last!.scan.report.totals.commits;
    assert.equal(allItem.description, `${totals} commits · 2 repositories`);
    assert.equal(allItem.contextValue, 'allRepositories');
    const rows = (await a.goalsProvider.getChildren(top[0])) ?? [];
    const checkout = rows.find((n) => n.kind === 'allGoal' && n.goal.id === 'faster-checkout')!;
    const item = a.goalsProvider.getTreeItem(checkout);
    assert.equal(item.label, '#1 Cut checkout p95 below 400 ms');
    assert.match(
      String(item.description),
      new RegExp(`^${ownA + 1} commits · `),
      `repo-a's ${ownA} and repo-b's one: ${String(item.description)}`,
    );
    const tooltip = String(item.tooltip);
    assert.match(tooltip, new RegExp(`repo-a: ${ownA} commits? · `));
    assert.match(tooltip, /repo-b: 1 commit\b/);
    const warnings = rows.find((n) => n.kind === 'allWarnings');
    assert.ok(warnings, 'a row says the strategies differ');
    assert.match(
      String(a.goalsProvider.getTreeItem(warnings).tooltip),
      /repo-b: goal 'faster-checkout' of the reference strategy is not in its strategy\.yaml/,
    );
    assert.equal(a.goalsProvider.getParent(checkout)?.kind, 'all');
  });

  it('shows All repositories in the report panel: the combined numbers, a row per repository, a picker to one of them', async () => {
    const a = await api();
    const [repoA] = folders().map((f) => f.uri.fsPath);
    await a.app.startGit();
    await waitFor('both repositories scanned', () => a.app.models.filter((m) => m.git && m.last).length === 2);
    const combined = () => a.app.all.report()!;
    const shown = (what: string, ok: (s: ShownReport) => boolean) =>
      waitFor(what, () => {
        const s = a.reportPanel()?.shown;
        return s && ok(s) ? s : undefined;
      });
    await vscode.commands.executeCommand('strategyAlign.showAllReport');
    const s = await shown('the combined report', (x) => x.repository === '*' && x.goalRows.length > 0);
    assert.equal(a.reportPanel()!.panel.title, 'Alignment · All repositories');
    assert.deepEqual(s.options.repository, ['*', repoA, folders()[1].uri.fsPath], 'All repositories, then each in folder order');
    assert.deepEqual(
      s.repositories.map((row) => row.slice(0, 2)),
      combined().repositories!.map((r) => [r.name, String(r.totals.commits)]),
      'a row per repository with its own commits',
    );
    const goal = combined().goals.find((g) => g.id === 'faster-checkout')!;
    const row = s.goalRows.find((r) => r.some((cell) => cell.includes('Cut checkout p95')))!;
    assert.ok(row.includes(pct(goal.share)), `the combined share ${pct(goal.share)} in ${JSON.stringify(row)}`);
    assert.equal(
      goal.commits,
      a.app.models.reduce((sum, m) => {
        const own = m.last!.scan.report;
        return sum + (own.goals.find((g) => g.id === goal.id)?.commits ?? own.unknownGoals.find((u) => u.id === goal.id)?.commits ?? 0);
      }, 0),
      "the combined goal's commits are both repositories' own",
    );
    // The picker: one repository, then back; a repository the workspace does not have is refused.
    assert.equal(await a.reportPanel()!.handle({ type: 'setRepository', repository: '/not/a/folder' }), false);
    await a.reportPanel()!.handle({ type: 'setRepository', repository: repoA });
    await shown("repo-a's own report", (x) => x.repository === repoA && x.repositories.length === 0);
    assert.equal(a.reportPanel()!.panel.title, 'Alignment · repo-a');
    await a.reportPanel()!.handle({ type: 'setRepository', repository: '*' });
    await shown('the combined report again', (x) => x.repository === '*' && x.repositories.length === 2);
    // Save Report… from the panel on All repositories saves the combined report.
    const file = join(mkdtempSync(join(tmpdir(), 'sa-all-')), 'all.json');
    await vscode.commands.executeCommand('strategyAlign.saveReport', { repository: '*', file });
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { totals: { commits: number }; repositories: { name: string }[] };
    assert.equal(saved.totals.commits, combined().totals.commits);
    assert.deepEqual(
      saved.repositories.map((r) => r.name),
      ['repo-a', 'repo-b'],
    );
    a.reportPanel()!.panel.dispose();
  });

  it("compares All repositories with the previous period: the core's combined comparison, the CLI's numbers", async () => {
    const a = await api();
    const [repoA, repoB] = folders().map((f) => f.uri.fsPath);
    const both = ['--repo', repoA, '--repo', repoB];
    const shown = (what: string, ok: (s: ShownReport) => boolean) =>
      waitFor(what, () => {
        const s = a.reportPanel()?.shown;
        return s && ok(s) ? s : undefined;
      });
    // Work dated in the last quarter and the one before, and 120 days ago (in the previous 90 days), on a side branch of each.
    const last = parsePeriod('last-quarter', new Date())!;
    const prior = periodBefore(last);
    const at = (start: Date, day: number) => new Date(start.getTime() + day * 86_400_000 + 10 * 3_600_000);
    const ago120 = new Date(Date.now() - 120 * 86_400_000);
    const work: [string, Date, string][] = [
      ...[5, 6, 7].map((day): [string, Date, string] => [repoA, at(prior.start, day), 'faster-checkout']),
      [repoA, at(last.start, 10), 'faster-checkout'],
      ...[11, 12].map((day): [string, Date, string] => [repoA, at(last.start, day), 'self-serve-onboarding']),
      [repoA, ago120, 'faster-checkout'],
      [repoB, at(prior.start, 8), 'self-serve-onboarding'],
      ...[13, 14].map((day): [string, Date, string] => [repoB, at(last.start, day), 'docs']),
      [repoB, ago120, 'docs'],
    ];
    for (const dir of [repoA, repoB]) execFileSync('git', ['checkout', '--quiet', '-b', 'quarters', 'main'], { cwd: dir });
    for (const [cwd, date, goal] of work) {
      const iso = date.toISOString();
      execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', `work\n\nGoal: ${goal}`], {
        cwd,
        env: { ...process.env, GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso },
      });
    }
    for (const dir of [repoA, repoB]) execFileSync('git', ['checkout', '--quiet', 'main'], { cwd: dir });
    /** By hand: checkout's share of the commits dated in `p` (the fixture's own commits are all of this quarter). */
    const checkoutShare = (p: { start: Date; end: Date }) => {
      const within = work.filter(([, date]) => date >= p.start && date <= p.end);
      return Math.round((within.filter(([, , goal]) => goal === 'faster-checkout').length / within.length) * 1e12) / 1e12;
    };
    try {
      await a.app.setRange('last-quarter');
      await vscode.commands.executeCommand('strategyAlign.showAllReport');
      await shown('All repositories, last quarter', (x) => x.repository === '*' && x.range === 'last-quarter');
      assert.equal(await a.reportPanel()!.handle({ type: 'setCompare', compare: true }), true);
      const s = await shown('the combined comparison', (x) => x.repository === '*' && x.comparison !== null);

      // The panel's comparison is the core's combination of both repositories' scans, equal to the CLI's over both.
      const c = a.app.all.report()!.comparison!;
      const cli = cliJson(['report', ...both, '--since', 'last-quarter', '--compare', 'previous']);
      assert.deepEqual(c.range, { ...cli.comparison!.range, label: prior.label });
      for (const field of ['goals', 'untagged', 'attributedShare', 'newLongRunning', 'summary', 'weeks'] as const)
        assert.deepEqual(c[field], cli.comparison![field], field);
      assert.deepEqual(a.app.all.report()!.range, cli.range);
      assert.equal(s.comparison!.title, comparedWith(cli.comparison!));
      const rows: [string, ShareChange][] = [
        ...cli.comparison!.goals.map((g): [string, ShareChange] => [`${g.title} ${g.id}`, g]),
        ['untagged', cli.comparison!.untagged],
        ['attributed (coverage)', cli.comparison!.attributedShare],
      ];
      assert.deepEqual(
        s.comparison!.rows,
        rows.map(([label, x]) => [label, pct1(x.previousShare), pct1(x.share), pp(x.change)]),
      );
      assert.deepEqual(s.comparison!.summary, cli.comparison!.summary);
      const checkout = c.goals.find((g) => g.id === 'faster-checkout')!;
      assert.deepEqual([checkout.previousShare, checkout.share], [checkoutShare(prior), checkoutShare(last)]);
      assert.notEqual(checkout.previousShare, checkout.share);

      // An open range (the last 90 days) runs to each scan's clock: both repositories are compared with one previous period.
      await a.reportPanel()!.handle({ type: 'setRange', range: '90d' });
      await shown(
        'the last 90 days compared',
        // All repositories' own comparison too: it has one only once every repository's scan is at one clock (align()).
        (x) =>
          x.repository === '*' &&
          x.range === '90d' &&
          x.comparison !== null &&
          a.app.all.report()?.range.until === null &&
          !!a.app.all.report()?.comparison,
      );
      const open = a.app.all.report()!.comparison!;
      for (const model of a.app.models) assert.deepEqual(model.last!.scan.report.comparison!.range, open.range, model.name);
      const before = cliJson(['report', ...both, '--since', open.range.since!, '--until', open.range.until!]);
      assert.ok(before.totals.commits >= 2, 'work in the previous 90 days');
      assert.deepEqual(
        open.goals.map((g) => [g.id, g.previousShare]),
        before.goals.map((g) => [g.id, g.share]),
      );
      assert.equal(open.untagged.previousShare, before.untagged.share);
    } finally {
      a.reportPanel()?.panel.dispose();
      await a.app.setCompare(false);
      await a.app.setRange('90d');
      for (const dir of [repoA, repoB]) execFileSync('git', ['branch', '--quiet', '-D', 'quarters'], { cwd: dir });
    }
  });
});
