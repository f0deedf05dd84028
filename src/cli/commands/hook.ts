// `strategy-align hook install|uninstall`: the opt-in prepare-commit-msg hook, chained, never replacing.
import { printable } from '../../core/render/format';
import { exactPositionals, parse } from '../args';
import { gitFailure, loadValidStrategy, openRepo } from '../context';
import { CliError, type CliIO, EXIT } from '../io';

export const HOOK_HELP = `Usage: strategy-align hook install|uninstall [--repo DIR]

install    adds a prepare-commit-msg hook that appends "Goal: <id>" to commits made on a tagged
           branch (from the terminal too). An existing hook is kept and run first; core.hooksPath
           is honoured.
uninstall  removes it and puts the earlier hook back exactly as it was.
`;

export async function hookCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('hook', args, {});
  if (values.help) return (io.stdout(HOOK_HELP), EXIT.ok);
  const [action] = exactPositionals('hook', positionals, ['install|uninstall']);
  if (action !== 'install' && action !== 'uninstall') throw new CliError(`hook: expected install or uninstall, got '${action}'`);
  const repo = await openRepo(io, values.repo);
  const trailer = action === 'install' ? (await loadValidStrategy(repo.root, new Date())).strategy.settings.trailer : '';
  try {
    const result = action === 'install' ? await repo.installHook(trailer) : await repo.uninstallHook();
    const chained = result.chainedPath ? ` (your existing hook runs first: ${result.chainedPath})` : '';
    const messages: Record<typeof result.action, string> = {
      installed: `Installed ${result.hookPath}${chained}`,
      'already-installed': `Already installed: ${result.hookPath}`,
      uninstalled: `Removed ${result.hookPath}${result.chainedPath ? '; your earlier hook is back in place' : ''}`,
      'not-installed': `No Strategy Align hook at ${result.hookPath}; nothing changed`,
    };
    io.stdout(`${printable(messages[result.action])}\n`);
    return EXIT.ok;
  } catch (error) {
    return gitFailure(error);
  }
}
