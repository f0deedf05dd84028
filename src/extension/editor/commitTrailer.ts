// The Source Control commit box of a tagged branch gets a `Goal: <id>` trailer: appended as a
// trailer block, never overwriting or duplicating what the user typed, reapplied after a commit
// clears the box. When the branch changes, only our own untouched insertion is replaced.
import { appendGoalTrailer } from '../../core/tagging';
import type { GitInputBox } from '../git/gitApi';

export class CommitTrailer {
  /** What the box held before our last insertion, and what we set it to. */
  private applied: { before: string; value: string } | undefined;

  constructor(private readonly box: GitInputBox) {}

  /** Brings the box in line with `target` (undefined: the branch has no goal). */
  apply(target: { key: string; goal: string } | undefined): void {
    const current = this.box.value;
    const untouched = this.applied !== undefined && current === this.applied.value;
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
