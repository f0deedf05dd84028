// Runs the BUILT command line (dist/cli.js, as `npx strategy-align` does) in a child process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliIO } from '../../../src/cli/io';
import type { AlignmentReport } from '../../../src/core/alignment/reportTypes';
import { runCli } from '../../../src/cli/run';

export const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(cwd: string, args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking: for several CLI processes racing each other. */
export function cliAsync(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * The same command run in THIS process (runCli, the function dist/cli.js wraps, with captured
 * streams): ~1 ms instead of a Node start and a 1 MB bundle load per call. For the cases whose point
 * is the command's behaviour, not the process boundary; each file keeps real spawns of cli() for
 * that. git still sees this process's environment, so `env` may only hold what the CLI itself reads.
 */
export function cliHere(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return captured('cliHere', cwd, env, (io) => runCli(args, io));
}

type RunMain = (argv: string[], io: CliIO) => Promise<number>;
let builtMain: RunMain | undefined;

/**
 * The BUILT command line (dist/cli.js's runMain: saved output, warm bundle, full commands, with the
 * build's own version key) run in THIS process: for the cache tests, whose runs must share one
 * build's saved files but whose point is not the process boundary. Each keeps real cli() runs too.
 */
export function builtHere(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  builtMain ??= (require(CLI) as { runMain: RunMain }).runMain;
  const run = builtMain;
  return captured('builtHere', cwd, env, (io) => run(args, io));
}

/** Runs `command` with captured streams; git sees this process's environment, so `env` may only hold what the CLI reads. */
async function captured(
  name: string,
  cwd: string,
  env: Record<string, string | undefined>,
  command: (io: CliIO) => Promise<number>,
): Promise<CliRun> {
  const forGit = Object.keys(env).filter((k) => k === 'PATH' || k.startsWith('GIT_'));
  if (forGit.length > 0) throw new Error(`${name}: ${forGit.join(', ')} must reach git: use cli(), a real process`);
  let stdout = '';
  let stderr = '';
  const code = await command({
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { ...process.env, ...env },
    cwd,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** A successful run's JSON report (its stderr shown when it failed). */
export function json(run: CliRun): AlignmentReport {
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as AlignmentReport;
}

/** A report without its clock. */
export const timeless = (report: AlignmentReport) => ({ ...report, generatedAt: '' });
