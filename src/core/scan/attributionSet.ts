// Row → attribution, with each distinct attribution made once: the commits without a note, branch
// goals or an inherited goal share one per goal set; the others one per combination of those inputs.
import { type Attribution, attributeCommit } from '../attribution/attribute';
import type { HistoryView } from './historyView';

export class AttributionSet {
  private constructor(
    /** Row → index into `list`; -1 for merges and commits no branch reaches. */
    readonly of: Int32Array,
    readonly list: Attribution[],
    /** Goal-set id → index, for rows with neither a note, branch goals nor an inherited goal. */
    private readonly plain: number[],
    private readonly mixed: Map<string, number>,
  ) {}

  static empty(count: number): AttributionSet {
    return new AttributionSet(new Int32Array(count).fill(-1), [], [], new Map());
  }

  /** A copy over `count` rows (the new ones at -1): this set, its arrays, stay as they are. */
  grown(count: number): AttributionSet {
    const of = new Int32Array(count);
    of.set(this.of.subarray(0, Math.min(count, this.of.length)));
    of.fill(-1, this.of.length);
    return new AttributionSet(of, this.list.slice(), this.plain.slice(), new Map(this.mixed));
  }

  /** Attributes `row` by the one rule set; a new combination of inputs appends to `list` (earlier indices keep their meaning). */
  set(view: HistoryView, row: number, fromBranches: readonly string[] | undefined, inherited: Attribution | undefined): void {
    const note = view.notes.get(row);
    const goals = view.table.goals[row];
    if (!note && !fromBranches && !inherited) return this.setPlain(view, row);
    const combination = JSON.stringify([note ?? null, goals, fromBranches ?? null, inherited ?? null]);
    let index = this.mixed.get(combination);
    if (index === undefined)
      this.mixed.set(combination, (index = this.add(attributeCommit(view.goalsOf(row), fromBranches ?? [], inherited))));
    this.of[row] = index;
  }

  /** Attributes `row`, known to have neither a note, branch goals nor an inherited goal. */
  setPlain(view: HistoryView, row: number): void {
    this.of[row] = this.plain[view.table.goals[row]] ??= this.add(attributeCommit(view.goalsOf(row), []));
  }

  private add(attribution: Attribution): number {
    return this.list.push(attribution) - 1;
  }
}
