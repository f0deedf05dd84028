// The per-repository table of a combined report (several repositories, or `merge`): each
// repository's own commits, coverage, untagged share and the goal that got most of its effort.
import type { AlignmentReport, RepositoryReport } from '../alignment/reportTypes';
import { escapeHtml as h } from './escape';
import { count, pct, printable } from './format';

interface Row {
  name: string;
  commits: string;
  attributed: string;
  untagged: string;
  top: string;
}

function rows(report: AlignmentReport): Row[] {
  return (report.repositories ?? []).map((r: RepositoryReport) => {
    const top = r.goals.reduce<RepositoryReport['goals'][number] | undefined>(
      (best, g) => (g.share > (best?.share ?? 0) ? g : best),
      undefined,
    );
    return {
      name: r.name,
      commits: count(r.totals.commits),
      attributed: pct(r.totals.attributedShare),
      untagged: pct(r.untagged.share),
      top: top ? `${top.id} ${pct(top.share)}` : '',
    };
  });
}

/** Text lines (none for a one-repository report). */
export function repositoryLines(report: AlignmentReport): string[] {
  const all = rows(report);
  if (all.length === 0) return [];
  const width = Math.max(10, ...all.map((r) => printable(r.name).length));
  const line = (r: Row) =>
    `  ${printable(r.name).padEnd(width)}  ${r.commits.padStart(7)}  ${r.attributed.padStart(10)}  ${r.untagged.padStart(8)}  ${printable(r.top)}`;
  return [
    '',
    'Repositories',
    line({ name: 'repository', commits: 'commits', attributed: 'attributed', untagged: 'untagged', top: 'top goal' }),
    ...all.map(line),
  ];
}

/** Markdown lines (none for a one-repository report); `escape` is the renderer's. */
export function repositoryMarkdown(report: AlignmentReport, escape: (text: string) => string): string[] {
  const all = rows(report);
  if (all.length === 0) return [];
  return [
    '',
    '### Repositories',
    '',
    '| Repository | Commits | Attributed | Untagged | Top goal |',
    '|---|---:|---:|---:|---|',
    ...all.map((r) => `| ${escape(r.name)} | ${r.commits} | ${r.attributed} | ${r.untagged} | ${escape(r.top)} |`),
  ];
}

/** An HTML section ('' for a one-repository report). */
export function repositoryHtml(report: AlignmentReport): string {
  const all = rows(report);
  if (all.length === 0) return '';
  const body = all
    .map(
      (r) =>
        `<tr><th scope="row">${h(r.name)}</th><td class="num">${r.commits}</td><td class="num">${r.attributed}</td><td class="num">${r.untagged}</td><td>${h(r.top)}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="repos-h"><h2 id="repos-h">Repositories</h2><div class="scroll"><table class="repositories"><thead><tr><th scope="col">Repository</th><th scope="col" class="num">Commits</th><th scope="col" class="num">Attributed</th><th scope="col" class="num">Untagged</th><th scope="col">Top goal</th></tr></thead><tbody>${body}</tbody></table></div></section>`;
}
