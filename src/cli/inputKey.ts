// What names a saved report's inputs (the build, strategy.yaml's bytes, the repository's
// fingerprint), read without node:crypto (which loads Node's stream modules): the printed-output
// cache of the entry (printed.ts) compares it whole; warmKey.ts hashes it for the saved scans.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFingerprint } from '../core/git/fingerprint';
import { BUILD } from './help';

/** The history cache's folder under the git common dir (CACHE_DIR of core/history/cacheFile). */
export const CACHE_FOLDER = 'strategy-align';

export interface Inputs {
  /** The cache folder (under the git common dir). */
  folder: string;
  /** Every input of the scan but the range and the clock, as one JSON text. */
  text: string;
}

/** The inputs of the report of the repository holding `dir` by `measure`, or undefined when git or strategy.yaml cannot be read. */
export async function readInputs(dir: string, measure: string): Promise<Inputs | undefined> {
  const fingerprint = await readFingerprint(dir);
  if (!fingerprint) return undefined;
  let strategy: string;
  try {
    strategy = readFileSync(join(fingerprint.root, 'strategy.yaml'), 'latin1'); // one char per byte: the bytes exactly
  } catch {
    return undefined;
  }
  const { root, commonDir, refs, config } = fingerprint;
  return { folder: join(commonDir, CACHE_FOLDER), text: JSON.stringify([BUILD, root, commonDir, strategy, refs, config, measure]) };
}
