// Goal suggestions for untagged work from each goal's `match` rules. A hint, never a tag. Goals of
// every status are suggested: a stopped goal's match is how stop-list work gets flagged.
import { cachedGlob, type Glob } from '../glob';
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

/** Weights: changed files are the strongest evidence, then the branch name, then words. */
const WEIGHT = { files: 2, branch: 1.5, keywordInBranch: 1, keywordPerMessage: 0.25, keywordMessagesMax: 1 };

/** Goals whose match rules fit the input, best first (ties by rank); goals that match nothing are left out. */
export function suggestGoals(strategy: Strategy, input: SuggestionInput): GoalSuggestion[] {
  const files = [...new Set(input.files ?? [])];
  const messages = input.messages ?? [];
  const out: GoalSuggestion[] = [];
  for (const goal of strategy.goals) {
    const found = [
      byFiles(goal, files),
      byBranch(goal, input.branch),
      ...goal.match.keywords.map((k) => byKeyword(k, input.branch, messages)),
    ];
    const hits = found.filter((f): f is Evidence => f !== undefined);
    if (hits.length > 0) out.push({ goal, score: hits.reduce((sum, h) => sum + h.score, 0), reasons: hits.map((h) => h.reason) });
  }
  return out.sort((a, b) => b.score - a.score || a.goal.rank - b.goal.rank);
}

interface Evidence {
  score: number;
  reason: string;
}

function byFiles(goal: Goal, files: readonly string[]): Evidence | undefined {
  if (files.length === 0) return undefined;
  const globs = compiled(goal.match.paths);
  const used = new Set<string>();
  let hits = 0;
  for (const file of files) {
    const glob = globs.find((g) => g.regex.test(file));
    if (glob) {
      hits++;
      used.add(glob.pattern);
    }
  }
  if (hits === 0) return undefined;
  const noun = files.length === 1 ? 'changed file' : 'changed files';
  const verb = hits === 1 ? 'matches' : 'match';
  return { score: WEIGHT.files * (hits / files.length), reason: `${hits} of ${files.length} ${noun} ${verb} ${[...used].join(', ')}` };
}

function byBranch(goal: Goal, branch: string | undefined): Evidence | undefined {
  if (!branch) return undefined;
  const glob = compiled(goal.match.branches).find((g) => g.regex.test(branch));
  return glob ? { score: WEIGHT.branch, reason: `branch matches ${glob.pattern}` } : undefined;
}

function byKeyword(keyword: string, branch: string | undefined, messages: readonly string[]): Evidence | undefined {
  const word = wholeWord(keyword);
  if (!word) return undefined;
  const inBranch = branch !== undefined && word.test(branch);
  const inMessages = messages.filter((m) => word.test(m)).length;
  if (!inBranch && inMessages === 0) return undefined;
  const score = (inBranch ? WEIGHT.keywordInBranch : 0) + Math.min(WEIGHT.keywordMessagesMax, inMessages * WEIGHT.keywordPerMessage);
  const where = [inBranch ? 'the branch name' : '', inMessages > 0 ? `${inMessages} message${inMessages === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ');
  return { score, reason: `keyword '${keyword}' in ${where}` };
}

/** Case-insensitive, bounded by anything that is not a letter or digit (so `-`, `/`, `_` separate words). */
function wholeWord(keyword: string): RegExp | undefined {
  const trimmed = keyword.trim();
  if (!trimmed) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])${trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The patterns that compile (a broken one is reported by validation and simply matches nothing here). */
function compiled(patterns: readonly string[]): { pattern: string; regex: Glob }[] {
  return patterns.flatMap((pattern) => {
    const regex = cachedGlob(pattern);
    return regex ? [{ pattern, regex }] : [];
  });
}
