// `strategy-align triage`: the untagged work that has a suggestion, and on --accept (a person's yes)
// those suggestions written as goal notes through the one safe note writer.
import { count, plural, printable } from '../../core/render/format';
import { RangeSpecError } from '../../core/scan/range';
import type { TriageGroup, TriageQueue } from '../../core/triage/queue';
import { type Accepted, acceptTriage, readTriageQueue } from '../../core/triage/triage';
import { exactPositionals, oneOf, parse } from '../args';
import { gitFailure, loadValidStrategy, openRepo } from '../context';
import { CliError, type CliIO, EXIT } from '../io';
import { historyCache } from '../scan';

export const TRIAGE_HELP = `Usage: strategy-align triage [--accept] [--dry-run] [--branch NAME] [--since 90d|DATE]
                             [--format text|json] [--repo DIR]

Lists the untagged commits in range that have a suggested goal, grouped by branch (the most
commits first; commits on no branch but the base under the base's name), newest first, with
why: an issue key no goal's issues: claims but that commits tagged by note or trailer give one
goal ("PAY-7 is tagged checkout elsewhere"), else the goal's match rules (paths, branches,
keywords). Untagged commits without a suggestion are counted, not listed.

Nothing is tagged unless you say so:
  --accept        write each suggested goal as a note on refs/notes/goals (as tag-commit does,
                  in one change that is safe against other writers); a commit that has a note
                  with another goal meanwhile keeps it
  --dry-run       print what --accept would write and write nothing
  --branch NAME   only that branch's commits (the base's name: commits on no other branch)
  --format F      text (default) or json
Share the notes with: strategy-align sync
`;

export async function triageCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse('triage', args, {
    accept: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    branch: { type: 'string' },
    since: { type: 'string' },
    format: { type: 'string' },
  });
  if (values.help) return (io.stdout(TRIAGE_HELP), EXIT.ok);
  exactPositionals('triage', positionals, []);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const dryRun = values['dry-run'] === true;
  const accept = values.accept === true && !dryRun;
  const repo = await openRepo(io, values.repo);
  const { strategy } = await loadValidStrategy(repo.root, new Date());
  try {
    const read = await readTriageQueue(repo, strategy, {
      cache: await historyCache(repo, false),
      since: values.since as string | undefined,
    });
    let queue = read.queue;
    if (typeof values.branch === 'string') {
      const branch = values.branch;
      if (!read.branchNames.includes(branch) && !queue.groups.some((g) => g.branch === branch))
        throw new CliError(`no branch '${branch}' in range (branches: ${read.branchNames.join(', ') || 'none'})`);
      queue = { ...queue, groups: queue.groups.filter((g) => g.branch === branch) };
    }
    const items = queue.groups.flatMap((g) => g.items);
    const accepted = accept ? await acceptTriage(repo, strategy, items) : undefined;
    io.stdout(format === 'json' ? asJson(queue, dryRun, accepted) : asText(queue, dryRun, accepted));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof RangeSpecError) throw new CliError(error.message);
    return gitFailure(error);
  }
}

function asText(queue: TriageQueue, dryRun: boolean, accepted: Accepted[] | undefined): string {
  const listed = queue.groups.reduce((sum, g) => sum + g.items.length, 0);
  const lines = [
    `Triage: ${plural(listed, 'untagged commit')} with a suggested goal` +
      (queue.leftOut > 0 ? ` (${count(queue.leftOut)} more untagged without a suggestion, not listed)` : ''),
  ];
  for (const group of queue.groups) lines.push('', ...groupLines(group));
  if (listed === 0) lines.push('Nothing to review.');
  else if (accepted) {
    const written = accepted.filter((a) => a.outcome === 'written').length;
    lines.push('', `Wrote ${plural(written, 'goal note')} on refs/notes/goals:`);
    for (const { item, outcome } of accepted) lines.push(`  ${item.sha.slice(0, 7)} ${OUTCOME[outcome]}${item.goal}`);
    lines.push('Share them with: strategy-align sync');
  } else if (dryRun) {
    lines.push('', `--dry-run: --accept would write ${plural(listed, 'goal note')} on refs/notes/goals (nothing written):`);
    for (const item of queue.groups.flatMap((g) => g.items)) lines.push(`  ${item.sha.slice(0, 7)} Goal: ${item.goal}`);
  } else lines.push('', 'Nothing was tagged. Run with --accept to write these goals as notes (--dry-run to preview).');
  return `${lines.join('\n')}\n`;
}

const OUTCOME = { written: 'Goal: ', same: 'already had Goal: ', kept: 'has a note with other goals (kept), not tagged ' } as const;

function groupLines(group: TriageGroup): string[] {
  return [
    `${printable(group.branch)} (${count(group.items.length)})`,
    ...group.items.map((i) => `  ${i.sha.slice(0, 7)}  ${printable(i.subject)}  → ${i.goal}  (${printable(i.reason)})`),
  ];
}

function asJson(queue: TriageQueue, dryRun: boolean, accepted: Accepted[] | undefined): string {
  const out = {
    schemaVersion: 1,
    untagged: queue.untagged,
    leftOut: queue.leftOut,
    groups: queue.groups,
    dryRun,
    ...(accepted ? { accepted: accepted.map(({ item, outcome }) => ({ sha: item.sha, goal: item.goal, outcome })) } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
