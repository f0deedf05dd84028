// Deleted branches found in HEAD's reflog (issue 12): a branch whose goal comes from its name (or
// from the ledger's record of that name), worked on with plain git and deleted before anything
// recorded it. Each of its last tips is a local, unshared "recovered" record, matched by the same
// squash and patch rules as the ledger's; sync writes them into the ledger so they travel.
// Only names with no live local branch (a live one is the branch rule's, and sync records it).
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { patternGoal } from '../attribution/branchGoal';
import type { GitRepo, RefListing } from '../git';
import { readReflogs, reflogStamp } from '../git/reflogFiles';
import { findRepoPaths, gitEnvironment } from '../git/repoFiles';
import type { HistoryCache } from '../history/historyCache';
import type { Strategy } from '../strategy/types';
import { type Ledger, recordedGoalByName } from './record';
import { type NameTip, reflogBranchTips } from './reflogBranches';
import { type TipFacts, tipsFacts } from './tipFacts';

export const RECOVERED_FILE = 'recovered-tips.json';
const VERSION = 1;

/** The last reflogs read and what they said: an editor scans again and again, its reflog rarely changes (50k entries take ~50 ms). */
let parsed: { stamp: string; tips: NameTip[] } | undefined;

/** The tips of deleted branches HEAD's reflogs remember (no git process), oldest first; [] without a reflog. */
export function deletedBranchTips(root: string, listing: RefListing, base: string | undefined): NameTip[] {
  // git's location variables (GIT_DIR, …) may name another repository than the files found from root.
  const paths = gitEnvironment(process.env) === undefined ? undefined : findRepoPaths(root);
  if (!paths || !base) return [];
  const live = new Set(listing.branches.map((b) => b.name)); // remote-tracking names too: a detached checkout of origin/x
  const baseShort = base.replace(/^[^/]+\//, '');
  const stamp = `${paths.commonDir}\n${reflogStamp(paths.commonDir)}`;
  if (parsed?.stamp !== stamp) parsed = { stamp, tips: reflogBranchTips(readReflogs(paths)) };
  return parsed.tips.filter((t) => !live.has(t.name) && t.name !== base && t.name !== baseShort);
}

/** The tips that get a goal (the ledger's newest record of the name, else branchPattern) and no ledger record yet. */
export function recoverable(tips: readonly NameTip[], strategy: Strategy, ledger: Ledger): (NameTip & { goal: string })[] {
  const byName = recordedGoalByName(ledger);
  const recorded = new Set(ledger.branches.map((b) => b.tip));
  const out: (NameTip & { goal: string })[] = [];
  for (const t of tips) {
    const goal = byName.get(t.name) ?? patternGoal(strategy, t.name);
    if (goal && !recorded.has(t.tip)) out.push({ ...t, goal });
  }
  return out;
}

type FactsMemo = Map<string, TipFacts | null>;

function readFactsFile(file: string | undefined): FactsMemo {
  const memo: FactsMemo = new Map();
  if (!file) return memo;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version: number; tips: Record<string, TipFacts | null> };
    if (data.version === VERSION) for (const [tip, facts] of Object.entries(data.tips)) memo.set(tip, facts);
  } catch {
    // no file, or not one of ours: computed again
  }
  return memo;
}

async function writeFactsFile(file: string, memo: FactsMemo): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, JSON.stringify({ version: VERSION, tips: Object.fromEntries(memo) }));
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined); // costs the next run time, nothing else
  }
}

/**
 * The ledger with the recovered records of `tips` added (a new object; `ledger` is left as read).
 * Each tip's facts are computed once (a few git processes) and kept beside the history cache.
 */
export async function withRecovered(
  repo: GitRepo,
  cache: HistoryCache | undefined,
  ledger: Ledger,
  tips: readonly (NameTip & { goal: string })[],
  base: string,
): Promise<Ledger> {
  if (tips.length === 0) return ledger;
  const file = cache?.file ? join(dirname(cache.file), RECOVERED_FILE) : undefined;
  const memo = cache?.recall<FactsMemo>('recovered-tips', 'all') ?? readFactsFile(file);
  cache?.remember('recovered-tips', 'all', memo);
  const missing = [...new Set(tips.map((t) => t.tip))].filter((tip) => !memo.has(tip));
  if (missing.length > 0) {
    const found = await tipsFacts(repo, missing, base).catch(() => new Map<string, TipFacts | null>()); // asked again next time
    for (const [tip, facts] of found) memo.set(tip, facts);
    if (found.size > 0 && file) await writeFactsFile(file, memo);
  }
  const out: Ledger = { branches: [...ledger.branches], commits: [...ledger.commits], conflicts: ledger.conflicts };
  for (const { name, tip, goal } of tips) {
    const facts = memo.get(tip);
    if (!facts) continue;
    out.branches.push({ name, goal, tip, base: facts.base, patchId: facts.patchId, time: facts.time });
    for (const c of facts.commits) out.commits.push({ ...c, goal });
  }
  return out;
}
