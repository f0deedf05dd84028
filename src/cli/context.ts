// Opening the repository and its strategy for a command, with every failure a one-line CliError.
import { resolve } from 'node:path';
import { GitError, GitRepo } from '../core/git';
import { formatDiagnostic, loadStrategyFile, STRATEGY_FILE } from '../core/strategy';
import type { Diagnostic, Strategy } from '../core/strategy/types';
import type { Value } from './args';
import { CliError, type CliIO } from './io';
import { join } from 'node:path';

export async function openRepo(io: CliIO, repoOption: Value): Promise<GitRepo> {
  const dir = resolve(io.cwd, typeof repoOption === 'string' ? repoOption : '.');
  try {
    return await GitRepo.open(dir);
  } catch (error) {
    if (error instanceof GitError) {
      if (error.kind === 'not-a-repo') throw new CliError(`not a git repository: ${dir}`);
      if (error.kind === 'git-missing') throw new CliError('git is not installed or not on PATH');
      throw new CliError(error.message);
    }
    throw error;
  }
}

export interface LoadedStrategy {
  strategy: Strategy;
  warnings: Diagnostic[];
}

/** The repository's valid strategy; a missing or invalid file is a configuration error (exit 2). */
export async function loadValidStrategy(root: string, now: Date): Promise<LoadedStrategy> {
  return loadStrategyAt(join(root, STRATEGY_FILE), now, `no ${STRATEGY_FILE} in ${root} (see the README for an example)`, STRATEGY_FILE);
}

/** The valid strategy in `file` (`--strategy FILE`), else a one-line configuration error naming it. */
export async function loadStrategyAt(file: string, now: Date, missing = `no strategy file ${file}`, shown = file): Promise<LoadedStrategy> {
  const loaded = await loadStrategyFile(file, { now });
  if (!loaded.found) throw new CliError(missing);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.strategy || errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run strategy-align validate)` : '';
    throw new CliError(`${shown} is invalid: ${formatDiagnostic(errors[0] ?? loaded.diagnostics[0], shown)}${more}`);
  }
  return { strategy: loaded.strategy, warnings: loaded.diagnostics.filter((d) => d.severity === 'warning') };
}

/** A goal id the user typed must name a goal of the strategy. */
export function requireGoal(strategy: Strategy, id: string): string {
  const goal = strategy.goals.find((g) => g.id === id.trim().toLowerCase());
  if (!goal) {
    throw new CliError(`unknown goal '${id}': strategy.yaml has ${strategy.goals.map((g) => g.id).join(', ') || 'no goals'}`);
  }
  return goal.id;
}

export function gitFailure(error: unknown): never {
  if (error instanceof GitError) throw new CliError(error.message);
  throw error;
}
