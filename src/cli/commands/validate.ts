// `strategy-align validate`: every diagnostic as `strategy.yaml:LINE:COL: severity: message`.
import { join, resolve } from 'node:path';
import { GitError, GitRepo } from '../../core/git';
import { count, plural, printable } from '../../core/render/format';
import { formatDiagnostic, loadStrategyFile, STRATEGY_FILE } from '../../core/strategy';
import { exactPositionals, parse } from '../args';
import { CliError, type CliIO, EXIT } from '../io';

export const VALIDATE_HELP = `Usage: strategy-align validate [--repo DIR]

Checks strategy.yaml and prints one line per problem: strategy.yaml:LINE:COL: error|warning: message.
Exit 0 when there is no error (warnings allowed), 2 when the file is missing or has errors.
`;

export async function validateCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('validate', args, {});
  if (values.help) return (io.stdout(VALIDATE_HELP), EXIT.ok);
  exactPositionals('validate', positionals, []);
  const dir = resolve(io.cwd, typeof values.repo === 'string' ? values.repo : '.');
  // strategy.yaml lives at the repository root; outside a repository, validate the folder given.
  const root = await GitRepo.open(dir).then(
    (r) => r.root,
    (e) => {
      if (e instanceof GitError) return dir;
      throw e;
    },
  );
  const loaded = await loadStrategyFile(join(root, STRATEGY_FILE));
  if (!loaded.found) throw new CliError(`no ${STRATEGY_FILE} in ${root}`);
  for (const d of loaded.diagnostics) io.stdout(`${printable(formatDiagnostic(d, STRATEGY_FILE))}\n`);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = loaded.diagnostics.length - errors;
  if (errors > 0) {
    io.stderr(`${STRATEGY_FILE}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
    return EXIT.usage;
  }
  const goals = loaded.strategy?.goals ?? [];
  io.stdout(
    `${STRATEGY_FILE}: valid, ${plural(goals.length, 'goal')} (${count(goals.filter((g) => g.status === 'active').length)} active)${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`,
  );
  return EXIT.ok;
}
