// What the scan hands to the inherited rules (issue 12): the branch ledger, read when its ref moved,
// with the deleted branches the reflog recovers (recovered.ts), and the patch-ids the rules need, each computed once per sha (a commit's patch-id never changes):
// kept in the history cache's memory and, when it has a file, in patch-ids.bin beside it.
import { dirname, join } from 'node:path';
import { PatchCandidates } from '../attribution/patchCandidates';
import type { GitRepo } from '../git';
import type { HistoryCache } from '../history/historyCache';
import type { InheritSources } from '../scan/attributeHistory';
import type { HistoryView } from '../scan/historyView';
import { addPatchIds, PATCH_ID_FILE, type PatchIds, readPatchIds } from './patchIdStore';
import type { Strategy } from '../strategy/types';
import { recoverable, withRecovered } from './recovered';
import { squashesToCheck } from './squashFilter';
import type { NameTip } from './reflogBranches';
import { EMPTY_LEDGER, LEDGER_REF, type Ledger, parseLedger } from './record';
import { inSet, notInSet, shaRequests } from '../listFilters';

/** The ledger at `sha` (null: no ledger). */
export async function readLedger(repo: GitRepo, cache: HistoryCache | undefined, sha: string | null): Promise<Ledger> {
  if (!sha) return EMPTY_LEDGER;
  const known = cache?.recall<Ledger>('ledger', sha);
  if (known) return known;
  const ledger = parseLedger(await repo.readNotesText(LEDGER_REF));
  return cache ? cache.remember('ledger', sha, ledger) : ledger;
}

/** Whether `cache` holds the ledger at `sha` (readLedger reads no git for it). */
export function knowsLedger(cache: HistoryCache, sha: string): boolean {
  return cache.recall<Ledger>('ledger', sha) !== undefined;
}

/** Keeps the ledger at `sha` from its notes read elsewhere (the scan reads them with the goal notes: one process less). */
export function rememberLedger(cache: HistoryCache, sha: string, notes: ReadonlyMap<string, string>): void {
  cache.remember('ledger', sha, parseLedger(notes));
}

/** The memo of patch-ids (filled from patch-ids.bin for `shas`), and those of `shas` it still lacks. */
async function recall(
  cache: HistoryCache | undefined,
  shas: readonly string[],
): Promise<{ memo: PatchIds; missing: string[]; file?: string }> {
  const memo = cache?.recall<PatchIds>('patch-ids', 'all') ?? new Map<string, string | null>();
  cache?.remember('patch-ids', 'all', memo);
  let missing = notInSet(shas, memo);
  const file = cache?.file ? join(dirname(cache.file), PATCH_ID_FILE) : undefined;
  if (missing.length > 0 && file) {
    for (const [sha, id] of await readPatchIds(file, missing)) memo.set(sha, id);
    missing = notInSet(missing, memo);
  }
  return { memo, missing, file };
}

/** sha → patch-id (null: the commit changes nothing), for every sha asked, computing only the unknown ones. */
export async function knownPatchIds(
  repo: GitRepo,
  cache: HistoryCache | undefined,
  shas: readonly string[],
): Promise<Map<string, string | null>> {
  const { memo, missing, file } = await recall(cache, shas);
  if (missing.length > 0) {
    const found = await repo.patchIds(shaRequests(missing));
    const computed: PatchIds = new Map(missing.map((sha) => [sha, found.get(sha) ?? null]));
    for (const [sha, id] of computed) memo.set(sha, id);
    if (file) await addPatchIds(file, computed);
  }
  return new Map(shas.map((sha) => [sha, memo.get(sha) ?? null]));
}

/** Deleted branches' tips from the reflog (recovered.ts), to add to the ledger when their names get a goal. */
export interface DeletedTips {
  tips: readonly NameTip[];
  strategy: Strategy;
  base: string;
}

export async function inheritSources(
  repo: GitRepo,
  cache: HistoryCache | undefined,
  view: HistoryView,
  ledgerSha: string | null,
  deleted?: DeletedTips,
): Promise<InheritSources> {
  const shared = await readLedger(repo, cache, ledgerSha);
  const ledger = deleted
    ? await withRecovered(repo, cache, shared, recoverable(deleted.tips, deleted.strategy, shared), deleted.base)
    : shared;
  const { copies, squashes } = new PatchCandidates(view, ledger).neededApart(0, view.table.count);
  // The squash candidates' patch-ids known from before cost nothing; the others are filtered by their paths first
  // (squashFilter.ts), and those left out get none: it would match nothing. One look into patch-ids.bin for all
  // (knownPatchIds below reads it again only for what it did not hold).
  const unknown = new Set((await recall(cache, [...copies, ...squashes])).missing);
  const skipped = new Set(inSet(squashes, unknown));
  for (const sha of await squashesToCheck(repo, view, ledger, copies, [...skipped])) skipped.delete(sha);
  const patchIds = await knownPatchIds(repo, cache, [...copies, ...notInSet(squashes, skipped)]);
  return { ledger, patchIds };
}
