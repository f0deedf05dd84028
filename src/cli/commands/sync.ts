// `strategy-align sync`: publish this clone's tags and bring in the team's (issue 12).
import { printable } from '../../core/render/format';
import { SyncError } from '../../core/sync/sync';
import { syncRepository } from '../../core/sync/syncRepository';
import type { GitRepo } from '../../core/git';
import type { Strategy } from '../../core/strategy/types';
import { exactPositionals, parse } from '../args';
import { gitFailure, loadValidStrategy, openRepo } from '../context';
import { CliError, type CliIO, EXIT } from '../io';

export const SYNC_HELP = `Usage: strategy-align sync [--remote NAME] [--repo DIR]

Publishes this clone's tags and brings in the team's: goal notes (refs/notes/goals) and the branch
ledger (refs/notes/goals-branches: each tagged branch's goal and commits, so its work keeps the
goal once merged, squashed, rebased or deleted). The remote's notes are fetched into private refs,
merged into the local ones (a commit given different goals on two clones keeps both: split, and
listed here), and pushed without force; if someone pushed meanwhile, it merges and pushes again.
Also sets notes.rewriteRef so rebase and amend carry goal notes along.
  --remote NAME   the remote (default: origin, else the only remote)
Exit 2 with one line, and no local notes changed, when the remote is missing, unreachable or refuses.
`;

export async function syncCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('sync', args, { remote: { type: 'string' } });
  if (values.help) return (io.stdout(SYNC_HELP), EXIT.ok);
  exactPositionals('sync', positionals, []);
  const repo = await openRepo(io, values.repo);
  const { strategy } = await loadValidStrategy(repo.root, new Date());
  const result = await runSync(repo, strategy, { remote: values.remote as string | undefined, push: true }, io);
  const pushed = result.refs.filter((r) => r.pushed).length;
  const pulled = result.refs.filter((r) => r.updatedLocal).length;
  io.stdout(
    `Synced tags with '${printable(result.remote)}': ${pushed ? 'published' : 'nothing new to publish'}, ${pulled ? "brought in teammates' tags" : 'nothing new to bring in'}\n`,
  );
  return EXIT.ok;
}

/** The sync of sync, report --fetch and check --fetch: failures become one-line CliErrors (exit 2). */
export async function runSync(repo: GitRepo, strategy: Strategy, options: { remote?: string; push: boolean }, io: CliIO) {
  try {
    const result = await syncRepository(repo, strategy, options);
    const { recorded } = result;
    if (recorded.length > 0)
      io.stderr(`strategy-align: recorded ${recorded.map((n) => `'${printable(n)}'`).join(', ')} in the branch ledger\n`);
    for (const c of result.conflicts) {
      io.stderr(
        `strategy-align: warning: commit ${c.sha.slice(0, 10)} was given '${c.ours.join(', ')}' here and '${c.theirs.join(', ')}' on '${printable(result.remote)}': both kept (split); tag-commit it to settle\n`,
      );
    }
    return result;
  } catch (error) {
    if (error instanceof SyncError) throw new CliError(`sync: ${error.message}; nothing was changed`);
    if (error instanceof CliError) throw error;
    return gitFailure(error);
  }
}
