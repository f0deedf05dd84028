// The rows of Review Untagged Work: per branch a separator, an "accept all" row and the commits
// ("sha7 subject", "→ goal (reason)") with buttons to accept, pick another goal or skip; and the
// three actions for one commit. Repository text is shown as plain text (no `$(icon)` from a subject).
import * as vscode from 'vscode';
import type { TriageGroup, TriageItem } from '../../core/triage/queue';
import { count } from '../../core/render/format';
import { plainIconLabel } from '../views/plainText';

export type ItemAction = 'accept' | 'other' | 'skip';

export interface TriagePick extends vscode.QuickPickItem {
  item?: TriageItem;
  group?: TriageGroup;
  action?: ItemAction;
}

const button = (icon: string, tooltip: string, action: ItemAction) => ({ iconPath: new vscode.ThemeIcon(icon), tooltip, action });

/** The buttons on a commit's row, each standing for an action. */
export const ITEM_BUTTONS = [
  button('check', 'Accept the suggested goal', 'accept'),
  button('list-selection', 'Pick another goal…', 'other'),
  button('debug-step-over', 'Skip', 'skip'),
];

export function queuePicks(groups: readonly TriageGroup[]): TriagePick[] {
  return groups.flatMap((group) => [
    { label: plainIconLabel(group.branch), kind: vscode.QuickPickItemKind.Separator },
    {
      label: `$(check-all) Accept all ${count(group.items.length)} of ${plainIconLabel(group.branch)}`,
      description: [...new Set(group.items.map((i) => i.goal))].map((g) => `→ ${g}`).join(' '),
      group,
    },
    ...group.items.map((item) => ({
      label: `${item.sha.slice(0, 7)} ${plainIconLabel(item.subject)}`,
      description: `→ ${item.goal} (${plainIconLabel(item.reason)})`,
      buttons: ITEM_BUTTONS,
      item,
    })),
  ]);
}

export function actionPicks(item: TriageItem): TriagePick[] {
  return [
    { label: `$(check) Accept: ${item.goal}`, description: plainIconLabel(item.reason), action: 'accept', item },
    { label: '$(list-selection) Pick another goal…', action: 'other', item },
    { label: '$(debug-step-over) Skip', description: 'leave it untagged for now', action: 'skip', item },
  ];
}

/** The groups without the commits already handled (accepted or skipped); empty groups dropped. */
export function remaining(groups: readonly TriageGroup[], handled: ReadonlySet<string>): TriageGroup[] {
  return groups.map((g) => ({ ...g, items: g.items.filter((i) => !handled.has(i.sha)) })).filter((g) => g.items.length > 0);
}
