// The Source Control commit box of a tagged branch gets a `Goal: <id>` trailer: appended as a
// trailer block, never overwriting or duplicating what the user typed, reapplied after a commit
// clears the box. When the branch changes, only our own untouched insertion is replaced; a trailer
// the user deleted stays deleted until the goal changes or the box is emptied.
import { appendGoalTrailer } from '../../core/tagging';
import type { GitInputBox } from '../git/gitApi';

export class CommitTrailer {
  /** What the box held before our last insertion, and what we set it to. */
  private applied: { before: string; value: string } | undefined;
  /** The trailer last applied (`key: goal`), to tell a deletion from a new goal. */
  private lastTarget: string | undefined;

  constructor(private readonly box: GitInputBox) {}

  /** Brings the box in line with `target` (undefined: the branch has no goal). */
  apply(target: { key: string; goal: string } | undefined): void {
    const current = this.box.value;
    const untouched = this.applied !== undefined && current === this.applied.value;
    const wanted = target ? `${target.key}: ${target.goal}` : undefined;
    const sameGoal = wanted === this.lastTarget;
    this.lastTarget = wanted;
    if (sameGoal && !untouched && current.trim() !== '') {
      this.applied = undefined; // the user has edited the box: it is theirs now
      return;
    }
    const base = untouched ? this.applied!.before : current;
    const next = target ? appendGoalTrailer(base, target.key, target.goal) : base;
    if (next === current) {
      if (!untouched) this.applied = undefined;
      return;
    }
    this.box.value = next;
    this.applied = next === base ? undefined : { before: base, value: next };
  }
}
