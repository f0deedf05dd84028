// `strategy-align tag-branch` and `tag-commit`: tags written through git, history never rewritten.
import { printable } from '../../core/render/format';
import { exactPositionals, parse } from '../args';
import { gitFailure, loadValidStrategy, openRepo, requireGoal } from '../context';
import { CliError, type CliIO, EXIT } from '../io';
import { ensureNotesRewrite } from '../../core/sync/sync';
import { tagBranchAndRecord } from '../../core/ledger/tagBranch';

export const TAG_BRANCH_HELP = `Usage: strategy-align tag-branch GOAL [--branch NAME] [--repo DIR]
       strategy-align tag-branch --unset [--branch NAME] [--repo DIR]

Tags a local branch (default: the current one) with a goal of strategy.yaml, stored as git config
branch.<name>.goal. Its commits in base..branch then count for that goal, and the branch is
recorded in the branch ledger (refs/notes/goals-branches; shared by strategy-align sync), so its
commits keep the goal once merged, squashed, rebased or deleted.
`;

export const TAG_COMMIT_HELP = `Usage: strategy-align tag-commit REV GOAL [--repo DIR]

Tags one commit after the fact with a note on refs/notes/goals ("Goal: <id>"), replacing an earlier
goal note. History is never rewritten; share it with: strategy-align sync
`;

export async function tagBranchCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('tag-branch', args, { branch: { type: 'string' }, unset: { type: 'boolean' } });
  if (values.help) return (io.stdout(TAG_BRANCH_HELP), EXIT.ok);
  const [goalArg] = exactPositionals('tag-branch', positionals, values.unset ? [] : ['goal']);
  const repo = await openRepo(io, values.repo);
  try {
    const branch = typeof values.branch === 'string' ? values.branch : await repo.currentBranch();
    if (!branch) throw new CliError('HEAD is not on a branch: pass --branch NAME');
    if (!(await repo.hasLocalBranch(branch))) throw new CliError(`no local branch '${branch}'`);
    if (values.unset) {
      await repo.unsetBranchGoal(branch);
      io.stdout(`Branch '${printable(branch)}' has no goal tag now\n`);
      return EXIT.ok;
    }
    const { strategy } = await loadValidStrategy(repo.root, new Date());
    const goal = requireGoal(strategy, goalArg);
    await repo.setBranchGoal(branch, goal);
    await tagBranchAndRecord(repo, strategy, branch, goal);
    io.stdout(
      `Tagged branch '${printable(branch)}' with goal '${goal}' (${printable(strategy.goals.find((g) => g.id === goal)?.title ?? goal)})\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) throw error;
    return gitFailure(error);
  }
}

export async function tagCommitCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('tag-commit', args, {});
  if (values.help) return (io.stdout(TAG_COMMIT_HELP), EXIT.ok);
  const [rev, goalArg] = exactPositionals('tag-commit', positionals, ['rev', 'goal']);
  const repo = await openRepo(io, values.repo);
  const { strategy } = await loadValidStrategy(repo.root, new Date());
  const goal = requireGoal(strategy, goalArg);
  try {
    const sha = await repo.resolveCommit(rev);
    await repo.setGoalNote(sha, [goal], strategy.settings.trailer);
    await ensureNotesRewrite(repo);
    io.stdout(`Tagged commit ${sha.slice(0, 10)} with goal '${goal}' (note on refs/notes/goals)\n`);
    return EXIT.ok;
  } catch (error) {
    return gitFailure(error);
  }
}
