// The `strategy-align` executable: a small entry that loads only what the command needs. The
// build makes three files: this one (dist/cli.js: version and help), dist/cli-report.js (the warm
// report and check, from a saved scan) and dist/cli-commands.js (every command in full). A report
// or check whose output was saved (printed.ts) is answered here, loading neither.
import { fstatSync, statSync, writeSync } from 'node:fs';
import { HELP, VERSION } from './help';
import { type CliIO, EXIT } from './io';
import { join } from 'node:path';
import { requireBundle, saveCodeCaches } from './codeCache';
import { replayPrinted } from './printed';

/**
 * Standard output written straight to fd 1: process.stdout would load Node's stream modules (~4 ms
 * of a warm report). A pipe that would block (EAGAIN) gets the rest through process.stdout; a
 * reader that went away (EPIPE) gets nothing more.
 */
let stdoutGone = false;
function writeStdout(text: string): void {
  if (stdoutGone) return;
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') stdoutGone = true;
      else if (code === 'EAGAIN') process.stdout.write(bytes);
      else throw error;
      return;
    }
  }
}

/** False when `fd` is surely no terminal (a pipe, a file, /dev/null): asked without process.stdout. */
function mayBeTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isCharacterDevice() && stat.rdev !== statSync('/dev/null').rdev;
  } catch {
    return true; // let process.stdout say
  }
}

const processIO: CliIO = {
  stdout: writeStdout,
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  get isTTY() {
    // process.stdout loads Node's stream modules (~4 ms): asked only when stdout may be a terminal.
    return mayBeTerminal(1) && Boolean(process.stdout.isTTY);
  },
};

/** A sibling bundle (the command's code), with its V8 code cache (codeCache.ts); loaded once a process. */
const loaded = new Map<string, unknown>();
function bundle(name: string): unknown {
  if (!loaded.has(name)) loaded.set(name, requireBundle(join(__dirname, name), process.env));
  return loaded.get(name);
}

/**
 * One command line, as the executable runs it. Exported for the unit tests, which run the built
 * file in their own process too (helpers/cli.ts `builtHere`): the same three layers, no Node start.
 */
export async function runMain(argv: string[], io: CliIO): Promise<number> {
  const [name] = argv;
  if (name === '--version' || name === '-v') return (io.stdout(`${VERSION}\n`), EXIT.ok);
  if (name === undefined || name === '--help' || name === '-h') return (io.stdout(HELP), name === undefined ? EXIT.usage : EXIT.ok);
  if (name === 'report' || name === 'check') {
    const printed = await replayPrinted(argv, io); // the same command line's saved output, when it holds
    if (printed.code !== undefined) return printed.code;
    const warm = await (bundle('cli-report.js') as typeof import('./warm')).warmCommand(argv, io, printed.place);
    if (warm !== undefined) return warm;
  }
  return (bundle('cli-commands.js') as typeof import('./run')).runCli(argv, io);
}

if (require.main === module)
  runMain(process.argv.slice(2), processIO).then(
    (code) => {
      process.exitCode = code;
      saveCodeCaches();
    },
    (error: unknown) => {
      process.stderr.write(`strategy-align: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
