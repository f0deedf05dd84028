// The zod schema of strategy.yaml (DESIGN §1): the one definition the validator, the defaults and
// the shipped JSON Schema all come from.
import { z } from 'zod';
import { ISSUE_PATTERN } from '../issueKeys';

export const GOAL_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const DEFAULT_BRANCH_PATTERN = '^(?<goal>[a-z0-9-]+)/';
export const GOAL_STATUSES = ['active', 'paused', 'done', 'stopped'] as const;

const text = (description: string) => z.string().describe(description);
const list = (description: string, example: string) =>
  z
    .array(z.string())
    .default([])
    .describe(description)
    .meta({ examples: [[example]] });

export const matchSchema = z
  .object({
    paths: list('Globs of files whose changes suggest this goal (**, *, ?, [abc], {a,b})', 'services/checkout/**'),
    branches: list('Globs of branch names that suggest this goal', 'checkout/**'),
    keywords: list('Whole words in branch names or commit messages that suggest this goal', 'latency'),
  })
  .describe('Hints used to SUGGEST this goal for untagged work; a suggestion never counts as a tag');

export const goalSchema = z
  .object({
    id: z
      .string()
      .regex(GOAL_ID)
      .describe('Unique id used in Goal: trailers, notes and branch names: lowercase letters, digits and dashes, at most 63')
      .meta({ examples: ['faster-checkout'] }),
    title: z.string().min(1).describe('What the goal is, in a few words'),
    status: z
      .enum(GOAL_STATUSES)
      .default('active')
      .describe('active (default) | paused | done | stopped (the stop-doing list: work here is flagged)'),
    why: text('Why it matters: the link to a company outcome').optional(),
    outcome: text('How impact is measured').optional(),
    owner: text('Who owns the goal').optional(),
    due: z.iso.date().describe('Due date, a calendar date YYYY-MM-DD (an active goal past it is flagged)').optional(),
    share: z.number().min(0).max(100).describe("Intended % of the team's effort (investment target)").optional(),
    parent: text('Id of a higher goal this one serves').optional(),
    match: matchSchema.optional(),
    issues: z
      .array(z.string().regex(ISSUE_PATTERN))
      .describe(
        'Issue keys that serve this goal: a project (PAY-*), one key (PAY-12) or one number ("#88", quoted). A commit whose message or branch names one is attributed to this goal (a team rule, unlike match)',
      )
      .meta({ examples: [['PAY-*', '#88']] })
      .optional(),
  })
  .describe('A goal. List order is priority: the first goal is the most important');

export const untaggedSchema = z
  .object({
    commits: z.number().int().min(1).default(3).describe('Untagged work is long-running from this many commits…'),
    days: z.number().min(0).default(2).describe('…or when its oldest commit is this many days old'),
  })
  .describe('When untagged work counts as long-running');

/** Files whose changed lines are not effort: lock files, generated and vendored output, snapshots. */
export const DEFAULT_CHURN_EXCLUDE = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  '*.lock',
  'go.sum',
  'Cargo.lock',
  'poetry.lock',
  'composer.lock',
  'Gemfile.lock',
  'Podfile.lock',
  'flake.lock',
  'dist/**',
  'build/**',
  'vendor/**',
  'node_modules/**',
  '*.min.js',
  '*.min.css',
  '*.map',
  '*.snap',
  '*.pb.go',
  '*_pb2.py',
];

export const churnSchema = z
  .object({
    exclude: z
      .array(z.string())
      .default([...DEFAULT_CHURN_EXCLUDE])
      .describe('Globs of files whose lines do not count as churn; a pattern without "/" matches the file name in any folder')
      .meta({ examples: [['package-lock.json', 'dist/**']] }),
  })
  .describe('The churn effort measure (lines added + deleted)');

export const settingsSchema = z
  .object({
    trailer: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/)
      .default('Goal')
      .describe('Commit trailer key (default Goal)'),
    branchPattern: z
      .string()
      .default(DEFAULT_BRANCH_PATTERN)
      .describe('Regular expression with a named group "goal" that infers a branch\'s goal from its name'),
    untagged: untaggedSchema.default({ commits: 3, days: 2 }),
    maxActive: z.number().int().min(1).default(3).describe('Warn above this many active goals ("choose, don\'t balance")'),
    base: z.string().min(1).describe('Base branch (default: the remote HEAD, else main, else master)').optional(),
    churn: churnSchema.optional(),
  })
  .describe('Team policy');

export const strategySchema = z
  .object({
    version: z.literal(1).describe('File format version: 1').optional(),
    period: z.union([z.string(), z.number()]).describe('Label of the planning period, e.g. 2026-Q4').optional(),
    goals: z.array(goalSchema).describe('The goals, RANKED: the first is the most important; no ties'),
    settings: settingsSchema.optional(),
  })
  .describe("Strategy Align: the team's ranked goals (strategy.yaml)");

export type StrategyInput = z.input<typeof strategySchema>;
export type StrategyParsed = z.output<typeof strategySchema>;
export type ParsedGoal = z.output<typeof goalSchema>;
export type ParsedSettings = z.output<typeof settingsSchema>;

/** Known keys at each level, from the schema itself (for unknown-key warnings). */
export const KNOWN_KEYS = {
  top: Object.keys(strategySchema.shape),
  goal: Object.keys(goalSchema.shape),
  match: Object.keys(matchSchema.shape),
  settings: Object.keys(settingsSchema.shape),
  untagged: Object.keys(untaggedSchema.shape),
};
