// Fewer patch-ids for the squash rule (issue 15's scale): every commit without written goals that was
// committed after a recorded branch's tip may be that branch's squash, ~1,100 a repository in the
// 50-repository bench, and a patch-id diffs each one's files whole. A squash changes the paths its
// branch changed, and equal patch-ids need equal changed paths, so one `diff-tree --raw` (trees only)
// over the candidates and over what they could match leaves only the few whose paths match for a
// patch-id. Nothing changes in what is attributed: the others' patch-ids would match nothing.
import type { GitRepo } from '../git';
import type { HistoryView } from '../scan/historyView';
import type { Ledger } from './record';
import { shaRequests } from '../listFilters';

/**
 * Fewer candidates than this get their patch-ids without the filter, whose process costs ~10 ms to
 * start here. Measured over 2,000 commits of git/git: patches and patch-ids 2.9–3.2 core-s, the paths
 * 0.3; over the bench's small synthetic commits 0.07 against 0.05 a 1,000. So it pays from some tens
 * of real commits, and a cold scan of a small repository keeps its six git processes.
 */
export const FILTER_FROM = 100;

/**
 * The squash candidates (`squashes`) whose changed paths equal those of a change their patch-id
 * could match: a recorded branch's whole change, a recorded commit's, or one of `copies` (the other
 * patch-id requests, note-tagged commits among them). All of `squashes` when one of those changes
 * cannot be read here (a deleted branch's tip or commits pruned, a base outside the history read),
 * and when there are fewer than `from`.
 */
export async function squashesToCheck(
  repo: GitRepo,
  view: HistoryView,
  ledger: Ledger,
  copies: readonly string[],
  squashes: readonly string[],
  from = FILTER_FROM,
): Promise<readonly string[]> {
  if (squashes.length === 0 || squashes.length < from) return squashes;
  const { table } = view;
  const branches = ledger.branches.filter((b) => b.patchId);
  // git names a range's output by its tip alone and skips an unreadable line without a word, so a range is
  // told apart only if its base is readable (read by the history log: on the base branch). Its tip may be
  // gone (a deleted branch, pruned): then so is every line naming it, and the range reads as unreadable.
  if (branches.some((b) => table.find(b.base) < 0)) return squashes;
  const targets = [...new Set([...ledger.commits.filter((c) => c.patchId).map((c) => c.sha), ...copies])];
  const requests = [...branches.map((b) => ({ sha: b.tip, base: b.base })), ...shaRequests(targets), ...shaRequests(squashes)];
  const paths = await repo.changedPaths(requests);
  const known = paths.slice(0, branches.length + targets.length);
  if (known.includes(undefined)) return squashes;
  const matchable = new Set(known);
  const toCheck: string[] = [];
  for (let i = 0; i < squashes.length; i++) {
    const own = paths[branches.length + targets.length + i];
    if (own === undefined || matchable.has(own)) toCheck.push(squashes[i]);
  }
  return toCheck;
}
