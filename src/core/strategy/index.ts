// The strategy module's public face: load and validate strategy.yaml, suggest goals.
export { compileGlob, GlobError } from '../glob';
export { formatDiagnostic, loadStrategyFile, type LoadOptions, parseStrategy } from './load';
export { type GoalSuggestion, suggestGoals, type SuggestionInput } from './suggest';
export * from './types';

export const STRATEGY_FILE = 'strategy.yaml';
