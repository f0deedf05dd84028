// The command dispatcher: every failure becomes an exit code and one line, never a stack trace.
import { hookCommand, HOOK_HELP } from './commands/hook';
import { mergeCommand, MERGE_HELP } from './commands/merge';
import { checkCommand, CHECK_HELP, reportCommand, REPORT_HELP } from './commands/report';
import { syncCommand, SYNC_HELP } from './commands/sync';
import { triageCommand, TRIAGE_HELP } from './commands/triage';
import { tagBranchCommand, TAG_BRANCH_HELP, tagCommitCommand, TAG_COMMIT_HELP } from './commands/tag';
import { validateCommand, VALIDATE_HELP } from './commands/validate';
import { printable } from '../core/render/format';
import { HELP, VERSION } from './help';
import { CliError, type CliIO, EXIT } from './io';
import { scanReport } from './multi';
import { spoolOutput } from '../core/git/runner';

export { HELP } from './help';

const COMMANDS: Record<string, { run: (args: string[], io: CliIO) => Promise<number>; help: string }> = {
  report: { run: (args, io) => reportCommand(args, io, scanReport), help: REPORT_HELP },
  check: { run: (args, io) => checkCommand(args, io, scanReport), help: CHECK_HELP },
  merge: { run: mergeCommand, help: MERGE_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  'tag-branch': { run: tagBranchCommand, help: TAG_BRANCH_HELP },
  'tag-commit': { run: tagCommitCommand, help: TAG_COMMIT_HELP },
  hook: { run: hookCommand, help: HOOK_HELP },
  sync: { run: syncCommand, help: SYNC_HELP },
  triage: { run: triageCommand, help: TRIAGE_HELP },
};

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS[args[0] ?? ''] : undefined;
    io.stdout(topic?.help ?? HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`strategy-align: unknown command '${printable(name)}' (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return EXIT.usage;
  }
  // The history log through a file: git never waits on this process (core/git/spool.ts).
  const spooled = spoolOutput(true);
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`strategy-align: ${printable(error.message)}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr(`strategy-align: unexpected error: ${printable(message)}\n`);
    if (io.env.STRATEGY_ALIGN_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.usage;
  } finally {
    spoolOutput(spooled);
  }
}
