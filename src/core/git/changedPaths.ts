// The paths each commit (or base..tip range) changes, from ONE `git diff-tree --stdin --raw`: trees
// only, no file contents, so far cheaper than the patch. Equal patch-ids need equal paths (a patch-id
// hashes every changed file by name), which makes this a filter before patch-ids (squashFilter.ts).
import type { PatchRequest } from './patchId';
import type { GitRunner } from './runner';

/**
 * Per request, in order: the sorted paths it changes joined by NUL ('' for no change), or undefined
 * when git could not read it (git skips an unreadable line without a word). A range's output is
 * named by its tip alone, so its base must be readable: then a line is skipped only when its first
 * sha is unreadable, and so is every other line that names it, and the lines are told apart in order.
 */
export async function changedPaths(runner: GitRunner, requests: readonly PatchRequest[]): Promise<(string | undefined)[]> {
  const out = new Array<string | undefined>(requests.length).fill(undefined);
  if (requests.length === 0) return out;
  const chunks: Buffer[] = [];
  let input = ''; // a loop, not a map callback: see listFilters.ts
  for (const r of requests) input += r.base ? `${r.sha} ${r.base}\n` : `${r.sha}\n`;
  // --always: a header for a change of nothing too; --no-renames: one path per entry, as the patch has it.
  const args = ['diff-tree', '--stdin', '-r', '--root', '-z', '--raw', '--always', '--no-renames'];
  await runner.each(args, (chunk) => chunks.push(chunk), input);
  // `<sha>\0` then per changed file `:<modes> <blobs> <status>\0<path>\0`.
  const tokens = Buffer.concat(chunks).toString('utf8').split('\0');
  const found: { at: number; paths: string[] }[] = [];
  let next = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.startsWith(':')) {
      found.at(-1)?.paths.push(tokens[++t]);
      continue;
    }
    if (token === '') continue;
    while (next < requests.length && requests[next].sha !== token) next++; // the lines git skipped
    if (next === requests.length) break;
    found.push({ at: next++, paths: [] });
  }
  for (const { at, paths } of found) out[at] = paths.sort().join('\0');
  return out;
}
