// Pure helpers for tagging work from the editor: commit message trailers, branch names, templates.
export { appendGoalTrailer, hasGoalTrailer } from './commitMessage';
export { type BranchNameProposal, branchNameForGoal, isValidBranchName, slugify } from './branchName';
export { strategyTemplate } from './template';
