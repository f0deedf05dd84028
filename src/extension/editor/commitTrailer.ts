// The Source Control commit box of a tagged branch gets a `Goal: <id>` trailer: appended as a
// trailer block, never overwriting or duplicating what the user typed, reapplied after a commit
// clears the box. When the branch changes, only our own untouched insertion is replaced; a trailer
// the user deleted stays deleted until the goal changes or the box is emptied.
//
// The workbench echoes every value set from here back to the extension host, each after its own
// round trip, and a view showing the box writes its text back later still: after two quick writes
// the box can read, for a moment or for good, as the first one again (the integration tests saw
// 2 full runs in 5 keep an earlier trailer so). A value this controller wrote in the last few
// seconds is taken for such an echo, not for the user's text: nobody types the same message again
// that fast.
import { appendGoalTrailer } from '../../core/tagging';
import type { GitInputBox } from '../git/gitApi';

/** How long a value written here may come back as the workbench's echo. */
const ECHO_MS = 5000;

export class CommitTrailer {
  /** What the box held before our last insertion, and what we set it to. */
  private applied: { before: string; value: string } | undefined;
  /** The trailer last applied (`key: goal`), to tell a deletion from a new goal. */
  private lastTarget: string | undefined;
  /** What this controller wrote into the box, and when. */
  private written: { value: string; at: number }[] = [];

  constructor(
    private readonly box: GitInputBox,
    private readonly now: () => number = Date.now,
  ) {}

  /** Brings the box in line with `target` (undefined: the branch has no goal). */
  apply(target: { key: string; goal: string } | undefined): void {
    const current = this.box.value;
    const at = this.now();
    this.written = this.written.filter((w) => at - w.at < ECHO_MS);
    const echo = this.written.some((w) => w.value === current);
    const untouched = this.applied !== undefined && (current === this.applied.value || echo);
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
    this.written.push({ value: next, at });
    this.applied = next === base ? undefined : { before: base, value: next };
  }
}
