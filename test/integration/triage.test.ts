// Review Untagged Work… in the real extension host: the queue read from the fixture repository
// (issue keys tagged elsewhere), driven through its QuickPick as a person would with the keyboard
// (select next, Enter), and the notes checked in git afterwards. Leaves the fixture as it found it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { StrategyAlignApi } from '../../src/extension/extension';
import type { RepoModel } from '../../src/extension/model/repoModel';
import type { TriagePick } from '../../src/extension/triage/triagePicks';
import { repoDir, scanned, waitFor } from './helpers';

describe('Review Untagged Work…', () => {
  let a: StrategyAlignApi;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir(), encoding: 'utf8' }).trim();
  const model = (): RepoModel => a.app.models.find((m) => m.git)!;
  const commit = (message: string) => {
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const note = (sha: string) => {
    try {
      return git('notes', '--ref=refs/notes/goals', 'show', sha);
    } catch {
      return '';
    }
  };
  const picker = () => a.untaggedReview.picker;
  const rows = () => (picker()?.items ?? []).map((p) => (p.kind === vscode.QuickPickItemKind.Separator ? `-- ${p.label}` : p.label));
  /** The queue's rows, once the queue step is open (not the actions of one commit, not between steps). */
  const queueRows = () => (picker()?.title?.startsWith('Review Untagged Work:') ? rows() : undefined);
  const active = () => picker()?.activeItems[0];
  /** Moves the active row down with Select Next until `wanted` holds, one step at a time. */
  const selectRow = async (wanted: (pick: TriagePick) => boolean, what: string) => {
    for (let step = 0; !wanted((await waitFor('an active row', active))!); step++) {
      assert.ok(step < 10, `no row ${what}`);
      const before = active();
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await waitFor('the active row to move', () => active() !== before);
    }
  };
  const enter = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  const untagged = () => model().last!.scan.report.untagged.commits;
  const shas: Record<string, string> = {};

  before(async () => {
    a = await scanned();
    git('checkout', '-q', '-b', 'keys-tagged');
    commit('PAY-7 card retries\n\nGoal: faster-checkout');
    commit('ONB-3 signup form\n\nGoal: self-serve-onboarding');
    git('checkout', '-q', '-b', 'pay-followup', 'main');
    for (const n of ['one', 'two', 'three']) shas[n] = commit(`PAY-7 follow-up ${n}`);
    git('checkout', '-q', '-b', 'onb-work', 'main');
    shas.a = commit('ONB-3 copy tweaks');
    shas.b = commit('ONB-3 button color');
    shas.c = commit('ONB-3 empty state');
    git('checkout', '-q', 'main');
    await a.refresh();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const sha of Object.values(shas)) git('notes', '--ref=refs/notes/goals', 'remove', '--ignore-missing', sha);
    git('branch', '-q', '-D', 'keys-tagged', 'pay-followup', 'onb-work');
    await a.refresh();
  });

  it('lists the queue by branch, accepts one, picks another goal, accepts all of a branch, skips one; git holds the notes and the Goals view follows', async () => {
    const untaggedBefore = untagged();
    const review = vscode.commands.executeCommand('strategyAlign.reviewUntagged', { repository: repoDir() });
    await waitFor('the queue in the QuickPick', () => queueRows()?.length);
    const sha7 = (n: string) => shas[n].slice(0, 7);
    assert.deepEqual(rows(), [
      '-- onb-work', // 3 commits each: by name
      '$(check-all) Accept all 3 of onb-work',
      `${sha7('c')} ONB-3 empty state`,
      `${sha7('b')} ONB-3 button color`,
      `${sha7('a')} ONB-3 copy tweaks`,
      '-- pay-followup',
      '$(check-all) Accept all 3 of pay-followup',
      `${sha7('three')} PAY-7 follow-up three`,
      `${sha7('two')} PAY-7 follow-up two`,
      `${sha7('one')} PAY-7 follow-up one`,
    ]);
    assert.equal(picker()!.items[7].description, '→ faster-checkout (PAY-7 is tagged faster-checkout elsewhere)');

    // Accept one: its row, Enter, then "Accept: faster-checkout" (the first action), Enter.
    await selectRow((p) => p.item?.sha === shas.three, 'for follow-up three');
    await enter();
    await waitFor('the actions for one commit', () => rows()[0] === '$(check) Accept: faster-checkout' && rows());
    await selectRow((p) => p.action === 'accept', 'Accept');
    await enter();
    await waitFor('the accepted commit gone from the queue', () => queueRows()?.every((r) => !r.includes('follow-up three')));
    assert.equal(note(shas.three), 'Goal: faster-checkout');
    assert.equal(note(shas.two), '', 'only the accepted one');

    // Pick another goal: Enter on it, "Pick another goal…", then the goal picker's first goal (by
    // rank: faster-checkout; the fixture has no match rules to put a suggestion first). Enter is
    // pressed only while no step of the review is open, so it can only answer the goal picker.
    await selectRow((p) => p.item?.sha === shas.c, 'for empty state');
    await enter();
    await waitFor('the actions', () => rows()[1] === '$(list-selection) Pick another goal…');
    await selectRow((p) => p.action === 'other', 'Pick another goal…');
    await enter();
    await waitFor('the goal picker answered', async () => {
      if (queueRows()) return true;
      if (!picker()) await enter();
      return false;
    });
    await waitFor('the re-tagged commit gone from the queue', () => queueRows()?.every((r) => !r.includes('empty state')));
    assert.equal(note(shas.c), 'Goal: faster-checkout');

    // Accept all of a branch.
    await selectRow((p) => p.group?.branch === 'onb-work', 'Accept all of onb-work');
    await enter();
    await waitFor('the branch gone from the queue', () => queueRows()?.every((r) => r !== '-- onb-work'));
    assert.equal(note(shas.a), 'Goal: self-serve-onboarding');
    assert.equal(note(shas.b), 'Goal: self-serve-onboarding');

    // Skip one: Enter on it, then "Skip" (the third action).
    await selectRow((p) => p.item?.sha === shas.one, 'for follow-up one');
    await enter();
    await waitFor('the actions', () => rows()[2] === '$(debug-step-over) Skip');
    await selectRow((p) => p.action === 'skip', 'Skip');
    await enter();
    await waitFor('the skipped commit gone from the queue', () => queueRows()?.every((r) => !r.includes('follow-up one')));
    assert.equal(note(shas.one), '', 'a skipped commit is not tagged');
    assert.match(picker()!.title ?? '', /1 with a suggestion · 4 tagged/);

    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await review;
    assert.equal(picker(), undefined, 'closing the QuickPick ends the review');
    assert.equal(note(shas.two), '');
    // No refresh asked for: the repository model watches the notes ref. Four notes, and the two
    // commits left on pay-followup follow the goal its one tagged commit now gives the branch.
    await waitFor('the Goals view to count the tagged work', () => untagged() === untaggedBefore - 6);
  });

  it('says so when nothing untagged has a suggestion', async () => {
    const told = a.app.notifier.shown.length;
    for (const sha of Object.values(shas)) git('notes', '--ref=refs/notes/goals', 'add', '-f', '-m', 'Goal: faster-checkout', sha);
    await vscode.commands.executeCommand('strategyAlign.reviewUntagged', { repository: repoDir() });
    assert.match(a.app.notifier.shown.slice(told).join('\n'), /^No untagged work with a suggested goal in /);
    assert.equal(picker(), undefined);
  });
});
