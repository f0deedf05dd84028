// Writes that race other git processes: retried with jittered exponential backoff while git says
// a ref or the config is locked (or moved under a compare-and-swap), then a clear retryable error.
import { GitError } from './errors';

export interface RetryOptions {
  /** Give up after this long (ms); the last attempt may start just before. */
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

const DEFAULTS: RetryOptions = { budgetMs: 10_000, firstDelayMs: 15, maxDelayMs: 400 };

/** Runs `attempt` until it succeeds or fails with something other than a lock. */
export async function retryWhileLocked<T>(what: string, attempt: () => Promise<T>, options: RetryOptions = DEFAULTS): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof GitError) || error.kind !== 'locked') throw error;
      const delay = Math.min(options.maxDelayMs, options.firstDelayMs * 2 ** n) * (0.5 + Math.random());
      if (Date.now() + delay > deadline) {
        throw new GitError(
          'locked',
          `${what}: another git process kept it locked for ${Math.round(options.budgetMs / 1000)} s; nothing was changed, try again (${error.message})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
