// The branch goals (branch.<name>.goal) read from the config files, without starting git: a cold
// scan started `git config --list` for nothing else (issue 15: each git process forks the scanning
// Node process). Exact or undefined, as the other readers of the files are: the goals come from the
// repository's own config file, where `git config branch.<name>.goal` writes them, parsed as git
// parses it (configParse.ts). Every other file git may read (system, global, worktree, included; a
// few more than git reads, configFiles.ts) only has to hold no branch goal at all, whatever its
// order; when one does, or a file cannot be read or parsed exactly, git is asked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addBranchGoal, isBranchGoalKey } from './branchGoals';
import { type ConfigFile, configFileTexts, joinConfigFiles, localConfig } from './configFiles';
import { parseConfig } from './configParse';
import { findRepoPaths, gitEnvironment } from './repoFiles';

export interface ConfigGoals {
  /** What the config depends on (every config file's bytes, the GIT_* environment, HEAD): equal keys, the same config. */
  key: string;
  /** branch name → goal as `git config --list` gives them, or undefined when git must be asked. */
  goals: Map<string, string> | undefined;
}

/** The config's key and, when they can be read exactly, the branch goals of the repository holding `dir`; undefined: ask git. */
export function configGoals(dir: string, env: NodeJS.ProcessEnv = process.env): ConfigGoals | undefined {
  try {
    const environment = gitEnvironment(env);
    const paths = environment === undefined ? undefined : findRepoPaths(dir);
    const files = paths && configFileTexts(paths, env);
    if (!paths || !files) return undefined;
    const head = readFileSync(join(paths.gitDir, 'HEAD'), 'utf8');
    return { key: `${head}\n${environment}\n${joinConfigFiles(files)}`, goals: goalsIn(files, localConfig(paths)) };
  } catch {
    return undefined;
  }
}

function goalsIn(files: readonly ConfigFile[], local: string): Map<string, string> | undefined {
  if (files.filter((f) => f.file === local && f.text !== undefined).length > 1) return undefined; // included again: read twice
  const goals = new Map<string, string>();
  for (const { file, text, error } of files) {
    if (text === undefined) {
      if (error === 'ENOENT' || error === 'ENOTDIR') continue; // git reads no such file either
      return undefined; // unreadable: git may fail on it
    }
    const entries = parseConfig(text);
    if (!entries) return undefined;
    for (const [name, value] of entries) {
      if (!isBranchGoalKey(name)) continue;
      if (file !== local) return undefined; // its order among the files, or whether git reads it at all, would matter
      if (value !== undefined) addBranchGoal(goals, name, value);
    }
  }
  return goals;
}
