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

/**
 * Runs capture calls one at a time, at least MIN_CAPTURE_GAP_MS apart, retrying a call that hit
 * the quota anyway (another context may have captured), so a fast auditor never loses a capture.
 */
export class CapturePacer {
  private queue: Promise<unknown> = Promise.resolve();
  private lastCallAt = -Infinity;

  constructor(
    private readonly clock: Clock = realClock,
    private readonly gapMs = MIN_CAPTURE_GAP_MS,
  ) {}

  run<T>(capture: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.attempt(capture, 0));
    this.queue = result.catch(() => undefined);
    return result;
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
