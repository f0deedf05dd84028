// The strategy module's public face: load and validate strategy.yaml, suggest goals for work.
export { compileGlob, GlobError } from '../glob';
export { formatDiagnostic, loadStrategyFile, type LoadOptions, parseStrategy } from './load';
export { type GoalSuggestion, suggestGoals, type SuggestionInput } from './suggest';
export * from './types';

/** The file's name at the repository root. */
export const STRATEGY_FILE = 'strategy.yaml';
