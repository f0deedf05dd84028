// Row → attribution, with each distinct attribution made once: the commits without a note, branch
// goals or an inherited goal share one per goal set; the others one per combination of those inputs.
import { type Attribution, attributeCommit, type BranchGoals, type CommitGoals } from '../attribution/attribute';
import type { IssueClaims } from '../issueKeys';
import type { HistoryView } from './historyView';

const NONE: readonly string[] = [];

export class AttributionSet {
  private constructor(
    /** Row → index into `list`; -1 for merges and commits no branch reaches. */
    readonly of: Int32Array,
    readonly list: Attribution[],
    /** Goal-set id → index, for rows with neither a note, branch goals nor an inherited goal. */
    private readonly plain: number[],
    private readonly mixed: Map<string, number>,
    /** The strategy's `issues:` claims; key-set id → the goals its keys give, made once per set. */
    private readonly claims: IssueClaims | undefined,
    private readonly issueGoals: (readonly string[])[] = [],
  ) {}

  static empty(count: number, claims?: IssueClaims): AttributionSet {
    return new AttributionSet(new Int32Array(count).fill(-1), [], [], new Map(), claims?.empty ? undefined : claims);
  }

  /** A copy over `count` rows (the new ones at -1): this set, its arrays, stay as they are. */
  grown(count: number): AttributionSet {
    const of = new Int32Array(count);
    of.set(this.of.subarray(0, Math.min(count, this.of.length)));
    of.fill(-1, this.of.length);
    return new AttributionSet(of, this.list.slice(), this.plain.slice(), new Map(this.mixed), this.claims, this.issueGoals);
  }

  /** Attributes `row` by the one rule set; a new combination of inputs appends to `list` (earlier indices keep their meaning). */
  set(view: HistoryView, row: number, fromBranches: BranchGoals | undefined, inherited: Attribution | undefined): void {
    const note = view.notes.get(row);
    const goals = view.table.goals[row];
    if (!note && !fromBranches && !inherited) return this.setPlain(view, row);
    const keys = this.claims ? view.table.keys[row] : 0;
    const combination = JSON.stringify([note ?? null, goals, keys, fromBranches ?? null, inherited ?? null]);
    let index = this.mixed.get(combination);
    if (index === undefined)
      this.mixed.set(combination, (index = this.add(attributeCommit(this.commitGoals(view, row, keys), fromBranches ?? NONE, inherited))));
    this.of[row] = index;
  }

  /** Attributes `row`, known to have neither a note, branch goals nor an inherited goal. */
  setPlain(view: HistoryView, row: number): void {
    const goals = view.table.goals[row];
    const keys = this.claims ? view.table.keys[row] : 0;
    if (keys === 0) {
      this.of[row] = this.plain[goals] ??= this.add(attributeCommit(view.goalsOf(row), NONE));
      return;
    }
    const combination = `${goals}:${keys}`;
    let index = this.mixed.get(combination);
    if (index === undefined) this.mixed.set(combination, (index = this.add(attributeCommit(this.commitGoals(view, row, keys), NONE))));
    this.of[row] = index;
  }

  private commitGoals(view: HistoryView, row: number, keys: number): CommitGoals {
    if (keys === 0 || !this.claims) return view.goalsOf(row);
    const issueGoals = (this.issueGoals[keys] ??= this.claims.goalsOf(view.table.keyList(row)));
    return { ...view.goalsOf(row), issueGoals };
  }

  private add(attribution: Attribution): number {
    return this.list.push(attribution) - 1;
  }
}
