// Strategy: Review Untagged Work… — the triage queue (core/triage) as QuickPicks: the queue grouped
// by branch (accept one, accept all of a branch, or per commit: accept, pick another goal with the
// goal picker, skip). Accepted goals are written by the core's note writer (never over a note with
// other goals); the Goals view follows by itself, as the repository model watches the notes ref.
// Each step is a fresh QuickPick: rows replaced in an open one keep the old active index, so Enter
// could hit another row than the one shown active. No git in Restricted Mode.
import * as vscode from 'vscode';
import { count, plural } from '../../core/render/format';
import { suggestGoals } from '../../core/strategy/suggest';
import type { Strategy } from '../../core/strategy/types';
import type { TriageItem, TriageQueue } from '../../core/triage/queue';
import { acceptTriage, readTriageQueue } from '../../core/triage/triage';
import type { App } from '../app';
import type { RepoModel } from '../model/repoModel';
import { mayRunGit, strategyOrWarn } from '../tagging/commands';
import { pickGoal } from '../tagging/goalPicker';
import { actionPicks, type ItemAction, ITEM_BUTTONS, queuePicks, remaining, type TriagePick } from './triagePicks';

type Answer = { pick: TriagePick; action?: ItemAction } | undefined;
type Step = Partial<Pick<vscode.QuickPick<TriagePick>, 'title' | 'placeholder' | 'items' | 'busy'>>;

export class UntaggedReview implements vscode.Disposable {
  private readonly command: vscode.Disposable;
  private current: vscode.QuickPick<TriagePick> | undefined;

  constructor(private readonly app: App) {
    this.command = vscode.commands.registerCommand('strategyAlign.reviewUntagged', (arg?: { repository?: string; model?: RepoModel }) =>
      this.run(arg?.model ?? app.modelFor(arg?.repository)),
    );
  }

  /** The review's open QuickPick, if any (the integration tests read its rows). */
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
    try {
      const since = model.last?.settings.since ?? this.app.range;
      const reading = readTriageQueue(await model.repo(), strategy, { cache: model.history, since });
      const closed = this.ask({ title: 'Review Untagged Work', placeholder: 'Reading untagged work…', busy: true });
      const progress = this.current;
      const queue = await Promise.race([reading.then((r) => r.queue), closed.then(() => undefined)]).finally(() => progress?.dispose());
      if (!queue) return;
      if (queue.groups.length === 0) {
        const rest = queue.untagged > 0 ? ` (${plural(queue.untagged, 'untagged commit')} without one: tag them from the Goals view)` : '';
        return this.app.notifier.tell('info', `No untagged work with a suggested goal in ${model.name}${rest}.`);
      }
      await this.review(model, strategy, queue);
    } catch (error) {
      this.app.notifier.tell('error', `Strategy Align: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }

  private async review(model: RepoModel, strategy: Strategy, queue: TriageQueue): Promise<void> {
    const handled = new Set<string>();
    let tagged = 0;
    const write = async (items: TriageItem[]) => {
      const done = await acceptTriage(await model.repo(), strategy, items);
      for (const { item } of done) handled.add(item.sha);
      tagged += done.filter((d) => d.outcome === 'written').length;
      const kept = done.filter((d) => d.outcome === 'kept').map((d) => d.item.sha.slice(0, 7));
      if (kept.length > 0) this.app.notifier.tell('warning', `Kept the goal notes someone else wrote meanwhile on ${kept.join(', ')}.`);
    };
    for (;;) {
      const groups = remaining(queue.groups, handled);
      if (groups.length === 0) return;
      const left = groups.reduce((sum, g) => sum + g.items.length, 0);
      const answer = await this.ask({
        title: `Review Untagged Work: ${count(left)} with a suggestion${tagged > 0 ? ` · ${count(tagged)} tagged` : ''}`,
        placeholder: 'Enter: choose what to do with a commit · the buttons: accept, another goal, skip',
        items: queuePicks(groups),
      });
      if (!answer) return;
      if (answer.pick.group) {
        await write(answer.pick.group.items);
        continue;
      }
      const item = answer.pick.item;
      if (!item) continue;
      const action =
        answer.action ??
        (
          await this.ask({
            title: `${item.sha.slice(0, 7)} ${item.subject}`,
            placeholder: 'Accept, another goal or skip',
            items: actionPicks(item),
          })
        )?.pick.action;
      if (action === undefined) continue; // Escape: back to the queue
      if (action === 'skip') handled.add(item.sha);
      else if (action === 'accept') await write([item]);
      else {
        const goal = await pickGoal(strategy, {
          title: `Tag ${item.sha.slice(0, 7)} with a goal`,
          report: model.last?.scan.report,
          suggestions: suggestGoals(strategy, { branch: item.branch, messages: [item.subject] }),
        });
        if (goal) await write([{ ...item, goal: goal.id, reason: 'picked' }]);
      }
    }
  }

  /** Shows one step and answers with the row accepted (or a row's button), or undefined when it was closed. */
  private ask(step: Step): Promise<Answer> {
    this.current?.dispose();
    const qp = vscode.window.createQuickPick<TriagePick>();
    Object.assign(qp, { matchOnDescription: true, ...step });
    this.current = qp;
    return new Promise((resolve) => {
      const done = (answer: Answer) => {
        for (const l of listeners) l.dispose();
        qp.dispose();
        if (this.current === qp) this.current = undefined;
        resolve(answer);
      };
      const listeners = [
        qp.onDidAccept(() => qp.selectedItems[0] && done({ pick: qp.selectedItems[0] })),
        qp.onDidTriggerItemButton((e) => done({ pick: e.item, action: ITEM_BUTTONS.find((b) => b === e.button)?.action })),
        qp.onDidHide(() => done(undefined)),
      ];
      qp.show();
    });
  }
}
