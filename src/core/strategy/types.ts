// The shape of a loaded, validated strategy.yaml (DESIGN §1). Pure data, no behaviour.

export type GoalStatus = 'active' | 'paused' | 'done' | 'stopped';

export interface GoalMatch {
  paths: string[];
  branches: string[];
  keywords: string[];
}

export interface Goal {
  id: string;
  title: string;
  status: GoalStatus;
  /** 1-based position in the goals list: the priority (no ties). */
  rank: number;
  why?: string;
  outcome?: string;
  owner?: string;
  /** ISO date `YYYY-MM-DD`. */
  due?: string;
  /** Intended % of effort, 0..100. */
  share?: number;
  parent?: string;
  match: GoalMatch;
  /** Issue patterns (`PAY-*`, `PAY-12`, `#88`) whose keys attribute commits to this goal (issueKeys.ts). */
  issues?: string[];
}

export interface StrategySettings {
  /** Commit trailer key, default `Goal`. */
  trailer: string;
  /** Regex with a named group `goal`; default `^(?<goal>[a-z0-9-]+)/`. */
  branchPattern: string;
  untagged: { commits: number; days: number };
  maxActive: number;
  /** Configured base branch, if any (else detected from the repository). */
  base?: string;
  /** Globs of files left out of the churn measure (default: lock files, generated output). */
  churn?: { exclude: string[] };
}

export interface Strategy {
  version: 1;
  period?: string;
  goals: Goal[];
  settings: StrategySettings;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface LoadResult {
  /** Present exactly when there is no error-severity diagnostic. */
  strategy?: Strategy;
  diagnostics: Diagnostic[];
}
