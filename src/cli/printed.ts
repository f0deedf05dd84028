// The printed-output cache of `report` and `check`: what a warm run printed, saved under its exact
// arguments, working directory, the environment the rendering reads and the key of every input of
// the scan (inputKey.ts). A later run of the same command line whose key matches, within the time
// the output was proven not to change (warm.ts renders it at two instants and saves it only when
// both agree but for the clock), writes the saved bytes with this run's clock (the ISO time, e.g.
// JSON's generatedAt) and parses no report at all. It is read by the CLI's entry (main.ts) with
// only node:fs and node:path loaded: not node:crypto, which loads Node's stream modules (the file
// names and its checksum are FNV-1a; the key is compared whole). Anything not exactly right is a miss.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { removeQuietly } from './codeCache';
import { readInputs } from './inputKey';
import { type CliIO, useColor } from './io';

const FOLDER = 'printed';
const MAGIC = 'STRALIGN-PRINTED 1\n';
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
  const key = JSON.stringify([inputs.text, argv, io.cwd, COLUMNS ?? null, TZ ?? null, zone, useColor(io)]);
  return { file: join(inputs.folder, FOLDER, `${fnv1a(key)}.bin`), key };
}

/** FNV-1a (32 bits, hex) of a text's UTF-16 code units. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The saved output at `place` for a run at `now` (ms), or undefined. */
export function readPrinted(place: PrintedPlace, now: number): Printed | undefined {
  try {
    const text = readFileSync(place.file, 'utf8');
    const end = text.lastIndexOf('\n');
    const body = text.slice(MAGIC.length, end);
    if (!text.startsWith(MAGIC) || fnv1a(body) !== text.slice(end + 1)) return undefined;
    const saved = JSON.parse(body) as Printed & { key: string };
    if (saved.key !== place.key || !(saved.from <= now && now < saved.until) || !Array.isArray(saved.parts)) return undefined;
    return saved;
  } catch {
    return undefined;
  }
}

/** Saves `printed` at `place` (temporary file renamed into place), keeping the newest MAX_FILES. A failure only costs time. */
export function writePrinted(place: PrintedPlace, printed: Printed): void {
  const temporary = `${place.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const body = JSON.stringify({ key: place.key, ...printed });
    const folder = join(place.file, '..');
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, `${MAGIC}${body}\n${fnv1a(body)}`);
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
