// Every repository of a multi-root workspace in one report (issue 15): each repository's last scan
// as the parts the core combines exactly as one run over them all would (core/alignment/reportParts.ts,
// the same combination as `strategy-align report --repo A --repo B`). Made again only when a scan or a
// strategy changed; the Goals view's "All repositories" row and the report panel read the same one.
import { combinedReport, strategyPart } from '../../core/alignment/reportParts';
import type { AlignmentReport } from '../../core/alignment/reportTypes';
import { scanParts } from '../../core/scan/scanParts';
import type { Strategy } from '../../core/strategy/types';
import type { RepoModel } from './repoModel';

export interface AllRepositoriesSource {
  /** The repositories, the reference first (its strategy's goals are the combined report's). */
  readonly referenceOrder: readonly RepoModel[];
  strategyOf(model: RepoModel): Strategy | undefined;
}

export class AllRepositories {
  private made: { key: unknown[]; report: AlignmentReport } | undefined;

  constructor(private readonly source: AllRepositoriesSource) {}

  /** The repositories with a strategy and numbers, when there are at least two. */
  scanned(): RepoModel[] {
    const models = this.source.referenceOrder.filter((m) => m.last && this.source.strategyOf(m));
    return models.length >= 2 ? models : [];
  }

  /** The combined report, or undefined while fewer than two repositories have numbers. */
  report(): AlignmentReport | undefined {
    const models = this.scanned();
    if (models.length === 0) return undefined;
    const key = models.flatMap((m) => [m, m.last, this.source.strategyOf(m)]);
    if (this.made && this.made.key.length === key.length && this.made.key.every((k, i) => k === key[i])) return this.made.report;
    const inputs = models.map((m) => m.last!.scan.input);
    const parts = models.map((m) => scanParts(m.name, m.last!.scan).parts);
    const report = combinedReport(parts, {
      reference: strategyPart(this.source.strategyOf(models[0])!),
      since: inputs[0].since,
      until: inputs[0].until,
      now: new Date(Math.max(...inputs.map((input) => input.now.getTime()))),
    });
    this.made = { key, report };
    return report;
  }
}
