// Strategy: Review Untagged Work… — the triage queue (core/triage) in one QuickPick: grouped by
// branch, accept one, accept all of a branch, pick another goal (the goal picker), skip. Accepted
// goals are written by the core's note writer (never over a note with other goals); the Goals view
// follows by itself, as the repository model watches the notes ref. No git in Restricted Mode.
import * as vscode from 'vscode';
import { suggestGoals } from '../../core/strategy/suggest';
import type { Strategy } from '../../core/strategy/types';
import type { TriageItem, TriageQueue } from '../../core/triage/queue';
import { acceptTriage, readTriageQueue } from '../../core/triage/triage';
import type { App } from '../app';
import type { RepoModel } from '../model/repoModel';
import { mayRunGit, strategyOrWarn } from '../tagging/commands';
import { pickGoal } from '../tagging/goalPicker';
import { actionPicks, type ItemAction, ITEM_BUTTONS, queuePicks, remaining, type TriagePick } from './triagePicks';

type Event = { kind: 'accept' | 'button'; pick: TriagePick; action?: ItemAction } | { kind: 'hide' };

export class UntaggedReview implements vscode.Disposable {
  private readonly command: vscode.Disposable;
  private current: vscode.QuickPick<TriagePick> | undefined;

  constructor(private readonly app: App) {
    this.command = vscode.commands.registerCommand('strategyAlign.reviewUntagged', (arg?: { repository?: string; model?: RepoModel }) =>
      this.run(arg?.model ?? app.modelFor(arg?.repository)),
    );
  }

  /** The open review's QuickPick (the integration tests wait on its rows). */
  get picker(): vscode.QuickPick<TriagePick> | undefined {
    return this.current;
  }

  dispose(): void {
    this.command.dispose();
    this.current?.dispose();
  }

  private async run(model: RepoModel | undefined): Promise<void> {
    if (!mayRunGit(this.app, model)) return;
    const strategy = strategyOrWarn(this.app, model);
    if (!strategy) return;
    this.current?.dispose();
    const qp = vscode.window.createQuickPick<TriagePick>();
    this.current = qp;
    Object.assign(qp, { title: 'Review Untagged Work', busy: true, placeholder: 'Reading untagged work…', matchOnDescription: true });
    let closed = false;
    const whileReading = qp.onDidHide(() => (closed = true));
    qp.show();
    try {
      const since = model.last?.settings.since ?? this.app.range;
      const { queue } = await readTriageQueue(await model.repo(), strategy, { cache: model.history, since });
      whileReading.dispose();
      if (closed) return;
      if (queue.groups.length === 0) {
        qp.hide();
        const rest = queue.untagged > 0 ? ` (${queue.untagged} untagged commits have none: tag them from the Goals view)` : '';
        return this.app.notifier.tell('info', `No untagged work with a suggested goal in ${model.name}${rest}.`);
      }
      await this.review(qp, model, strategy, queue);
    } catch (error) {
      this.app.notifier.tell('error', `Strategy Align: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    } finally {
      qp.dispose();
      if (this.current === qp) this.current = undefined;
    }
  }

  private async review(qp: vscode.QuickPick<TriagePick>, model: RepoModel, strategy: Strategy, queue: TriageQueue): Promise<void> {
    const handled = new Set<string>();
    let tagged = 0;
    let index = 0;
    const write = async (items: TriageItem[]) => {
      qp.busy = true;
      const done = await acceptTriage(await model.repo(), strategy, items);
      qp.busy = false;
      for (const { item } of done) handled.add(item.sha);
      tagged += done.filter((d) => d.outcome === 'written').length;
      const kept = done.filter((d) => d.outcome === 'kept').map((d) => d.item.sha.slice(0, 7));
      if (kept.length > 0) this.app.notifier.tell('warning', `Kept the goal notes someone else wrote meanwhile on ${kept.join(', ')}.`);
    };
    for (;;) {
      const groups = remaining(queue.groups, handled);
      if (groups.length === 0) return qp.hide();
      const count = groups.reduce((sum, g) => sum + g.items.length, 0);
      Object.assign(qp, {
        title: `Review Untagged Work: ${count} with a suggestion${tagged > 0 ? ` · ${tagged} tagged` : ''}`,
        placeholder: 'Enter: choose what to do with a commit · the buttons: accept, another goal, skip',
        busy: false,
        items: queuePicks(groups),
      });
      const selectable = qp.items.filter((p) => p.kind !== vscode.QuickPickItemKind.Separator);
      qp.activeItems = [selectable[Math.min(index, selectable.length - 1)]];
      const event = await nextEvent(qp);
      if (event.kind === 'hide') return;
      index = selectable.indexOf(event.pick);
      if (event.pick.group) {
        await write(event.pick.group.items);
        continue;
      }
      const item = event.pick.item;
      if (!item) continue;
      const action = event.action ?? (await this.chooseAction(qp, item));
      if (action === undefined) return;
      if (action === 'skip') handled.add(item.sha);
      else if (action === 'accept') await write([item]);
      else {
        const goal = await pickGoal(strategy, {
          title: `Tag ${item.sha.slice(0, 7)} with a goal`,
          report: model.last?.scan.report,
          suggestions: suggestGoals(strategy, { branch: item.branch, messages: [item.subject] }),
        });
        qp.show();
        if (goal) await write([{ ...item, goal: goal.id, reason: 'picked' }]);
      }
    }
  }

  /** The three actions for one commit, in the same QuickPick; undefined when it was closed. */
  private async chooseAction(qp: vscode.QuickPick<TriagePick>, item: TriageItem): Promise<ItemAction | undefined> {
    Object.assign(qp, { items: actionPicks(item), placeholder: `${item.sha.slice(0, 7)}: accept, another goal or skip` });
    const event = await nextEvent(qp);
    return event.kind === 'hide' ? undefined : event.pick.action;
  }
}

/** The next thing the person does in `qp`: accept a row, press a row's button, or close it. */
function nextEvent(qp: vscode.QuickPick<TriagePick>): Promise<Event> {
  return new Promise((resolve) => {
    const listeners = [
      qp.onDidAccept(() => qp.selectedItems[0] && done({ kind: 'accept', pick: qp.selectedItems[0] })),
      qp.onDidTriggerItemButton((e) => done({ kind: 'button', pick: e.item, action: ITEM_BUTTONS.find((b) => b === e.button)?.action })),
      qp.onDidHide(() => done({ kind: 'hide' })),
    ];
    const done = (event: Event) => {
      for (const l of listeners) l.dispose();
      resolve(event);
    };
  });
}
