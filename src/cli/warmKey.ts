// Where the warm path's saved scans are and the key that names them (inputKey.ts's inputs): shared by
// the full scan that saves them (scan.ts) and the warm path that reads them (warm.ts). What is saved
// is core/scan/savedReport.ts's.
import { join } from 'node:path';
import { SNAPSHOT_FILE, snapshotKey } from '../core/history/reportSnapshot';
import { readInputs } from './inputKey';

export interface WarmKey {
  /** Where the saved reports are. */
  file: string;
  /** Names every input of the scan but the range and the clock. */
  key: string;
}

/** The key of the report of the repository holding `dir` by `measure`, or undefined when git or strategy.yaml cannot be read. */
export async function warmKey(dir: string, measure: string): Promise<WarmKey | undefined> {
  const inputs = await readInputs(dir, measure);
  return inputs && { file: join(inputs.folder, SNAPSHOT_FILE), key: snapshotKey(inputs.text) };
}
