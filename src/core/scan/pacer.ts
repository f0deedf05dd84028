// Turns for the event loop during long synchronous work (issue 14): in the editor the scan runs on
// the extension host's one thread with every other extension, so a phase that takes longer than a
// frame lets the loop run before it goes on. `pause()` costs nothing until `budgetMs` has passed
// since the last turn; then one macrotask (setImmediate), so timers, I/O and messages run.
export const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

export class Pacer {
  private last = performance.now();

  constructor(private readonly budgetMs = 20) {}

  /** Yields to the event loop when this stretch of work has run `budgetMs`. */
  async pause(): Promise<void> {
    if (performance.now() - this.last < this.budgetMs) return;
    await turn();
    this.last = performance.now();
  }
}
