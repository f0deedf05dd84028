// HEAD's reflog of every worktree, read as files (no git process, like repoFiles.ts): the main
// worktree's logs/HEAD and each linked worktree's worktrees/<id>/logs/HEAD, with its HEAD. What
// cannot be read is left out (a fresh clone's reflog holds only the clone).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoPaths } from './repoFiles';

export interface ReflogFile {
  /** The text of logs/HEAD. */
  log: string;
  /** The text of that worktree's HEAD file (`ref: refs/heads/B`, or a sha when detached). */
  head: string;
}

/** The git dirs whose HEAD has a reflog: the common dir, then every linked worktree's, sorted. */
function headDirs(commonDir: string): string[] {
  let ids: string[];
  try {
    ids = readdirSync(join(commonDir, 'worktrees')).sort();
  } catch {
    ids = []; // no linked worktree
  }
  return [commonDir, ...ids.map((id) => join(commonDir, 'worktrees', id))];
}

export function readReflogs(paths: RepoPaths): ReflogFile[] {
  const out: ReflogFile[] = [];
  for (const dir of headDirs(paths.commonDir)) {
    try {
      out.push({ log: readFileSync(join(dir, 'logs', 'HEAD'), 'utf8'), head: readFileSync(join(dir, 'HEAD'), 'utf8') });
    } catch {
      // no reflog there
    }
  }
  return out;
}

/** Size and modification time of every HEAD reflog: a key that changes whenever one of them does (appended, expired). */
export function reflogStamp(commonDir: string): string {
  return headDirs(commonDir)
    .map((dir) => {
      const stat = statSync(join(dir, 'logs', 'HEAD'), { throwIfNoEntry: false });
      return stat ? `reflog\0${dir}\0${stat.size}\0${stat.mtimeMs}` : '';
    })
    .filter(Boolean)
    .join('\n');
}
