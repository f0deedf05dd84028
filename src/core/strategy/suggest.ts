// Goal suggestions for untagged work from each goal's `match` rules. A hint, never a tag.
import { compileGlob } from '../glob';
import type { Goal, Strategy } from './types';

export interface GoalSuggestion {
  goal: Goal;
  score: number;
  reasons: string[];
}

export interface SuggestionInput {
  branch?: string;
  files?: readonly string[];
  messages?: readonly string[];
}

/** Goals whose match rules fit the input, best first (ties by rank). */
export function suggestGoals(strategy: Strategy, input: SuggestionInput): GoalSuggestion[] {
  const out: GoalSuggestion[] = [];
  for (const goal of strategy.goals) {
    const reasons: string[] = [];
    let score = 0;
    const files = input.files ?? [];
    if (goal.match.paths.length > 0 && files.length > 0) {
      const globs = safeGlobs(goal.match.paths);
      const hits = files.filter((f) => globs.some((g) => g.test(f))).length;
      if (hits > 0) {
        score += 2 * (hits / files.length);
        reasons.push(`${hits} of ${files.length} changed file${files.length === 1 ? '' : 's'} match ${goal.match.paths.join(', ')}`);
      }
    }
    if (input.branch && goal.match.branches.length > 0) {
      const glob = goal.match.branches.find((b) => safeGlobs([b]).some((g) => g.test(input.branch!)));
      if (glob) {
        score += 1.5;
        reasons.push(`branch matches ${glob}`);
      }
    }
    for (const keyword of goal.match.keywords) {
      const word = new RegExp(`(^|[^\\p{L}\\p{N}])${escape(keyword)}($|[^\\p{L}\\p{N}])`, 'iu');
      const inBranch = input.branch ? word.test(input.branch.replace(/[/_-]/g, ' ')) : false;
      const inMessages = (input.messages ?? []).filter((m) => word.test(m)).length;
      if (inBranch || inMessages > 0) {
        score += (inBranch ? 1 : 0) + Math.min(1, inMessages * 0.25);
        const where = [inBranch ? 'the branch name' : '', inMessages ? `${inMessages} message${inMessages === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
        reasons.push(`keyword '${keyword}' in ${where}`);
      }
    }
    if (score > 0) out.push({ goal, score, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.goal.rank - b.goal.rank);
}

function safeGlobs(patterns: readonly string[]): RegExp[] {
  return patterns.flatMap((p) => {
    try {
      return [compileGlob(p)];
    } catch {
      return [];
    }
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
