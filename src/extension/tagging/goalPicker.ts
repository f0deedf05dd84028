// The goal QuickPick: ranked goals with id, status, why, and current share against target; goals
// whose match rules fit the work come first, marked as suggested.
import * as vscode from 'vscode';
import type { AlignmentReport } from '../../core/alignment/reportTypes';
import { pct } from '../../core/render/format';
import type { GoalSuggestion } from '../../core/strategy';
import type { Goal, Strategy } from '../../core/strategy/types';
import { plainIconLabel } from '../views/plainText';

interface GoalPick extends vscode.QuickPickItem {
  goal?: Goal;
}

export async function pickGoal(
  strategy: Strategy,
  options: { title: string; report?: AlignmentReport; suggestions?: GoalSuggestion[]; current?: string },
): Promise<Goal | undefined> {
  const suggested = new Map((options.suggestions ?? []).map((s) => [s.goal.id, s]));
  const describe = (goal: Goal): GoalPick => {
    const stats = options.report?.goals.find((g) => g.id === goal.id);
    const share = stats
      ? `${pct(stats.share)} of effort${goal.share !== undefined ? ` (target ${pct(goal.share / 100)})` : ''}`
      : goal.share !== undefined
        ? `target ${pct(goal.share / 100)}`
        : '';
    const hint = suggested.get(goal.id);
    return {
      label: `${goal.status === 'stopped' ? '$(circle-slash)' : goal.id === options.current ? '$(check)' : '$(target)'} #${goal.rank} ${plainIconLabel(goal.title)}`,
      description: [goal.id, goal.status !== 'active' ? goal.status : '', share, hint ? 'suggested' : ''].filter(Boolean).join(' · '),
      detail: plainIconLabel(hint ? `${hint.reasons.join('; ')}${goal.why ? ` · ${goal.why}` : ''}` : (goal.why ?? '')),
      goal,
    };
  };
  const ranked = strategy.goals.filter((g) => g.status !== 'done');
  const first = ranked.filter((g) => suggested.has(g.id)).sort((a, b) => suggested.get(b.id)!.score - suggested.get(a.id)!.score);
  const rest = ranked.filter((g) => !suggested.has(g.id));
  const items: GoalPick[] = [];
  if (first.length) items.push({ label: 'Suggested', kind: vscode.QuickPickItemKind.Separator }, ...first.map(describe));
  items.push({ label: 'Goals by rank', kind: vscode.QuickPickItemKind.Separator }, ...rest.map(describe));
  const picked = await vscode.window.showQuickPick(items, {
    title: options.title,
    placeHolder: 'Which goal does this work serve?',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.goal;
}
