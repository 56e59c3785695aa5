export type { Rect } from '../geometry';

/** Runs a self-contained function in the walked tab (see lib/browser runInTab). */
export type RunInTab = <Args extends unknown[], Result>(
  tabId: number,
  func: (...args: Args) => Result,
  args: Args,
) => Promise<Awaited<Result>>;

/** Keeps captureVisibleTab within Chrome's quota of 2 calls per second (failed calls count too). */

export const MIN_CAPTURE_GAP_MS = 520;
const MAX_QUOTA_RETRIES = 5;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function isQuotaError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|quota/i.test(message);
}

/** Runs `work` while holding a lock that other contexts of the extension respect (Web Locks). */
export type CrossContextLock = <T>(work: () => Promise<T>) => Promise<T>;

/** Without Web Locks (Node tests): the lock is this context's own queue only. */
const noLock: CrossContextLock = (work) => work();

/**
 * Runs capture calls one at a time, at least MIN_CAPTURE_GAP_MS apart, retrying a call that hit
 * the quota anyway, so a fast auditor never loses a capture. The quota is per browser: with a
 * cross-context `lock` (Web Locks, lib/browser) the side panel, the service worker and every page
 * take turns, and each holds the lock until its call's gap has passed.
 */
export class CapturePacer {
  private queue: Promise<unknown> = Promise.resolve();
  private lastCallAt = -Infinity;

  constructor(
    private readonly clock: Clock = realClock,
    private readonly gapMs = MIN_CAPTURE_GAP_MS,
    private readonly lock: CrossContextLock = noLock,
  ) {}

  run<T>(capture: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const turn = () =>
        this.lock(async () => {
          try {
            resolve(await this.attempt(capture, 0));
          } catch (error) {
            reject(error);
          }
          // Keep the lock until the gap has passed: the next call, in any context, comes after.
          const wait = this.lastCallAt + this.gapMs - this.clock.now();
          if (wait > 0) await this.clock.sleep(wait);
        });
      this.queue = this.queue.then(turn, turn);
    });
  }

  private async attempt<T>(capture: () => Promise<T>, retry: number): Promise<T> {
    const wait = this.lastCallAt + this.gapMs - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
    this.lastCallAt = this.clock.now();
    try {
      return await capture();
    } catch (error) {
      if (!isQuotaError(error) || retry >= MAX_QUOTA_RETRIES) throw error;
      return this.attempt(capture, retry + 1);
    }
  }
}
