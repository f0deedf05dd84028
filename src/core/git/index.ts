// The git facade: the only door from the core to git.
export { GitError, type GitErrorKind } from './errors';
export { goalLinesIn, parseGoalValues } from './goalLines';
export { NOTES_REF } from './log';
export { chooseBase, type RefListing } from './refs';
export { GitRepo } from './repo';
export * from './types';
