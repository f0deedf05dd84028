// Every repository of a multi-root workspace in one report (issue 15): each repository's last scan
// as the parts the core combines exactly as one run over them all would (core/alignment/reportParts.ts,
// the same combination as `strategy-align report --repo A --repo B`), with the comparison when the
// scans compared (the previous period's parts combined and compared by the core, as `--compare
// previous` does). Made again only when a scan or a strategy changed; the Goals view's "All
// repositories" row and the report panel read the same one.
import { combinedReport, type PreviousPeriod, strategyPart } from '../../core/alignment/reportParts';
import type { AlignmentReport } from '../../core/alignment/reportTypes';
import type { ReportInput } from '../../core/alignment/buildReport';
import type { ScanResult } from '../../core/scan/scan';
import { scanParts } from '../../core/scan/scanParts';
import type { Strategy } from '../../core/strategy/types';
import type { RepoModel } from './repoModel';

export interface AllRepositoriesSource {
  /** The repositories, the reference first (its strategy's goals are the combined report's). */
  readonly referenceOrder: readonly RepoModel[];
  strategyOf(model: RepoModel): Strategy | undefined;
}

/** A scan's range and its previous period's, to the millisecond: scans whose keys differ do not compare alike. */
const rangesOf = (scan: ScanResult) =>
  [scan.input, scan.previousInput].map((input?: ReportInput) => `${input?.since?.getTime()}-${input?.until?.getTime()}`).join(' ');

export class AllRepositories {
  private made: { key: unknown[]; report: AlignmentReport } | undefined;
  /** The clock each repository was last asked to scan again at (align). */
  private readonly asked = new WeakMap<RepoModel, number>();

  constructor(private readonly source: AllRepositoriesSource) {}

  /** The repositories with a strategy and numbers, when there are at least two. */
  scanned(): RepoModel[] {
    const models = this.source.referenceOrder.filter((m) => m.last && this.source.strategyOf(m));
    return models.length >= 2 ? models : [];
  }

  /**
   * The combined report, or undefined while fewer than two repositories have numbers. With the
   * comparison when every scan compared with one previous period (align() brings them there).
   */
  report(): AlignmentReport | undefined {
    const models = this.scanned();
    if (models.length === 0) return undefined;
    const key = models.flatMap((m) => [m, m.last, this.source.strategyOf(m)]);
    if (this.made && this.made.key.length === key.length && this.made.key.every((k, i) => k === key[i])) return this.made.report;
    const scans = models.map((m) => m.last!.scan);
    const split = models.map((m, i) => scanParts(m.name, scans[i]));
    const [{ input, previousInput }] = scans;
    const compared = previousInput !== undefined && scans.every((scan) => scan.previousInput && rangesOf(scan) === rangesOf(scans[0]));
    const previous: PreviousPeriod | undefined = compared
      ? { since: previousInput.since, until: previousInput.until, label: previousInput.label, parts: split.map((s) => s.previous!) }
      : undefined;
    const report = combinedReport(
      split.map((s) => s.parts),
      {
        reference: strategyPart(this.source.strategyOf(models[0])!),
        since: input.since,
        until: input.until,
        label: input.label,
        now: new Date(Math.max(...scans.map((scan) => scan.input.now.getTime()))),
        previous,
      },
    );
    this.made = { key, report };
    return report;
  }

  /**
   * A range open at its end (the last 30 or 90 days) runs to each scan's clock, and so does the
   * previous period of the same length it is compared with: repositories scanned at different
   * moments compare different previous periods, which do not combine exactly. When every scan
   * compared, those whose ranges are not the newest scan's are scanned again at its clock (once per
   * clock), as `report --repo A --repo B` scans every repository at one clock.
   */
  align(): void {
    const models = this.scanned();
    const scans = models.map((m) => m.last!.scan);
    if (scans.length === 0 || !scans.every((scan) => scan.previousInput)) return;
    const newest = scans.reduce((a, b) => (b.input.now > a.input.now ? b : a));
    const clock = newest.input.now.getTime();
    for (const [i, model] of models.entries()) {
      if (rangesOf(scans[i]) === rangesOf(newest) || this.asked.get(model) === clock) continue;
      this.asked.set(model, clock);
      void model.refresh(new Date(clock));
    }
  }
}
