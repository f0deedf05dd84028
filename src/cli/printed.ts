// The printed-output cache of `report` and `check`: what a warm run printed, saved under its exact
// arguments, working directory, the environment the rendering reads and the key of every input of
// the scan (inputKey.ts). A later run of the same command line whose key matches, within the time
// the output was proven not to change (warm.ts renders it at two instants and saves it only when
// both agree but for the clock), writes the saved bytes with this run's clock (the ISO time, e.g.
// JSON's generatedAt) and parses no report at all. It is read by the CLI's entry (main.ts) with
// only node:fs and node:path loaded: not node:crypto, which loads Node's stream modules (the file
// name and the checksum are FNV-1a; the key is compared whole). Anything not exactly right is a miss.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { removeQuietly } from './codeCache';
import { readInputs } from './inputKey';
import { type CliIO, useColor } from './io';

const FOLDER = 'printed';
const MAGIC = 'STRALIGN-PRINTED 2\n';
/** Saved outputs kept (the newest); one per command line and repository state. */
const MAX_FILES = 32;

/** Where one command line's output is saved. */
export interface PrintedPlace {
  file: string;
  /** The command line, its environment and every input of the scan. */
  key: string;
}

/** What a run printed: its exit code, and its standard output cut where the clock's ISO time was. */
export interface Printed {
  code: number;
  parts: string[];
  /** Milliseconds: the output holds for clocks in [from, until). */
  from: number;
  until: number;
}

/** The --repo argument as parseArgs reads it (the last one); warm.ts saves only when both agree. */
export function repoArgument(args: readonly string[]): string | undefined {
  let repo: string | undefined;
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    if (args[i] === '--repo') repo = args[++i];
    else if (args[i].startsWith('--repo=')) repo = args[i].slice('--repo='.length);
  }
  return repo;
}

/** The place of `argv`'s output (argv[0] is the command), or undefined when it is never saved. */
export async function printedPlace(argv: readonly string[], io: CliIO): Promise<PrintedPlace | undefined> {
  if (io.env.GITHUB_STEP_SUMMARY) return undefined; // check appends to it: a side effect to run
  const inputs = await readInputs(resolve(io.cwd, repoArgument(argv.slice(1)) ?? '.'), FOLDER);
  if (!inputs) return undefined;
  const { COLUMNS, TZ } = io.env;
  const zone = new Date().getTimezoneOffset();
  const line = JSON.stringify([argv, io.cwd, COLUMNS ?? null, TZ ?? null, zone, useColor(io)]);
  // Named by the command line alone (a new state of the repository replaces its output); the inputs are compared whole.
  return { file: join(inputs.folder, FOLDER, `${fnv1a(line)}.bin`), key: `${line}\n${inputs.text}` };
}

/** FNV-1a (32 bits, hex) of a text's UTF-16 code units. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The file: MAGIC, a JSON header line (the key, exit code, time span, the lengths of the output's
 * parts between clocks and a checksum of all but the key), then the output. The key is not hashed:
 * it is compared whole.
 */
interface Header {
  key: string;
  code: number;
  from: number;
  until: number;
  lengths: number[];
  sum: string;
}

/** The FNV-1a of what a header says of the output, and of the output. */
const checksum = (header: Header, output: string) =>
  fnv1a(`${JSON.stringify([header.code, header.from, header.until, header.lengths])}${output}`);

/** The saved output at `place` for a run at `now` (ms), or undefined. */
export function readPrinted(place: PrintedPlace, now: number): Printed | undefined {
  try {
    const text = readFileSync(place.file, 'utf8');
    const end = text.indexOf('\n', MAGIC.length);
    if (!text.startsWith(MAGIC) || end < 0) return undefined;
    const header = JSON.parse(text.slice(MAGIC.length, end)) as Header;
    if (header.key !== place.key || !(header.from <= now && now < header.until)) return undefined;
    const output = text.slice(end + 1);
    if (checksum(header, output) !== header.sum || header.lengths.reduce((a, b) => a + b, 0) !== output.length) return undefined;
    let at = 0;
    const parts = header.lengths.map((length) => output.slice(at, (at += length)));
    return { code: header.code, from: header.from, until: header.until, parts };
  } catch {
    return undefined;
  }
}

/** Saves `printed` at `place` (temporary file renamed into place), keeping the newest MAX_FILES. A failure only costs time. */
export function writePrinted(place: PrintedPlace, printed: Printed): void {
  const temporary = `${place.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const output = printed.parts.join('');
    const lengths = printed.parts.map((part) => part.length);
    const header: Header = { key: place.key, code: printed.code, from: printed.from, until: printed.until, lengths, sum: '' };
    header.sum = checksum(header, output);
    const folder = join(place.file, '..');
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, `${MAGIC}${JSON.stringify(header)}\n${output}`);
    renameSync(temporary, place.file);
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.bin'))
      .map((name) => ({ name, at: statSync(join(folder, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of files.slice(MAX_FILES)) rmSync(join(folder, old.name), { force: true });
  } catch {
    removeQuietly(temporary);
    // read-only .git, disk full, a race with another run: the next run renders again
  }
}

/** The exit code of a run answered from its saved output, or its place to save it at (or nothing). */
export async function replayPrinted(argv: readonly string[], io: CliIO): Promise<{ code?: number; place?: PrintedPlace }> {
  const place = await printedPlace(argv, io).catch(() => undefined);
  if (!place) return {};
  const now = Date.now();
  const saved = readPrinted(place, now);
  if (!saved) return { place };
  io.stdout(saved.parts.join(new Date(now).toISOString()));
  return { code: saved.code };
}
