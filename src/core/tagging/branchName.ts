// Names for new branches created for a goal, following settings.branchPattern so the branch carries
// its goal in its name (DESIGN §2) whenever the pattern allows it.
import type { Strategy } from '../strategy/types';

export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

export interface BranchNameProposal {
  name: string;
  /** True when the name alone carries the goal under branchPattern; otherwise tag it in config too. */
  carriesGoal: boolean;
}

/** `<goal>/<slug>` (or `<goal>-<slug>`) when settings.branchPattern reads the goal back from it. */
export function branchNameForGoal(strategy: Strategy, goal: string, topic: string): BranchNameProposal {
  const slug = slugify(topic) || 'work';
  const candidates = [`${goal}/${slug}`, `${goal}-${slug}`, `${goal}_${slug}`];
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(strategy.settings.branchPattern);
  } catch {
    pattern = undefined;
  }
  for (const name of candidates) {
    if (pattern?.exec(name)?.groups?.goal === goal) return { name, carriesGoal: true };
  }
  return { name: candidates[0], carriesGoal: false };
}

/** Whether `name` is a valid git branch name (the rules of git check-ref-format --branch). */
export function isValidBranchName(name: string): boolean {
  if (!name || name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.endsWith('.lock'))
    return false;
  if (name === '@' || name.includes('..') || name.includes('//') || name.includes('@{') || name.includes('/.')) return false;
  if (name.startsWith('.')) return false;
  return !/[\u0000-\u0020\u007f~^:?*[\\]/.test(name);
}
