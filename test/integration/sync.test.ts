// Sharing tags from the editor (issue 12), in the `sync` run: the workspace is a clone of a bare
// origin. Branches are tagged with the extension's command, committed, pushed and pulled through VS
// Code's own git API, merged on another clone the GitHub ways and deleted; the Goals view, the report
// and a teammate's fresh clone must keep every tagged commit's goal. The tests run in order: each
// starts from the history the previous one left.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { RepoModel } from '../../src/extension/model/repoModel';
import { repoDir, scanned, waitFor } from './helpers';

/** The part of the git extension's Repository the tests drive (as a user's clicks would). */
interface VsCodeGitRepository {
  add(paths: string[]): Promise<void>;
  commit(message: string): Promise<void>;
  push(remote?: string, branch?: string, setUpstream?: boolean): Promise<void>;
  pull(): Promise<void>;
  fetch(options: { remote?: string; prune?: boolean }): Promise<void>;
  checkout(treeish: string): Promise<void>;
  createBranch(name: string, checkout: boolean, ref?: string): Promise<void>;
  deleteBranch(name: string, force?: boolean): Promise<void>;
}

const LEDGER = 'refs/notes/goals-branches';

describe('Sharing tags from the editor', () => {
  let a: StrategyAlignApi;
  let origin: string;
  const dir = () => repoDir();
  const run = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  const git = (...args: string[]) => run(dir(), ...args);
  const model = (): RepoModel => a.app.models.find((m) => m.git)!;
  const repo = () => model().git as unknown as VsCodeGitRepository;
  /** Every ledger line origin has ever held (the notes' history as patches). */
  const originLedger = () => (run(origin, 'for-each-ref', LEDGER) ? run(origin, 'log', '-p', '--format=', LEDGER) : '');
  const hint = async () => {
    const rows = (await a.goalsProvider.getChildren()) ?? [];
    const node = rows.find((n) => n.kind === 'message' && /not shared/.test(n.text));
    return node?.kind === 'message' ? node.text : undefined;
  };
  const steps = () => a.app.sharing.log.map((l) => l.step);
  const setMode = async (mode: 'ask' | 'always' | 'never') => {
    await vscode.workspace.getConfiguration('strategyAlign').update('sync', mode, vscode.ConfigurationTarget.Global);
    await waitFor(`strategyAlign.sync = ${mode}`, () => vscode.workspace.getConfiguration('strategyAlign').get('sync') === mode);
  };
  const commitFile = async (name: string, message: string) => {
    writeFileSync(join(dir(), name), `${message}\n`);
    await repo().add([join(dir(), name)]);
    await repo().commit(message);
    return git('rev-parse', 'HEAD');
  };
  /** Pushes through VS Code's git and waits until the push's tracking-branch move has been handled. */
  const pushAndSettle = async (...args: Parameters<VsCodeGitRepository['push']>) => {
    const before = a.app.sharing.log.length;
    await repo().push(...args);
    await waitFor('the push to be noticed', () => a.app.sharing.log.length > before);
    return a.app.sharing.log.slice(before).map((l) => l.step);
  };
  const goalCommits = (id: string) => model().last?.scan.report.goals.find((g) => g.id === id)?.commits;
  const featX: string[] = [];
  const temps: string[] = [];
  const tempDir = (prefix: string) => temps[temps.push(mkdtempSync(join(tmpdir(), prefix))) - 1];
  let afterAlways = 0;

  before(async () => {
    a = await scanned();
    origin = git('remote', 'get-url', 'origin');
    // The goal prompt for a new branch is not what these tests are about (and would hold the one notification slot).
    await vscode.workspace.getConfiguration('strategyAlign').update('prompt.enabled', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const temp of temps) rmSync(temp, { recursive: true, force: true });
    for (const key of ['sync', 'prompt.enabled'])
      await vscode.workspace.getConfiguration('strategyAlign').update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  it("never: a tagged branch shows as not shared, and a push through VS Code's git does not publish it", async () => {
    await setMode('never');
    await repo().createBranch('feat-x', true);
    await waitFor('HEAD on feat-x', () => model().currentBranch === 'feat-x');
    featX.push(await commitFile('cart.txt', 'Cache the cart between checkout steps'));
    featX.push(await commitFile('price.txt', 'Skip the second price lookup'));
    await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: dir(), goal: 'faster-checkout' });
    assert.equal(git('config', 'branch.feat-x.goal'), 'faster-checkout');
    await waitFor('the hint', async () => (await hint()) === '1 tag not shared with origin — Sync');
    assert.deepEqual(await pushAndSettle('origin', 'feat-x', true), ['skip']);
    assert.equal(run(origin, 'rev-parse', 'refs/heads/feat-x'), featX[1], 'the branch was pushed');
    assert.equal(originLedger(), '', 'but no tag');
    assert.equal(await hint(), '1 tag not shared with origin — Sync');
  });

  it('Sync Tags publishes them with one short message, and the hint goes', async () => {
    const shown = a.app.notifier.shown.length;
    await vscode.commands.executeCommand('strategyAlign.syncTags');
    assert.deepEqual(a.app.notifier.shown.slice(shown), ['Tags synced with origin: 0 tags in, 1 out']);
    assert.match(originLedger(), /^\+Branch: faster-checkout .* feat-x$/m);
    await waitFor('the hint to go', async () => (await hint()) === undefined);
  });

  it('always: a push syncs by itself, quietly, and origin gets the branch without the command', async () => {
    await setMode('always');
    await repo().checkout('main');
    await repo().createBranch('feat-y', true);
    await waitFor('HEAD on feat-y', () => model().currentBranch === 'feat-y');
    await vscode.commands.executeCommand('strategyAlign.tagCurrentBranch', { repository: dir(), goal: 'self-serve-onboarding' });
    await commitFile('invite.txt', 'Invite teammates by link');
    await commitFile('checklist.txt', 'Onboarding checklist');
    const shown = a.app.notifier.shown.length;
    await pushAndSettle('origin', 'feat-y', true);
    await waitFor('origin to get the branch record', () => /^\+Branch: self-serve-onboarding .* feat-y$/m.test(originLedger()));
    await waitFor('the sync to finish', () => steps().at(-1) === 'synced');
    assert.deepEqual(a.app.notifier.shown.slice(shown), [], 'a sync after a push says nothing when it works');
    afterAlways = steps().length;
  });

  it('ask: asks once per repository; Not Now lasts the session', async () => {
    await setMode('ask');
    await vscode.commands.executeCommand('notifications.clearAll');
    await waitFor('no other question open', () => !a.app.notifier.busy);
    await commitFile('welcome.txt', 'Welcome email');
    // The last sync moved notes refs and the tracking notes: had it taken them for a push, it would have synced again.
    assert.deepEqual(steps().slice(afterAlways), [], 'a sync never triggers another');
    const shown = a.app.notifier.shown.length;
    assert.deepEqual(await pushAndSettle(), ['ask'], a.app.notifier.shown.join('\n'));
    assert.deepEqual(a.app.notifier.shown.slice(shown), [
      "Share Strategy tags with teammates through 'origin'? After each push, pull or fetch, goal notes and branch tags go to origin and theirs come in.",
    ]);
    await vscode.commands.executeCommand('notifications.clearAll'); // dismissed: Not Now
    await waitFor('the question to close', () => !a.app.notifier.busy);
    await commitFile('reminder.txt', 'Reminder after three days');
    assert.deepEqual(await pushAndSettle(), ['skip']);
    assert.equal(a.app.notifier.shown.length, shown + 1, 'asked once');
  });

  it('merged the GitHub ways elsewhere, branches deleted, pulled: the Goals view and the report keep the goals', async () => {
    await setMode('always');
    await vscode.commands.executeCommand('strategyAlign.syncTags', { repository: dir() }); // feat-y's newest commits
    const onFeatY = Number(git('rev-list', '--count', 'main..feat-y'));
    await waitFor('the branches counted', () => goalCommits('faster-checkout') === 2 && goalCommits('self-serve-onboarding') === onFeatY);
    const untagged = model().last!.scan.report.untagged.commits;

    // The hosting service: a merge commit for #1, a squash for #2, both branches deleted.
    const host = join(tempDir('sa-host-'), 'host');
    run(tmpdir(), 'clone', '--quiet', origin, host);
    const id = ['-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com'];
    run(host, ...id, 'merge', '--quiet', '--no-ff', 'origin/feat-x', '-m', 'Merge pull request #1 from owner/feat-x');
    run(host, ...id, 'merge', '--quiet', '--squash', 'origin/feat-y');
    run(host, ...id, 'commit', '--quiet', '-m', 'Self-serve onboarding (#2)', '-m', '* Invite teammates by link\n* Onboarding checklist');
    const squash = run(host, 'rev-parse', 'HEAD');
    run(host, 'push', '--quiet', 'origin', 'main', ':feat-x', ':feat-y');

    await repo().checkout('main');
    await repo().fetch({ prune: true });
    await repo().pull();
    await repo().deleteBranch('feat-x', true);
    await repo().deleteBranch('feat-y', true);
    assert.throws(() => git('config', '--get-regexp', '^branch\\.feat-'), 'the branch tags went with the branches');
    await a.refresh();
    // A scan that started before the deletions may land after refresh() returns: wait for one that saw them.
    await waitFor(
      'the merged history scanned, the branches gone',
      () => model().last?.commits.has(squash) && !model().last?.scan.branches.some((b) => /feat-[xy]$/.test(b.name)),
    );
    assert.equal(goalCommits('faster-checkout'), 2, 'the merge commit brought feat-x in with its goal');
    assert.equal(goalCommits('self-serve-onboarding'), 1, 'the squash counts once, for the goal');
    assert.equal(model().last!.scan.report.untagged.commits, untagged, 'nothing became untagged');
    for (const sha of featX) assert.deepEqual(model().last!.commits.get(sha)?.attribution.goals, ['faster-checkout']);
    assert.deepEqual(model().last!.commits.get(squash)?.attribution.goals, ['self-serve-onboarding']);
    const goals = (await a.goalsProvider.getChildren()) ?? [];
    const described = goals.map((n) => `${a.goalsProvider.getTreeItem(n).label} ${a.goalsProvider.getTreeItem(n).description}`);
    assert.ok(
      described.some((d) => /^#1 Cut checkout p95 below 400 ms 2 commits · /.test(d)),
      described.join('\n'),
    );
    assert.ok(
      described.some((d) => /^#2 Self-serve onboarding for small teams 1 commit · /.test(d)),
      described.join('\n'),
    );

    // A teammate's fresh clone: the CLI's report --fetch sees the same goals.
    const lead = join(tempDir('sa-lead-'), 'lead');
    run(tmpdir(), 'clone', '--quiet', origin, lead);
    const cli = join(__dirname, '../../../dist/cli.js');
    const report = JSON.parse(
      execFileSync(process.execPath, [cli, 'report', '--fetch', '--format', 'json'], { cwd: lead, encoding: 'utf8' }),
    );
    const commitsOf = (goal: string) => report.goals.find((g: { id: string }) => g.id === goal)?.commits;
    assert.deepEqual([commitsOf('faster-checkout'), commitsOf('self-serve-onboarding'), report.untagged.commits], [2, 1, untagged]);
  });

  it('a remote it cannot reach: Sync Tags says so in one line and changes nothing', async () => {
    const note = await commitFile('retry.txt', 'Retry the payment once');
    await vscode.commands.executeCommand('strategyAlign.tagCommit', { repository: dir(), sha: note, goal: 'faster-checkout' });
    await waitFor('the hint', async () => (await hint()) === '1 tag not shared with origin — Sync');
    const refs = () => git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/notes', 'refs/strategy-align');
    const before = refs();
    git('remote', 'set-url', 'origin', join(tmpdir(), 'sa-no-such-origin.git'));
    try {
      const shown = a.app.notifier.shown.length;
      await vscode.commands.executeCommand('strategyAlign.syncTags', { repository: dir() });
      const said = a.app.notifier.shown.slice(shown);
      assert.equal(said.length, 1, said.join('\n'));
      assert.match(said[0], /^Could not sync tags: cannot fetch tags from 'origin': [^\n]+\. Nothing was changed\.$/);
      assert.equal(refs(), before, 'no notes ref moved');
      assert.equal(await hint(), '1 tag not shared with origin — Sync');
    } finally {
      git('remote', 'set-url', 'origin', origin);
    }
  });
});
